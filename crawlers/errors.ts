/** Why a crawl could not start, as data: reports word it (problem.crawl.<kind>) in the reader's language. */
export type CrawlStartKind = 'not-a-web-address' | 'unreachable' | 'start-timeout' | 'robots-disallowed' | 'robots-refused' | 'redirect-stopped' | 'http-status';

/**
 * The start URL could not be crawled at all. The message is in plain English words for the terminal;
 * `kind` and `values` are the same facts as data, for readers of other languages.
 */
export class CrawlStartError extends Error {
  override name = 'CrawlStartError';
  constructor(
    message: string,
    readonly kind: CrawlStartKind,
    readonly values: Readonly<Record<string, string | number>>,
  ) {
    super(message);
  }
}

/** A request failed before an HTTP answer; `message` is in plain words, `code` the system code. */
export class FetchError extends Error {
  override name = 'FetchError';
  constructor(
    message: string,
    readonly code: string,
    /** Worth retrying (resets, refused connections), as opposed to DNS failures, timeouts or policy. */
    readonly transient: boolean,
  ) {
    super(message);
  }
}
