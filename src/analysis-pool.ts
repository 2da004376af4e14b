// Page analysis off the crawl's thread: a small pool of worker threads (piscina) that run analyzePage.
// The crawl loop, the checks and the reports stay on the main thread; each page's body crosses once,
// as UTF-8 bytes whose buffer is transferred, not copied; the facts come back.
//
// Sized to the machine: one thread per core beyond the one the crawl uses, at least one. Bounded: at
// most one page per thread is handed to piscina, the rest wait here in order, and the crawl awaits
// each page's analysis before it reads on (a crawl holds at most its concurrency in pages).
//
// Each page is also contained: a worker's heap is capped (resourceLimits) and a page's analysis time
// is capped from the moment it starts (not while it waits, nor while a thread starts): a page that
// overruns either (a PDF whose content is drawn hundreds of times, pathological markup) costs that
// worker, which piscina replaces, and becomes that page's error. Other pages, and the process, go on.
import { availableParallelism } from 'node:os';
import { setFlagsFromString } from 'node:v8';
import { fileURLToPath } from 'node:url';
import { Piscina } from 'piscina';
import type { PageFacts, PageInput } from '../analyzers/types.ts';
import { emptyFacts } from '../analyzers/facts.ts';

/** What crosses to a worker: the page input with its body as transferred bytes. */
export interface AnalysisTask extends Omit<PageInput, 'html'> {
  /** The decoded HTML, UTF-8 encoded; null for documents. */
  html: Uint8Array | null;
  asOf: string;
}

/** A task that only has the thread load the analyzers (null answers it), so no page's clock runs meanwhile. */
export const WARM_UP = null;

export interface AnalysisPoolOptions {
  /** Worker threads. Default: cores − 1, at least 1. */
  threads?: number;
  /** Heap cap of each worker (V8 old generation), MB. Default 256. */
  maxHeapMb?: number;
}

/** Time one page's analysis may take once started, unless the caller says otherwise. */
export const DEFAULT_ANALYSIS_TIMEOUT_MS = 15_000;

// A worker thread does not inherit the main thread's loader: from the TypeScript sources (tests, benches)
// it starts in analysis-worker.mjs, which registers tsx; the compiled command's worker loads the
// compiled task itself, without tsx (~5 MB and ~1 s of start-up less per thread).
const WORKER = fileURLToPath(new URL(import.meta.url.endsWith('.ts') ? './analysis-worker.mjs' : './analysis-task.js', import.meta.url));

export class AnalysisPool {
  readonly threads: number;
  readonly #pool: Piscina<AnalysisTask | typeof WARM_UP, PageFacts | null>;
  #running = 0;
  readonly #waiting: (() => void)[] = [];
  /** Settles once every thread has loaded the analyzers (again after a thread was replaced). */
  #ready: Promise<unknown>;

  constructor(opts: AnalysisPoolOptions = {}) {
    this.threads = opts.threads ?? Math.max(1, availableParallelism() - 1);
    const maxHeapMb = opts.maxHeapMb ?? 256;
    this.#pool = startThreads(this.threads, maxHeapMb);
    this.#ready = this.#warmUp();
  }

