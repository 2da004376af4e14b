// Batch progress: a cli-progress bar on a terminal (partners done / total, pages fetched, partners in
// flight, elapsed and ETA), plain one-line messages otherwise (logs, CI, pipes).

import cliProgress from 'cli-progress';
import { withoutControls } from '../report/escape.ts';

export interface BatchProgress {
  start(total: number, alreadyDone: number): void;
  partnerStarted(id: string): void;
  /** Pages fetched so far by one partner (cumulative for that partner). */
  partnerPages(id: string, fetched: number): void;
  /** outcome: one short line, e.g. "done: 42 pages, verdict fail" or the error. */
  partnerFinished(id: string, outcome: string): void;
  /** The partner's audit was abandoned (Ctrl-C) and will be redone on resume. */
  partnerAbandoned(id: string): void;
  /**
   * A message that must not be lost under the bar (input problems, shutdown notices). Messages and
   * outcomes carry text from input files and sites: their control characters are dropped.
   */
  note(message: string): void;
  stop(): void;
}

/** Where progress goes: a terminal gets the bar, anything else plain lines. */
export type ProgressStream = Pick<NodeJS.WritableStream, 'write'> & { isTTY?: boolean };

export function createProgress(stream: ProgressStream = process.stderr): BatchProgress {
  return stream.isTTY ? new BarProgress(stream as NodeJS.WriteStream) : new LineProgress(stream);
}

abstract class CountingProgress implements BatchProgress {
  protected total = 0;
  protected done = 0;
  protected readonly inFlight = new Map<string, number>();
  protected pagesFinished = 0;
  protected readonly startedAt = Date.now();

  start(total: number, alreadyDone: number): void {
    this.total = total;
    this.done = alreadyDone;
  }
  partnerStarted(id: string): void {
    this.inFlight.set(id, 0);
  }
  partnerPages(id: string, fetched: number): void {
    if (this.inFlight.has(id)) this.inFlight.set(id, fetched);
  }
  partnerFinished(id: string, outcome: string): void {
    this.pagesFinished += this.inFlight.get(id) ?? 0;
    this.inFlight.delete(id);
    this.done++;
    this.finished(id, outcome);
  }
  partnerAbandoned(id: string): void {
    this.inFlight.delete(id);
  }
  protected pages(): number {
    let pages = this.pagesFinished;
    for (const n of this.inFlight.values()) pages += n;
    return pages;
  }
  protected abstract finished(id: string, outcome: string): void;
  abstract note(message: string): void;
  abstract stop(): void;
}

class LineProgress extends CountingProgress {
  constructor(private readonly stream: ProgressStream) {
    super();
  }
  protected finished(id: string, outcome: string): void {
    const elapsed = ((Date.now() - this.startedAt) / 1000).toFixed(1);
    // A worker does not know how many partners the queue holds: it counts what it did.
    const count = this.total > 0 ? `${this.done}/${this.total}` : String(this.done);
    this.stream.write(withoutControls(`[${count}] ${id}: ${outcome} (${this.pages()} pages in ${elapsed} s so far)\n`));
  }
  note(message: string): void {
    this.stream.write(`${withoutControls(message)}\n`);
  }
  stop(): void {}
}

class BarProgress extends CountingProgress {
  readonly #bar: cliProgress.SingleBar;
  #timer: NodeJS.Timeout | null = null;
  #running = false;

  constructor(private readonly stream: NodeJS.WriteStream) {
    super();
    this.#bar = new cliProgress.SingleBar(
      {
        stream,
        format: '{bar} {value}/{total} partners | {pages} pages | {duration_formatted} | ETA {eta_formatted} | {current}',
        hideCursor: true,
        // Redraw even when unchanged, so a message printed over the bar's line never hides it.
        forceRedraw: true,
        clearOnComplete: false,
        etaBuffer: 20,
        barsize: 24,
      },
      cliProgress.Presets.shades_classic,
    );
  }
  override start(total: number, alreadyDone: number): void {
    super.start(total, alreadyDone);
    this.#bar.start(total, alreadyDone, this.#payload());
    this.#running = true;
    // Pages arrive many times a second; redraw on a clock rather than on every page.
    this.#timer = setInterval(() => this.#bar.update(this.#payload()), 500);
    this.#timer.unref();
  }
  override partnerStarted(id: string): void {
    super.partnerStarted(id);
    this.#bar.update(this.#payload());
  }
  protected finished(): void {
    this.#bar.update(this.done, this.#payload());
  }
  note(message: string): void {
    if (!this.#running) {
      this.stream.write(`${withoutControls(message)}\n`);
      return;
    }
    // Print above the bar: clear the bar's line, write the message, draw the bar again below it.
    this.stream.write('\r\x1b[2K');
    this.stream.write(`${withoutControls(message)}\n`);
    this.#bar.update(this.#payload());
  }
  stop(): void {
    if (!this.#running) return;
    this.#running = false;
    if (this.#timer) clearInterval(this.#timer);
    this.#bar.update(this.done, this.#payload());
    this.#bar.stop();
  }
  #payload(): { pages: number; current: string } {
    const ids = [...this.inFlight.keys()];
    const current = ids.length === 0 ? '' : ids.length <= 3 ? ids.join(', ') : `${ids.slice(0, 3).join(', ')} +${ids.length - 3}`;
    return { pages: this.pages(), current };
  }
}
