// What the crawler holds per page while it crawls stays small (issue 14): a page's links are held by
// its record, not again as the link graph's edges. Measured as live heap (after full collections)
// per page read, in units of one page's list of links, on a site whose every page links to the same
// 1,500 pages: those lists then outweigh everything else a page costs. Counted bytes, not time.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crawlSite } from '../crawlers/crawl.ts';

const LINKS_PER_PAGE = 1500;
const PAGES = 60;
/** Pages read before the first measurement: the nodes of all link targets exist by then. */
const SETTLED_AT = 10;

let server: Server;
let origin: string;
beforeAll(async () => {
  const links = Array.from({ length: LINKS_PER_PAGE }, (_, i) => `<li><a href="/p/${i}/">Product ${i}</a></li>`).join('');
  server = createServer((req, res) => {
    if (req.url === '/robots.txt') {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(`<!doctype html><html><head><title>${req.url}</title></head><body><main><h1>${req.url}</h1><ul>${links}</ul></main></body></html>`);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('the crawler’s memory per page', () => {
  it('keeps no second list of a page’s links while it crawls', async () => {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const live = () => { gc(); gc(); return process.memoryUsage().heapUsed; };
    let read = 0;
    let settled = 0;
    let ended = 0;
    const result = await crawlSite(`${origin}/`, { allowPrivate: true, delayMs: 0, sitemaps: false, concurrency: 1, maxPages: PAGES }, {
      page: () => {
        read++;
        if (read === SETTLED_AT) settled = live();
        if (read === PAGES) ended = live();
      },
    });
    expect(result.pages).toHaveLength(PAGES);
    // A page leaves out its link to itself.
    expect(result.pages.at(-1)!.links.length).toBeGreaterThanOrEqual(LINKS_PER_PAGE - 1);
    // A list of links is an array of references to link records the pages share: 8 bytes each.
    const linkList = LINKS_PER_PAGE * 8;
    const perPage = (ended - settled) / (PAGES - SETTLED_AT);
    // The record's list and each target's referrer entry for the page, both with the slack of lists
    // grown one entry at a time, and the rest of the record: ~3.3 lists. Kept again as the graph's
    // edges, it was ~4.6.
    expect(perPage / linkList).toBeLessThan(3.9);
  });
});
