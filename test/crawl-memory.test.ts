// What the crawler holds per page while it crawls stays small (issue 14): a page's links are held by
// its record, not again as the link graph's edges. Measured as live heap (after full collections)
// per page read, in units of one page's list of links, on a site whose every page links to the same
// 1,500 pages: those lists then outweigh everything else a page costs. And what the copy detector and
// the directory aliases keep of each page read. Counted bytes, not time.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crawlSite } from '../crawlers/crawl.ts';
import { CopyFinder } from '../crawlers/copies.ts';
import { DirectoryAliases } from '../crawlers/duplicates.ts';
import type { PageRecord } from '../crawlers/types.ts';

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

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
const live = () => { gc(); gc(); return process.memoryUsage().heapUsed; };

describe('the crawler’s memory per page', () => {
  it('keeps no second list of a page’s links while it crawls', async () => {
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
    // The record's list, exactly as long as it is, each target's referrer entry for the page, with
    // the slack of lists grown one entry at a time, and the rest of the record: ~2.9 lists. With the
    // record's list's own slack ~3.2; kept again as the graph's edges, it was ~4.6.
    expect(perPage / linkList).toBeLessThan(3.05);
  });

  it('remembers each page read for its copies and directory aliases in a few hundred bytes', () => {
    // Pages at directory addresses, as WordPress writes them; the crawl keeps each address (its
    // record's), but a page's title and text digest only as these two structures keep them.
    const PAGES = 4000;
    const urls = Array.from({ length: PAGES }, (_, i) => `https://www.partner.com.tw/blog/2026/${String(i % 12 + 1).padStart(2, '0')}/retail-analytics-story-${i}/`);
    const copies = new CopyFinder();
    const aliases = new DirectoryAliases();
    const before = live();
    for (const [i, url] of urls.entries()) {
      const text = `Story ${i}: how a retailer read its shelves, week by week. `.repeat(10);
      const title = `Retail analytics story ${i} | Partner Example`;
      expect(copies.check(url, { title, mainText: { length: text.length, hash: createHash('sha1').update(text).digest('base64') } })).toBeNull();
      const record = { url, finalUrl: url, body: text, error: null, blocked: null, httpStatus: 200, canonical: null } as unknown as PageRecord;
      expect(aliases.originalOf(record, Buffer.from(text))).toBeNull();
    }
    const perPage = (live() - before) / PAGES;
    // ~0.3 KB (a digest, a page entry and a key per map and folder set, slices of the address):
    // with lists of one page per key, the title and a string of its own per key, it was ~1.3 KB.
    expect(perPage).toBeLessThan(600);
    expect([copies, aliases]).toHaveLength(2);
  });
});
