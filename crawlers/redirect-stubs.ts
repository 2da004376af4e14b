// Redirect stubs: pages that only send the visitor on, by <meta http-equiv="refresh"> or by a script
// that sets `location` ("Redirecting…", "Click here if you are not redirected"). Static site
// generators write one for every moved page (Jekyll's redirect_from, Hugo's aliases). A visitor never
// reads one, so the crawl follows it like an HTTP redirect and never hands it on as a page.
import { decodeBody } from './decode.ts';
import { scanHtml } from './html-scan.ts';
import { normalizeUrl } from './url.ts';

/** Visible text a stub may have ("Redirecting… Click here if you are not redirected." and a little more). */
export const MAX_STUB_TEXT = 300;
/** A refresh later than this leaves a visitor time to read the page: it is a page that moves on, not a stub. */
export const MAX_STUB_REFRESH_SECONDS = 5;
/** Bodies longer than this are pages, not stubs, and are not scanned here (generators' stubs are < 1 KB). */
const MAX_STUB_BYTES = 64 * 1024;

export interface StubRedirect {
  /** Where the stub sends the visitor, absolute and normalized. */
  url: string;
  by: 'meta refresh' | 'script';
}

/**
 * Where an HTML answer sends the visitor when it is a redirect stub, or null when it is a page (or
 * the address it names is unusable: then it stays a page, as a browser would show it).
 */
export function stubRedirect(url: string, body: Buffer, contentType: string | undefined): StubRedirect | null {
  if (body.length > MAX_STUB_BYTES || !/refresh|location/i.test(body.toString('latin1'))) return null;
  const scan = scanHtml(decodeBody(body, contentType).text);
  if (scan.textLength > MAX_STUB_TEXT) return null;
  const base = scan.baseHref === null ? url : (normalizeUrl(scan.baseHref, url) ?? url);
  const refresh = scan.refresh && scan.refresh.delaySeconds <= MAX_STUB_REFRESH_SECONDS ? normalizeUrl(scan.refresh.href, base) : null;
  if (refresh) return { url: refresh, by: 'meta refresh' };
  const scripted = scan.scriptRedirect === null ? null : normalizeUrl(scan.scriptRedirect, base);
  return scripted ? { url: scripted, by: 'script' } : null;
}
