// Every URL the crawl saw but did not fetch (or fetched but did not follow), each once per reason.
import type { SkippedUrl } from './types.ts';

export class SkipLog {
  readonly list: SkippedUrl[] = [];
  readonly #keys = new Set<string>();
  readonly #onSkip: (skip: SkippedUrl) => void;

  constructor(onSkip: (skip: SkippedUrl) => void = () => undefined) {
    this.#onSkip = onSkip;
  }

  add(skip: SkippedUrl): void {
    const key = `${skip.reason} ${skip.url}`;
    if (this.#keys.has(key)) return;
    this.#keys.add(key);
    this.list.push(skip);
    this.#onSkip(skip);
  }
}
