// What an analysis worker runs for one page (see src/analysis-pool.ts).
import { analyzePage } from '../analyzers/index.ts';
import type { PageFacts } from '../analyzers/types.ts';
import type { AnalysisTask, WARM_UP } from './analysis-pool.ts';

const utf8 = new TextDecoder();

export async function analyzeTask(task: AnalysisTask | typeof WARM_UP): Promise<PageFacts | null> {
  if (task === null) return null;
  const { html, asOf, ...input } = task;
  return analyzePage({ ...input, html: html === null ? null : utf8.decode(html) }, asOf);
}
