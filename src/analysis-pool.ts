// Page analysis off the crawl's thread: a small pool of worker threads that run analyzePage.
// The crawl loop, the checks and the reports stay on the main thread; each page's body crosses once,
// as UTF-8 bytes whose buffer is transferred, not copied; the facts come back.
//
// Sized to the machine: one thread per core beyond the one the crawl uses, at least one. Bounded: a
// thread holds at most QUEUE_DEPTH pages, the one it analyses and the next ones, the rest wait here in
// order, and the crawl awaits each page's analysis before it reads on (a crawl holds at most its
// concurrency in pages). The next pages are sent ahead so that the thread starts one the moment it
// finishes another: handed one page at a time, a thread sat idle between pages until the crawl thread,
// busy with other pages' decoding and links, took its result and sent another (in a 2,000-page audit
// 1.2-2 ms a page, median, against ~3-5 ms of analysis).
//
// Each page is also contained: a worker's heap is capped (resourceLimits) and a page's analysis time
// is capped from the moment the thread starts it (not while it waits in the thread's queue, nor while
// a thread starts): a page that overruns either costs that thread, which is replaced, and becomes that
// page's error; the pages queued behind it go to the replacement. Other pages, and the process, go on.
// (piscina, used before, hands a thread a second task only as a concurrent one, whose clock runs while
// it waits and which the first one's timeout takes down with it.)
import { availableParallelism } from 'node:os';
import { setFlagsFromString } from 'node:v8';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { PageFacts, PageInput } from '../analyzers/types.ts';
import { emptyFacts } from '../analyzers/facts.ts';

/** What crosses to a worker: the page input with its body as transferred bytes. */
export interface AnalysisTask extends Omit<PageInput, 'html'> {
  /** The decoded HTML, UTF-8 encoded; null for documents. */
  html: Uint8Array | null;
  asOf: string;
}

/** To a thread: a page to analyse; ids count up from 1 in the order the thread is sent them. */
export interface TaskMessage {
  id: number;
  task: AnalysisTask;
}

/** From a thread: loaded, or a page's facts, or why its analysis threw. */
export type ThreadMessage = { ready: true } | { id: number; facts: PageFacts } | { id: number; error: string };

/**
 * What a thread shares with the pool without a message (a message would wake the crawl thread once
 * more per page): the id of the page it started last, and when (Date.now()).
 */
export const STARTED_ID = 0;
export const STARTED_AT = 1;

/**
 * Pages a thread holds: the one it analyses and two more. In a 2,000-page audit (shared machine) the
 * thread was busy 0.62 of the crawl's time handed one page at a time, 0.77 holding two, 0.84 holding
 * three, 0.85 holding four: the crawl thread, itself descheduled at times, now and then takes longer
 * than a page's analysis to answer.
 */
const QUEUE_DEPTH = 3;

export interface AnalysisPoolOptions {
  /** Worker threads. Default: cores − 1, at least 1. */
  threads?: number;
  /**
   * Heap cap of each worker (V8 old generation), MB. Default 256: what one hostile page may cost (a PDF
   * whose streams inflate past it fails as that page's error). A higher cap would let V8 grow the heap
   * more between full collections (its growing factor scales with the cap: ~1.3 at 256 MB, ~1.5 at
   * 768) and measured ~5 % less CPU at 2,000 pages on a shared machine (9ac919b), but at the price of
   * three times the memory a hostile page can take from every audit sharing the process.
   */
  maxHeapMb?: number;
}

/** Time one page's analysis may take once started, unless the caller says otherwise. */
export const DEFAULT_ANALYSIS_TIMEOUT_MS = 15_000;

// A worker thread does not inherit the main thread's loader: from the TypeScript sources (tests, benches)
// it starts in analysis-worker.mjs, which registers tsx; the compiled command's worker loads the
// compiled task itself, without tsx (~5 MB and ~1 s of start-up less per thread).
const WORKER = fileURLToPath(new URL(import.meta.url.endsWith('.ts') ? './analysis-worker.mjs' : './analysis-task.js', import.meta.url));

/** A page waiting for its facts. */
interface Job {
  input: PageInput;
  asOf: string;
  timeoutMs: number;
  resolve: (facts: PageFacts) => void;
}

export class AnalysisPool {
  readonly threads: number;
  readonly #maxHeapMb: number;
  /** A slot is empty after a thread that never loaded, until a page waits. */
  readonly #running: (AnalysisThread | null)[];
  /** Pages no thread holds yet, in order. */
  readonly #waiting: Job[] = [];
  #closed = false;

