// The frontier's ordering and bookkeeping, with literal URLs: no server, no crawl.
import { describe, expect, it } from 'vitest';
import { Frontier, LISTING_PAGES_AT_ONE_LEVEL, type Discovery, type FrontierOptions } from '../crawlers/frontier.ts';
import type { SkippedUrl } from '../crawlers/types.ts';

const u = (path: string) => `https://www.partner.example${path}`;
const link = (from: string, depth: number, priority = 0): Discovery => ({ from: u(from), depth, text: null, via: 'link', priority });
const sitemap: Discovery = { from: null, depth: null, text: null, via: 'sitemap' };

function frontier(options: Partial<FrontierOptions> = {}) {
  const skipped: SkippedUrl[] = [];
  const f = new Frontier(options, (s) => skipped.push(s));
  f.start(u('/'));
  /** Paths in the order the frontier hands them out. */
  const drain = () => {
    const out: string[] = [];
    for (let node = f.next(); node; node = f.next()) out.push(new URL(node.url).pathname + new URL(node.url).search);
    return out;
  };
  return { f, skipped, drain };
}

describe('Frontier order', () => {
  it('is breadth-first in discovery order without a hint, whatever order the levels were found in', () => {
    const { f, drain } = frontier();
    f.discover(u('/a/deep'), link('/a/', 2));
    f.discover(u('/a/'), link('/', 1));
    f.discover(u('/b/'), link('/', 1));
    f.discover(u('/a/deeper'), link('/a/deep', 3));
    f.discover(u('/c/'), link('/', 1));
    expect(drain()).toEqual(['/a/', '/b/', '/c/', '/a/deep', '/a/deeper']);
  });

  it('ignores hints unless prioritised', () => {
    const { f, drain } = frontier();
    f.discover(u('/jobs/'), link('/', 1, -5));
    f.discover(u('/retail/'), link('/', 1, 9));
    expect(drain()).toEqual(['/jobs/', '/retail/']);
  });

  it('with a hint, orders a level by priority and lets a strong hint one click deeper go first', () => {
    const { f, drain } = frontier({ prioritised: true });
    f.discover(u('/about/'), link('/', 1));
    f.discover(u('/jobs/'), link('/', 1, -2));
    f.discover(u('/industries/'), link('/', 1, 2));
    // Worth more than one click (3 per click): ahead of the unhinted level-1 links.
    f.discover(u('/industries/retail/'), link('/industries/', 2, 4));
    // Worth less than one click: stays behind the unhinted ones, ahead of the penalised one.
    f.discover(u('/industries/energy/'), link('/industries/', 2, 2));
    expect(drain()).toEqual(['/industries/', '/industries/retail/', '/about/', '/industries/energy/', '/jobs/']);
  });

  it('raises a queued URL to the best hint any link to it gave', () => {
    const { f, drain } = frontier({ prioritised: true });
    f.discover(u('/x/'), link('/', 1));
    f.discover(u('/y/'), link('/', 1));
    f.discover(u('/y/'), link('/about/', 1, 5));
    expect(drain()).toEqual(['/y/', '/x/']);
  });

  it('hands out sitemap-only URLs after every URL found by links but those hinted far down, and moves one a link reaches to its depth', () => {
    const { f, drain } = frontier({ prioritised: true });
    f.discover(u('/old-copy/1'), sitemap);
    f.discover(u('/linked-later'), sitemap);
    f.discover(u('/a/'), link('/', 1));
    f.discover(u('/a/b/c/'), link('/a/b/', 3, -2));
    f.discover(u('/tag/x/'), link('/a/', 2, -3));
    f.discover(u('/linked-later'), link('/a/', 2));
    expect(drain()).toEqual(['/a/', '/linked-later', '/a/b/c/', '/old-copy/1', '/tag/x/']);
    expect(f.get(u('/linked-later'))).toMatchObject({ foundVia: 'link', depth: 2 });
    expect(f.get(u('/old-copy/1'))).toMatchObject({ foundVia: 'sitemap', depth: null });
  });

  it('holds sitemap-only URLs back when told to (pages found by links are still being read)', () => {
    const { f } = frontier();
    f.discover(u('/old-copy/1'), sitemap);
    expect(f.next({ sitemapOnly: false })).toBeNull();
    expect(f.next({ sitemapOnly: true })?.url).toBe(u('/old-copy/1'));
  });

  it('holds links hinted a click or more below neutral back like sitemap-only URLs, last of all (a hint only: without one they are ordinary)', () => {
    const { f } = frontier({ prioritised: true });
    f.discover(u('/blog/tag/retail/'), link('/blog/', 1, -3));
    f.discover(u('/blog/post/'), link('/blog/', 3, -2));
    expect(f.next({ sitemapOnly: false })?.url).toBe(u('/blog/post/'));
    expect(f.next({ sitemapOnly: false })).toBeNull();
    expect(f.next({ sitemapOnly: true })?.url).toBe(u('/blog/tag/retail/'));
    const plain = frontier();
    plain.f.discover(u('/blog/tag/retail/'), link('/blog/', 1, -3));
    expect(plain.f.next({ sitemapOnly: false })?.url).toBe(u('/blog/tag/retail/'));
  });
});

