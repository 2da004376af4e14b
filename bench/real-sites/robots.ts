// Which labelled items the site's robots.txt forbids our crawler. A polite crawler never reads them, so
// the bench's official recall counts them as missed (strict) and reports them beside it, so a reader
// can tell rules that miss items from items no polite audit could read.
//
// Judged exactly as the audit judges them: the crawler's own RobotsCache (robots-parser, RFC 9309's
// failure rules: 4xx allows everything, 5xx or unreachable forbids everything) with the tool's default
// user agent, reading robots.txt over HTTP from the server that serves the build.

import { request } from 'node:http';
import { RobotsCache, type RobotsFetchResult } from '../../crawlers/robots.ts';
import { USER_AGENT } from '../../crawlers/options.ts';
import type { RobotsForbiddenItem, SiteLabel } from './score.ts';

/** robots.txt of a served site: a GET to 127.0.0.1:port with the site's own Host header. */
function fetchFromServer(port: number): (url: string) => Promise<RobotsFetchResult> {
  return (url) => new Promise((done) => {
    const u = new URL(url);
    const req = request({ host: '127.0.0.1', port, path: u.pathname, headers: { host: u.host, 'user-agent': USER_AGENT } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => done({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', (err) => done({ error: err.message, code: 'ERESPONSE' }));
    });
    req.on('error', (err) => done({ error: err.message, code: (err as NodeJS.ErrnoException).code ?? 'EREQUEST' }));
    req.end();
  });
}

/**
 * The label's retail AWS case studies and retail thought-leadership items whose URL robots.txt forbids
 * for the tool's user agent, each once (a URL listed as both counts once). Bare label paths are read
 * against the site's hostname and aliases count as it, as in the scoring; every host is asked on the
 * served port.
 */
export async function labelledUrlsRobotsForbids(
  label: SiteLabel, hostname: string, aliases: string[], port: number, userAgent = USER_AGENT,
): Promise<RobotsForbiddenItem[]> {
  const robots = new RobotsCache(fetchFromServer(port), userAgent);
  const urls = [...new Set([...label.caseStudies.retailAws.map((c) => c.url), ...label.thoughtLeadership.retail.map((t) => t.url)])];
  const forbidden: RobotsForbiddenItem[] = [];
  for (const url of urls) {
    const served = new URL(url, `http://${hostname}/`);
    if (aliases.includes(served.hostname)) served.hostname = hostname;
    served.port = String(port);
    const verdict = await robots.check(served.href);
    if (!verdict.allowed) forbidden.push({ url, rule: verdict.detail });
  }
  return forbidden;
}
