// A page URL fetched with its redirects followed one hop at a time under the crawl's rules: every hop
// is checked against the scope, robots.txt and (in the fetcher) the private-address guard, and a hop
// to a URL the crawl already has ends the chain there. A redirect stub (redirect-stubs.ts) is a hop
// like an HTTP redirect.
import type { RawResponse } from './fetch.ts';
import type { Frontier, FrontierNode } from './frontier.ts';
import type { PoliteFetcher } from './polite-fetcher.ts';
import { stubRedirect } from './redirect-stubs.ts';
import { isHtmlType, looksLikePdf, mimeOf } from './responses.ts';
import type { SkipReason } from './types.ts';
import { normalizeUrl, type SiteScope } from './url.ts';

/** Result of fetching a page URL with its redirects followed. `chain` is empty when nothing redirected. */
export type DocumentOutcome =
  | { kind: 'response'; res: RawResponse; chain: string[] }
  | { kind: 'redirect-stop'; res: RawResponse; chain: string[]; reason: 'known' | SkipReason | 'error'; detail: string };

export interface RedirectRules {
  fetcher: PoliteFetcher;
  frontier: Frontier;
  maxRedirects: number;
  /** Where redirects may lead; null for the start URL, whose redirects decide the site. */
  scope: SiteScope | null;
}

/** Bodies a page fetch reads: HTML, PDF, unknown types, and error answers (challenge pages are recognised by their text). */
const wantPageBody = (url: () => string) => (status: number, headers: Record<string, string>) => {
  if (status >= 300 && status < 400 && headers.location) return false;
  const mime = mimeOf(headers);
  return mime === null || isHtmlType(mime) || looksLikePdf(url(), headers) || status >= 400;
};

export async function fetchFollowingRedirects(url: string, node: FrontierNode, rules: RedirectRules): Promise<DocumentOutcome> {
  const { fetcher, frontier, maxRedirects, scope } = rules;
  const chain = [url];
  let current = url;
  for (;;) {
    const res = await fetcher.request(current, wantPageBody(() => current));
    const location = res.status >= 300 && res.status < 400 ? res.headers.location : stubLocation(current, res);
    if (!location) return { kind: 'response', res, chain: chain.length > 1 ? chain : [] };
    const next = normalizeUrl(location, current);
    const stop = (reason: 'known' | SkipReason | 'error', detail: string): DocumentOutcome => ({
      kind: 'redirect-stop',
      res,
      chain: [...chain, ...(next && !chain.includes(next) ? [next] : [])],
      reason,
      detail,
    });
    if (!next) return stop('error', `redirect to an unusable location "${location}"`);
    if (chain.includes(next)) return stop('error', `redirect loop (${[...chain, next].map((u) => new URL(u).pathname).join(' → ')})`);
    if (chain.length > maxRedirects) return stop('error', `more than ${maxRedirects} redirects`);
    if (scope && !scope.has(next)) return stop('out-of-scope', `redirects to another site (${next})`);
    if (scope && frontier.isOtherPage(next, node)) return stop('known', 'redirects to a page the crawl already has');
    const verdict = await fetcher.robotsVerdict(next);
    if (!verdict.allowed) return stop(verdict.reason, verdict.detail);
    // Claimed now, so a link to it (or another redirect) does not fetch the same content again.
    frontier.claim(next, node);
    chain.push(next);
    current = next;
  }
}

/** Where a 2xx HTML answer that is a redirect stub sends the visitor (not back to itself), or undefined. */
function stubLocation(url: string, res: RawResponse): string | undefined {
  if (res.status < 200 || res.status >= 300 || res.truncated || !isHtmlType(mimeOf(res.headers) ?? 'text/html')) return undefined;
  const stub = stubRedirect(url, res.body, res.headers['content-type']);
  return stub && stub.url !== url ? stub.url : undefined;
}