  #warmUp(): Promise<unknown> {
    return Promise.all(Array.from({ length: this.threads }, () => this.#pool.run(WARM_UP))).catch(() => undefined);
  }

  /**
   * The page's facts. Never throws for the page's sake: a page that overruns its time or the worker's
   * memory gets facts with nothing read and the reason in `error`.
   */
  async analyze(input: PageInput, asOf: string, timeoutMs = DEFAULT_ANALYSIS_TIMEOUT_MS): Promise<PageFacts> {
    const html = input.html === null ? null : new TextEncoder().encode(input.html);
    const bytes = input.bytes === null ? null : input.bytes.slice();
    const task: AnalysisTask = { ...input, html, bytes, asOf };
    const transferList = [html?.buffer, bytes?.buffer].filter((b): b is ArrayBuffer => b !== undefined);
    await this.#slot();
    try {
      await this.#ready;
      return (await this.#pool.run(task, { transferList, signal: AbortSignal.timeout(timeoutMs) }))!;
    } catch (err) {
      // The thread that ran this page is gone; its replacement loads before the next page's clock starts.
      this.#ready = this.#warmUp();
      return emptyFacts(overrunMessage(err, timeoutMs));
    } finally {
      this.#release();
    }
  }

  /** Stops the threads (tasks in flight are abandoned). */
  async close(): Promise<void> {
    await this.#pool.destroy();
  }

  #slot(): Promise<void> {
    if (this.#running < this.threads) {
      this.#running++;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.#waiting.push(resolve));
  }

  #release(): void {
    const next = this.#waiting.shift();
    if (next) next();
    else this.#running--;
  }
}

/** The piscina pool behind an AnalysisPool (exported so a test can make one of its threads fail between tasks). */
export function startThreads(threads: number, maxHeapMb: number): Piscina<AnalysisTask | typeof WARM_UP, PageFacts | null> {
  // V8's heap flags are the process's, and a thread reads them when it starts, after its resourceLimits:
  // under the command's --max-old-space-size=768 (meant for this thread) a worker's heap could grow to
  // 768 MB, not maxHeapMb (a 30 MB PDF bomb read whole in 25 s at 942 MB RSS instead of failing at 96).
  // This thread's heap keeps the limit it started with; cleared here, the flag leaves the cap to each worker.
  setFlagsFromString('--max-old-space-size=0');
  const pool = new Piscina<AnalysisTask | typeof WARM_UP, PageFacts | null>({
    filename: WORKER,
    name: 'analyzeTask',
    minThreads: threads,
    maxThreads: threads,
    // Between sites of a batch, or pages of a slow site, a thread is kept rather than restarted.
    idleTimeout: 60_000,
    // Between tasks a thread waits on its message port, not in Atomics.wait (piscina's default): the
    // crawl keeps the thread's queue full, and with the blocking wait each page's round trip took
    // longer (a 2,000-page audit 10.8-11.2 s against 10.1-10.3 s, and ~4 % more CPU, interleaved).
    atomics: 'disabled',
    // 16 MB of young generation: at 8 MB the collector's scavenges (and the helper threads they wake)
    // cost ~10 % more CPU per page (npm run bench:analysis), for at most 8 MB less RSS per worker.
    // A --max-semi-space-size the process starts with overrides it (the command's and the crawl
    // benches' 2 MB: their workers run with 2 MB semi-spaces; 16 MB young measured +6-9 MB of RSS at
    // 2,000 pages with no CPU change visible in two rounds).
    resourceLimits: { maxOldGenerationSizeMb: maxHeapMb, maxYoungGenerationSizeMb: 16 },
  });
  // A thread that fails while it runs no task is reported here, not to a task: typically one whose page
  // overran its time and which then ran out of memory before its termination took hold. Its page has
  // already become that page's error and piscina replaces the thread; unheard, this event would end
  // the process (an EventEmitter's 'error' with no listener throws).
  pool.on('error', () => {});
  return pool;
}

function overrunMessage(err: unknown, timeoutMs: number): string {
  const e = err as { name?: string; code?: string; message?: string };
  if (e.name === 'AbortError' || e.name === 'TimeoutError') return `not analysed: took longer than ${timeoutMs / 1000} s`;
  if (e.code === 'ERR_WORKER_OUT_OF_MEMORY') return 'not analysed: needed more memory than one page may use';
  return `not analysed: ${e.message ?? String(err)}`;
}

let shared: AnalysisPool | null = null;

/** The process's pool, started on first use and shared by every audit (a batch runs several). */
export function sharedAnalysisPool(): AnalysisPool {
  return (shared ??= new AnalysisPool());
}

/**
 * Ends the process's pool, and with it its threads' memory (a later sharedAnalysisPool() starts
 * another): for a command that has no page left to analyse.
 */
export async function closeSharedAnalysisPool(): Promise<void> {
  const pool = shared;
  shared = null;
  await pool?.close();
}