describe('sitemap-only URLs', () => {
  it('are handed out by their address\'s hint when prioritised (a sitemap has no anchor text), in sitemap order among equals', () => {
    const { f, drain } = frontier({ prioritised: true });
    const listed = (path: string, priority: number) => f.discover(u(path), { ...sitemap, priority });
    listed('/team/ana/', 0);
    listed('/legal/privacy/', -4);
    listed('/resources/retail-guide/', 6);
    listed('/team/bo/', 0);
    listed('/insights/', 2);
    expect(drain()).toEqual(['/resources/retail-guide/', '/insights/', '/team/ana/', '/team/bo/', '/legal/privacy/']);
    const { f: plain, drain: drainPlain } = frontier();
    for (const [path, priority] of [['/team/ana/', 0], ['/resources/retail-guide/', 6]] as const) plain.discover(u(path), { ...sitemap, priority });
    expect(drainPlain()).toEqual(['/team/ana/', '/resources/retail-guide/']);
  });
});

describe('the pages of one listing', () => {
  /** Reads a blog whose listing runs to `pages` pages (each linking the next and one post), as a crawl would. */
  function readListing(pages: number, maxDepth: number) {
    const { f, skipped } = frontier({ maxDepth });
    const read: { path: string; depth: number | null }[] = [];
    f.discover(u('/journal/'), link('/', 1));
    for (let node = f.next(); node; node = f.next()) {
      const path = new URL(node.url).pathname;
      read.push({ path, depth: node.depth });
      const n = path === '/journal/' ? 1 : Number(/\/page\/(\d+)\/$/.exec(path)?.[1] ?? 0);
      if (n === 0 || node.depth === null) continue;
      f.discover(u(`/journal/post-${n}/`), { from: node.url, depth: node.depth + 1, text: `Post ${n}`, via: 'link' });
      if (n < pages) f.discover(u(`/journal/page/${n + 1}/`), { from: node.url, depth: node.depth + 1, text: 'Older posts', via: 'link' });
    }
    return { read, skipped };
  }

  it('are one level: the posts on a long listing\'s last page are read however many "older posts" clicks away they are', () => {
    const { read, skipped } = readListing(30, 3);
    expect(read.filter((r) => r.path.startsWith('/journal/page/'))).toHaveLength(29);
    expect(read.find((r) => r.path === '/journal/page/30/')?.depth).toBe(1);
    expect(read.find((r) => r.path === '/journal/post-30/')?.depth).toBe(2);
    expect(skipped).toEqual([]);
  });

  it(`count as clicks again past ${LISTING_PAGES_AT_ONE_LEVEL} pages, so an endless listing ends at the depth limit`, () => {
    const { read } = readListing(LISTING_PAGES_AT_ONE_LEVEL + 50, 3);
    const listing = read.filter((r) => r.path.startsWith('/journal/page/'));
    expect(listing.length).toBeLessThan(LISTING_PAGES_AT_ONE_LEVEL + 5);
    expect(Math.max(...listing.map((r) => r.depth ?? 0))).toBe(3);
  });
});

