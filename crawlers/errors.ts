/** The start URL could not be crawled at all; the message is meant for the user as is. */
export class CrawlStartError extends Error {
  override name = 'CrawlStartError';
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
