// Every URL the crawl saw but did not fetch (or fetched but did not follow), each once per reason, up
// to a listing limit per reason; past it they are only counted (a page can link to 60,000 variants).
import type { SkippedUrl, SkipReason } from './types.ts';

/** Skips listed per reason; the rest are counted. Far above what a real site's crawl lists. */
export const MAX_LISTED_SKIPS_PER_REASON = 2000;

export class SkipLog {
  readonly list: SkippedUrl[] = [];
  /** Skips past the listing limit, per reason (each occurrence counted: they are not remembered). */
  readonly unlisted: Partial<Record<SkipReason, number>> = {};
  readonly #keys = new Set<string>();
  readonly #listed = new Map<SkipReason, number>();
  readonly #onSkip: (skip: SkippedUrl) => void;

  constructor(onSkip: (skip: SkippedUrl) => void = () => undefined) {
    this.#onSkip = onSkip;
  }

  add(skip: SkippedUrl): void {
    const key = `${skip.reason} ${skip.url}`;
    if (this.#keys.has(key)) return;
    const listed = this.#listed.get(skip.reason) ?? 0;
    if (listed >= MAX_LISTED_SKIPS_PER_REASON) {
      this.unlisted[skip.reason] = (this.unlisted[skip.reason] ?? 0) + 1;
      return;
    }
    this.#listed.set(skip.reason, listed + 1);
    this.#keys.add(key);
    this.list.push(skip);
    this.#onSkip(skip);
  }
}
