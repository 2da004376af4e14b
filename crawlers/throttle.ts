// Per-host politeness: at most N requests in flight to a host and a minimum gap between their starts.
// One HostThrottle can be shared by a batch, so politeness holds across partners on the same host.
// A request "starts" when it leaves for the host, not when its turn comes: name resolution, connection
// set-up or a busy process can hold it back after its turn, and the host must still see the gap.
import { whenAborted } from './abort.ts';

interface HostState {
  active: number;
  /** Earliest time the next request to this host may start. */
  nextStart: number;
  /** Gap raised for this host (robots.txt Crawl-delay), on top of the caller's delay. */
  minGapMs: number;
  waiters: { concurrency: number; gapMs: number; resolve: () => void; reject: (err: Error) => void; signal?: AbortSignal }[];
  timer: NodeJS.Timeout | null;
}

/** A request's turn on a host. */
export interface HostSlot {
  /** The request has left for the host: the next request to it starts no earlier than the gap from now. */
  sent(): void;
  /** The request is over (answered or failed): its place among the host's in-flight requests is free. */
  release(): void;
}

export class HostThrottle {
  #hosts = new Map<string, HostState>();

  #state(host: string): HostState {
    let s = this.#hosts.get(host);
    if (!s) {
      s = { active: 0, nextStart: 0, minGapMs: 0, waiters: [], timer: null };
      this.#hosts.set(host, s);
    }
    return s;
  }

  /** Raise the gap between requests to `host` (Crawl-delay); never lowers it. */
  setMinGap(host: string, ms: number): void {
    const s = this.#state(host);
    s.minGapMs = Math.max(s.minGapMs, ms);
  }

  /** No request to `host` starts before `ms` from now (Retry-After, 429). */
  pause(host: string, ms: number): void {
    const s = this.#state(host);
    s.nextStart = Math.max(s.nextStart, Date.now() + ms);
  }

  /**
   * Waits for a turn on `host`. `concurrency` and `gapMs` are the caller's own limits (the host's
   * Crawl-delay raises the gap), counted from the turn and again from `sent()`.
   */
  acquire(host: string, concurrency: number, gapMs: number, signal?: AbortSignal): Promise<HostSlot> {
    const s = this.#state(host);
    return new Promise<HostSlot>((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason instanceof Error ? signal.reason : new Error('aborted'));
      // Forgotten once the slot is given: the crawl's one signal must not collect a listener per request.
      let forgetAbort = () => undefined as void;
      const waiter = {
        concurrency,
        gapMs,
        signal,
        resolve: () => {
          forgetAbort();
          resolve(this.#slot(host, gapMs));
        },
        reject,
      };
      s.waiters.push(waiter);
      if (signal) {
        forgetAbort = whenAborted(signal, () => {
          const i = s.waiters.indexOf(waiter);
          if (i >= 0) {
            s.waiters.splice(i, 1);
            reject(signal.reason instanceof Error ? signal.reason : new Error('aborted'));
          }
        });
      }
      this.#pump(host);
    });
  }

  #slot(host: string, gapMs: number): HostSlot {
    const s = this.#state(host);
    let released = false;
    return {
      sent: () => {
        s.nextStart = Math.max(s.nextStart, Date.now() + Math.max(gapMs, s.minGapMs));
      },
      release: () => {
        if (released) return;
        released = true;
        s.active--;
        this.#pump(host);
      },
    };
  }

  #pump(host: string): void {
    const s = this.#state(host);
    if (s.timer) return;
    while (s.waiters.length) {
      const next = s.waiters[0];
      if (s.active >= next.concurrency) return;
      const now = Date.now();
      if (now < s.nextStart) {
        s.timer = setTimeout(() => {
          s.timer = null;
          this.#pump(host);
        }, s.nextStart - now);
        return;
      }
      s.waiters.shift();
      s.active++;
      s.nextStart = now + Math.max(next.gapMs, s.minGapMs);
      next.resolve();
    }
  }
}
