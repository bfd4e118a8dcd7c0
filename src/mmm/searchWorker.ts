/** Worker-thread entry: rebuilds the search problem once, then runs tasks as they arrive. */
import { parentPort, workerData } from 'node:worker_threads';
import { SearchSetup, SearchWorkspace } from './search';
import { runSearchTask, SearchTask } from './tasks';

const workspace = new SearchWorkspace(workerData as SearchSetup);
parentPort?.on('message', (message: { id: number; task: SearchTask }) => {
  try {
    parentPort?.postMessage({ id: message.id, outcome: runSearchTask(workspace, message.task) });
  } catch (error) {
    parentPort?.postMessage({ id: message.id, error: error instanceof Error ? error.message : String(error) });
  }
});
parentPort?.postMessage({ ready: true });
