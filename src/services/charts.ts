import type { AppContext } from './appContext';
import { chart, type ChartTask } from './chartWorker';

/** A chart's PNG: on the CPU pool in a server (a chart costs tens of milliseconds of CPU), in place otherwise. */
export async function drawChart(app: Pick<AppContext, 'cpuPool'>, task: ChartTask): Promise<Buffer> {
  if (app.cpuPool) return app.cpuPool.chart(task);
  const png = chart(task);
  return Buffer.isBuffer(png) ? png : Buffer.from(png);
}