  constructor(opts: AnalysisPoolOptions = {}) {
    this.threads = opts.threads ?? Math.max(1, availableParallelism() - 1);
    this.#maxHeapMb = opts.maxHeapMb ?? 256;
    // Started now, so that they load the analyzers while the crawl fetches its first pages.
    this.#running = Array.from({ length: this.threads }, () => this.#startThread());
  }

  /**
   * The page's facts. Never throws for the page's sake: a page that overruns its time or the worker's
   * memory gets facts with nothing read and the reason in `error`.
   */
  analyze(input: PageInput, asOf: string, timeoutMs = DEFAULT_ANALYSIS_TIMEOUT_MS): Promise<PageFacts> {
    if (this.#closed) return Promise.resolve(emptyFacts(CLOSED));
    return new Promise((resolve) => {
      this.#waiting.push({ input, asOf, timeoutMs, resolve });
      this.#dispatch();
    });
  }

  /** Stops the threads; a page not analysed yet gets facts with the reason. */
  async close(): Promise<void> {
    this.#closed = true;
    for (const job of this.#waiting.splice(0)) job.resolve(emptyFacts(CLOSED));
    await Promise.all(this.#running.map((thread) => thread?.end()));
  }

  #startThread(): AnalysisThread {
    return new AnalysisThread(this.#maxHeapMb, {
      settled: () => this.#dispatch(),
      ended: (thread, unstarted, loaded) => this.#replace(thread, unstarted, loaded),
    });
  }

  /** Hands waiting pages to the threads with room, the least loaded first. */
  #dispatch(): void {
    while (this.#waiting.length) {
      let thread: AnalysisThread | null = null;
      for (let i = 0; i < this.#running.length; i++) {
        const t = (this.#running[i] ??= this.#startThread());
        if (t.holding < QUEUE_DEPTH && (!thread || t.holding < thread.holding)) thread = t;
      }
      if (!thread) return;
      thread.send(this.#waiting.shift()!);
    }
  }

  /**
   * A thread ended: its pages not started yet go first to its replacement, in their order. One that
   * never loaded (a broken install) is replaced only when a page waits, not in a loop of failing starts.
   */
  #replace(thread: AnalysisThread, unstarted: Job[], loaded: boolean): void {
    if (this.#closed) {
      for (const job of unstarted) job.resolve(emptyFacts(CLOSED));
      return;
    }
    this.#running[this.#running.indexOf(thread)] = loaded ? this.#startThread() : null;
    this.#waiting.unshift(...unstarted);
    this.#dispatch();
  }
}

const CLOSED = 'not analysed: the analysis pool was closed';

interface ThreadEvents {
  /** A page's facts came back: the thread has room for another. */
  settled: () => void;
  /** The thread is gone; `unstarted` are the pages it held but had not begun; `loaded`, whether it had loaded the analyzers. */
  ended: (thread: AnalysisThread, unstarted: Job[], loaded: boolean) => void;
}

/** One worker thread and the pages it holds. */
class AnalysisThread {
  readonly #worker: Worker;
  readonly #started = new BigInt64Array(new SharedArrayBuffer(2 * BigInt64Array.BYTES_PER_ELEMENT));
  readonly #events: ThreadEvents;
  /** Pages sent and not answered, by id (in the order sent). */
  readonly #held = new Map<number, Job & { timer: NodeJS.Timeout }>();
  #nextId = 1;
  #ready = false;
  /** Why the thread ends, once the pool or a page's overrun ends it; else the worker's own failure. */
  #reason: string | null = null;
  readonly #exited: Promise<void>;