describe('Frontier bookkeeping', () => {
  it('holds a URL deeper than maxDepth back until a shorter way reaches it', () => {
    const { f, drain } = frontier({ maxDepth: 2 });
    f.discover(u('/deep'), link('/x/y/', 3));
    f.discover(u('/too-deep'), link('/x/y/', 3));
    f.discover(u('/deep'), link('/', 1));
    expect(drain()).toEqual(['/deep']);
    expect(f.unfetched({ reason: 'max-pages', detail: 'page limit reached' })).toEqual([
      { url: u('/too-deep'), reason: 'max-depth', detail: '3 clicks from the homepage (limit 2)', from: u('/x/y/') },
    ]);
  });

  it('lists what it still holds with the reason the crawl gives, and fetches nothing twice', () => {
    const { f } = frontier();
    f.discover(u('/a'), link('/', 1));
    f.discover(u('/b'), link('/', 1));
    expect(f.waiting).toBe(2);
    const a = f.next()!;
    f.settle(a, 'done');
    f.discover(u('/a'), link('/b', 2));
    expect(f.waiting).toBe(1);
    expect(f.unfetched({ reason: 'time-budget', detail: 'time budget 1 s used up' })).toEqual([
      { url: u('/b'), reason: 'time-budget', detail: 'time budget 1 s used up', from: u('/') },
    ]);
    expect(f.referrersOf(u('/a'))).toEqual([u('/'), u('/b')]);
  });

  it('lists each page that links to a URL once, however many of its links go there, and once after a merge', () => {
    const { f } = frontier();
    // A page's links are discovered in one go: its nav, body and footer links to /a come together.
    for (const from of ['/', '/', '/b', '/b', '/b']) f.discover(u('/a'), link(from, 1));
    f.discover(u('/a/index.html'), link('/b', 2));
    f.discover(u('/a/index.html'), link('/c', 2));
    expect(f.referrersOf(u('/a'))).toEqual([u('/'), u('/b')]);
    f.next();
    const alias = f.next()!;
    f.mergeInto(alias, u('/a'), [u('/a/index.html')]);
    expect(f.referrersOf(u('/a'))).toEqual([u('/'), u('/b'), u('/c')]);
    expect(f.referrersOf(u('/a/index.html'))).toBe(f.referrersOf(u('/a')));
  });

  it('skips query-string variants past the limit and over-long URLs, with the reason', () => {
    const { f, skipped, drain } = frontier({ maxQueryVariants: 2, maxUrlLength: 60 });
    for (const id of [1, 2, 3]) f.discover(u(`/item?id=${id}`), link('/', 1));
    f.discover(u(`/${'x'.repeat(60)}`), link('/', 1));
    expect(drain()).toEqual(['/item?id=1', '/item?id=2']);
    expect(skipped.map((s) => [s.reason, s.detail])).toEqual([
      ['query-variants', `more than 2 query-string variants of ${u('/item')}`],
      ['url-too-long', '88 characters (limit 60)'],
    ]);
  });

  it('remembers at most maxUrls URLs and skips the rest as frontier-full', () => {
    const { f, skipped, drain } = frontier({ maxUrls: 3 });
    for (const path of ['/a', '/b', '/c', '/d']) f.discover(u(path), link('/', 1));
    f.discover(u('/a'), link('/b', 2));
    expect(drain()).toEqual(['/a', '/b']);
    expect(skipped).toEqual([
      { url: u('/c'), reason: 'frontier-full', detail: 'the crawl already holds 3 URLs', from: u('/') },
      { url: u('/d'), reason: 'frontier-full', detail: 'the crawl already holds 3 URLs', from: u('/') },
    ]);
  });

  it('names a redirect target and a duplicate address by the page they belong to', () => {
    const { f } = frontier();
    f.discover(u('/old'), link('/', 1));
    f.discover(u('/index.html'), link('/about/', 2));
    const old = f.next()!;
    f.claim(u('/new'), old);
    expect(f.identity(u('/new'))).toBe(u('/old'));
    expect(f.isOtherPage(u('/new'), old)).toBe(false);
    const alias = f.next()!;
    f.mergeInto(alias, u('/'), [u('/index.html')]);
    expect(f.identity(u('/index.html'))).toBe(u('/'));
    expect(f.referrersOf(u('/'))).toEqual([u('/about/')]);
  });
});
