// An analysis worker thread (see src/analysis-pool.ts): analyses the pages the pool sends, one at a time
// in the order sent, and answers each with its facts. Pages sent while one is analysed wait in `queue`,
// so the next starts as soon as one is done.
import { parentPort, workerData } from 'node:worker_threads';
import { analyzePage } from '../analyzers/index.ts';
import type { PageFacts } from '../analyzers/types.ts';
import { STARTED_AT, STARTED_ID, type AnalysisTask, type TaskMessage, type ThreadMessage } from './analysis-pool.ts';

const utf8 = new TextDecoder();

function analyzeTask(task: AnalysisTask): Promise<PageFacts> {
  const { html, asOf, ...input } = task;
  return analyzePage({ ...input, html: html === null ? null : utf8.decode(html) }, asOf);
}

if (parentPort) {
  const port = parentPort;
  const { started } = workerData as { started: BigInt64Array };
  const queue: TaskMessage[] = [];
  let busy = false;
  const answer = (message: ThreadMessage) => port.postMessage(message);

  const work = async () => {
    busy = true;
    for (let next = queue.shift(); next; next = queue.shift()) {
      // When first, then which: the pool reads which, then when (its clock for this page starts here).
      Atomics.store(started, STARTED_AT, BigInt(Date.now()));
      Atomics.store(started, STARTED_ID, BigInt(next.id));
      try {
        answer({ id: next.id, facts: await analyzeTask(next.task) });
      } catch (err) {
        answer({ id: next.id, error: (err as Error).message ?? String(err) });
      }
    }
    busy = false;
  };
  port.on('message', (message: TaskMessage) => {
    queue.push(message);
    if (!busy) void work();
  });
  answer({ ready: true });
}
