/**
 * Charts on the CPU pool's threads (cpuPool.ts). A module of its own: a thread loads canvas and
 * chart.js only once it draws, so threads that only fit never do.
 */
import { responseCurveChartPng, scenarioChartPng, type ResponseCurveChartInput, type ScenarioChartInput } from '../charts';

export type ChartTask = { kind: 'scenario'; input: ScenarioChartInput } | { kind: 'responseCurve'; input: ResponseCurveChartInput };

export function chart(task: ChartTask): Uint8Array {
  return task.kind === 'scenario' ? scenarioChartPng(task.input) : responseCurveChartPng(task.input);
}