  constructor(maxHeapMb: number, events: ThreadEvents) {
    this.#events = events;
    // V8's heap flags are the process's, and a thread reads them when it starts, after its resourceLimits:
    // under the command's --max-old-space-size=768 (meant for the crawl thread) a worker's heap could grow
    // to 768 MB, not maxHeapMb (a 30 MB PDF bomb read whole in 25 s at 942 MB RSS instead of failing at
    // 96). The crawl thread's heap keeps the limit it started with; cleared, the flag leaves the cap to
    // each worker.
    setFlagsFromString('--max-old-space-size=0');
    this.#worker = new Worker(WORKER, {
      workerData: { started: this.#started },
      // 16 MB of young generation: at 8 MB the collector's scavenges (and the helper threads they wake)
      // cost ~10 % more CPU per page (npm run bench:analysis), for at most 8 MB less RSS per worker.
      // A --max-semi-space-size the process starts with overrides it (the command's and the crawl
      // benches' 2 MB: their workers run with 2 MB semi-spaces; 16 MB young measured +6-9 MB of RSS at
      // 2,000 pages with no CPU change visible in two rounds).
      resourceLimits: { maxOldGenerationSizeMb: maxHeapMb, maxYoungGenerationSizeMb: 16 },
    });
    this.#worker.on('message', (message: ThreadMessage) => this.#answered(message));
    // A worker that fails (out of memory, an exception outside a page's analysis) then exits: 'exit'
    // settles its pages, once every message it sent has been read. Unheard, 'error' would end the process.
    this.#worker.on('error', (err: Error & { code?: string }) => {
      this.#reason ??= err.code === 'ERR_WORKER_OUT_OF_MEMORY' ? 'not analysed: needed more memory than one page may use' : `not analysed: ${err.message}`;
    });
    this.#exited = new Promise((resolve) => this.#worker.once('exit', () => {
      this.#ended();
      resolve();
    }));
    // An idle thread does not keep the process alive (a command whose crawl fails at its homepage ends
    // with no page analysed); after the listeners, as adding a 'message' listener refs the worker again.
    this.#worker.unref();
  }

  /** Pages sent and not answered. */
  get holding(): number {
    return this.#held.size;
  }

  send(job: Job): void {
    const id = this.#nextId++;
    // Encoded here rather than on arrival: a page sent to a thread that ends before starting it is sent
    // again from its input, its first bytes having gone with the thread.
    const html = job.input.html === null ? null : utf8.encode(job.input.html);
    const bytes = job.input.bytes === null ? null : job.input.bytes.slice();
    const message: TaskMessage = { id, task: { ...job.input, html, bytes, asOf: job.asOf } };
    const transferList = [html?.buffer, bytes?.buffer].filter((b): b is ArrayBuffer => b !== undefined);
    this.#held.set(id, { ...job, timer: this.#clock(id, job.timeoutMs, job.timeoutMs) });
    if (this.#held.size === 1) this.#worker.ref();
    this.#worker.postMessage(message, transferList);
  }

  /** Ends the thread; its pages are settled by the pool. */
  end(): Promise<void> {
    this.#reason ??= CLOSED;
    void this.#worker.terminate();
    return this.#exited;
  }

  /**
   * Checks page `id` after `ms`: the page's time counts from when the thread started it (the shared
   * slots say when), so a page still queued, or one started late, is checked again later.
   */
  #clock(id: number, timeoutMs: number, ms: number): NodeJS.Timeout {
    const timer = setTimeout(() => {
      const job = this.#held.get(id);
      if (!job) return;
      const started = Number(Atomics.load(this.#started, STARTED_ID));
      if (started > id) return; // answered; its facts are on their way
      const left = started === id ? Number(Atomics.load(this.#started, STARTED_AT)) + timeoutMs - Date.now() : timeoutMs;
      if (left > 0) {
        job.timer = this.#clock(id, timeoutMs, left);
        return;
      }
      this.#reason ??= `not analysed: took longer than ${timeoutMs / 1000} s`;
      void this.#worker.terminate();
    }, ms);
    // The worker, referenced while it holds pages, keeps the process alive; the clock need not.
    timer.unref();
    return timer;
  }

  #answered(message: ThreadMessage): void {
    if ('ready' in message) {
      this.#ready = true;
      return;
    }
    const job = this.#held.get(message.id);
    if (!job) return;
    this.#held.delete(message.id);
    clearTimeout(job.timer);
    if (this.#held.size === 0) this.#worker.unref();
    job.resolve('facts' in message ? message.facts : emptyFacts(`not analysed: ${message.error}`));
    this.#events.settled();
  }

  /**
   * The worker is gone and every answer it sent has been read: the page it had started gets the reason;
   * those it had not go back to the pool. A thread that never loaded (a broken install) fails its pages
   * rather than pass them on to replacements that would fail the same way.
   */
  #ended(): void {
    const started = Number(Atomics.load(this.#started, STARTED_ID));
    const reason = this.#reason ?? 'not analysed: the analysis thread ended';
    const unstarted: Job[] = [];
    for (const [id, job] of this.#held) {
      clearTimeout(job.timer);
      if (id <= started || !this.#ready) job.resolve(emptyFacts(reason));
      else unstarted.push(job);
    }
    this.#held.clear();
    this.#events.ended(this, unstarted, this.#ready);
  }
}

const utf8 = new TextEncoder();

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
