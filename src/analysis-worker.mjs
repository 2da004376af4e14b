// Entry of an analysis worker thread (src/analysis-pool.ts). Plain JavaScript because a worker does not
// inherit the main thread's TypeScript loader: it registers tsx, then loads the task.
import { register } from 'tsx/esm/api';

register();
const { analyzeTask } = await import('./analysis-task.ts');
export default analyzeTask;
