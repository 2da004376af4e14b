// Entry of an analysis worker thread (src/analysis-pool.ts) when the pool runs from the TypeScript
// sources (tests, benches). Plain JavaScript because a worker does not inherit the main thread's
// TypeScript loader: it registers tsx, then loads the task. The compiled command needs no such entry.
import { register } from 'tsx/esm/api';

register();
await import('./analysis-task.ts');
