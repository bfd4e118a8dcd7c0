/**
 * Charts on the CPU pool's threads (cpuPool.ts). A module of its own: a thread loads canvas and
 * chart.js only once it draws, so threads that only fit never do.
 */
import { digestChartPng, responseCurveChartPng, scenarioChartPng, type DigestChannelFigures, type ResponseCurveChartInput, type ScenarioChartInput } from '../charts';

export type ChartTask =
  | { kind: 'scenario'; input: ScenarioChartInput }
  | { kind: 'responseCurve'; input: ResponseCurveChartInput }
  | { kind: 'digest'; channels: DigestChannelFigures[]; heading: { title: string; subtitle?: string } };

export function chart(task: ChartTask): Uint8Array {
  switch (task.kind) {
    case 'scenario':
      return scenarioChartPng(task.input);
    case 'responseCurve':
      return responseCurveChartPng(task.input);
    case 'digest':
      return digestChartPng(task.channels, task.heading);
  }
}
