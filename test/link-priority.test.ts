// The crawl priority hint (src/evidence.ts linkPriority) and how the crawler spends a page budget with it:
// on a big site (fixtures/sites/holdout3-big) the retail case studies three clicks deep must be fetched
// before a wide second level of job ads, office pages and blog pagination uses up the budget.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFixtureServer, type FixtureServer } from '../fixtures/server.ts';
import { linkPriorities, linkPriority } from '../src/evidence/interests.ts';
import type { LinkRecord } from '../crawlers/types.ts';
import { crawlFixture } from './crawler-helpers.ts';
import { isPaginatedUrl } from '../crawlers/url.ts';

const link = (path: string, text: string, region: LinkRecord['region'] = 'main'): LinkRecord =>
  ({ url: `https://www.partner.example${path}`, text, region, internal: true });
const p = (path: string, text: string) => linkPriority(link(path, text));

describe('linkPriority', () => {
  it('puts practice, case-study and insight links above neutral ones, in English and Chinese', () => {
    const neutral = p('/about/', 'About us');
    for (const [path, text] of [['/industries/retail/', 'Retail'], ['/case-studies/acme/', 'Acme'], ['/insights/', 'Insights'],
      ['/產業/零售/', '零售產業'], ['/案例/', '客戶案例'], ['/news/', '最新消息'], ['/solutions/', '解決方案']]) {
      expect(p(path!, text!), `${path} ${text}`).toBeGreaterThan(neutral);
    }
  });

  it('works a repeated link out once, by its address and its words: the same address under other words is another link', () => {
    const archiveBefore = '2025-05-01';
    const hint = linkPriorities(archiveBefore);
    const links = [link('/work/', 'Careers'), link('/work/', 'Retail case studies'), link('/2013/04/release/', 'Notes'), link('/2013/04/release/', 'Retail customer story')];
    // Past what the hint remembers too: it starts over and still answers the same.
    const others = Array.from({ length: 5000 }, (_, i) => link(`/page-${i}/`, `Page ${i}`));
    for (const l of [...links, ...others, ...links]) expect(hint(l), `${l.url} ${l.text}`).toBe(linkPriority(l, archiveBefore));
    expect(hint(links[0]!)).toBeLessThan(hint(links[1]!));
    expect(hint(links[2]!)).toBeLessThan(hint(links[3]!));
  });

  it('puts job ads, legal pages, offices and archive pagination below neutral links', () => {
    const neutral = p('/about/', 'About us');
    for (const [path, text] of [['/careers/jobs/1042-cloud-engineer/', 'Cloud Engineer – London'], ['/careers/', 'Careers'],
      ['/privacy/', 'Privacy notice'], ['/terms-of-use/', 'Terms of use'], ['/cookies/', 'Cookie policy'], ['/locations/berlin/', 'Berlin office'],
      ['/join-us/', '加入我們'], ['/hr/openings', '職缺'], ['/隱私權政策/', '隱私權政策'], ['/about/offices/', '服務據點']]) {
      expect(p(path!, text!), `${path} ${text}`).toBeLessThan(neutral);
    }
  });

  it('ranks a blog archive page below the posts it lists, by URL or by anchor text', () => {
    const post = p('/insights/zero-trust-access/', 'Zero-trust access for hybrid teams');
    for (const [path, text] of [['/insights/page/3/', '3'], ['/blog?page=2', 'Older posts'], ['/news/list', 'Next »'], ['/news/list2', '下一頁'], ['/news/p3', '第 3 頁']]) {
      expect(p(path!, text!), `${path} ${text}`).toBeLessThan(post);
    }
  });

  it('ranks tag, category and author archives and product documentation below neutral links, whatever they name', () => {
    const neutral = p('/about/', 'About us');
    for (const [path, text] of [['/blog/category/retail', 'Retail'], ['/blog/tag/ecommerce/', 'e-commerce'], ['/author/jane/', 'Jane, retail analyst'],
      ['/topics/case-studies/', 'Case studies'], ['/標籤/零售/', '零售'], ['/docs/retail-connector/setup/', 'Set up the retail connector'],
      ['/documentation/api/', 'API'], ['/api-reference/orders/', 'Orders API']]) {
      expect(p(path!, text!), `${path} ${text}`).toBeLessThan(neutral);
    }
    // A customer reference and a post about documentation are no archive and no documentation.
    expect(p('/references/grocer-x/', 'Grocer X')).toBeGreaterThan(neutral);
    expect(p('/blog/writing-good-docs/', 'Writing good docs')).toBeGreaterThan(neutral);
  });

  it('ranks a post named for the shopping calendar\'s peak days with the retail ones', () => {
    const retailPost = p('/blog/retail-peak-readiness/', 'Getting retail sites ready for peak');
    const otherPost = p('/blog/peak-post/', 'Scaling checkout for peak traffic');
    for (const text of ['Scaling checkout for Black Friday', 'Cyber Monday load tests, one year on']) {
      expect(p('/blog/peak-post/', text), text).toBeGreaterThan(otherPost);
      expect(p('/blog/peak-post/', text), text).toBeGreaterThanOrEqual(retailPost - 1);
    }
  });

  it('ranks a post named for a shop\'s own topics (baskets, product pages, merchandising, assortments, e-comm) with the retail ones', () => {
    const otherPost = p('/blog/2013/05/20/event-pipelines/', 'Running event pipelines with R');
    const retailPost = p('/blog/2013/05/20/retail-analytics/', 'Retail analytics with R');
    for (const [path, text] of [['/blog/2013/05/20/baskets/', 'Performing market basket analysis with R'], ['/blog/pages/', 'Measuring product page performance'],
      ['/blog/m/', 'Merchandising with data'], ['/blog/a/', 'Assortment planning basics'], ['/blog/Ecomm-Load-Balance/', 'Load balancing']]) {
      expect(p(path!, text!), text).toBeGreaterThan(otherPost);
      expect(p(path!, text!), text).toBeGreaterThanOrEqual(retailPost - 1);
    }
  });

  // The audit passes the day every check's window begins: 18 months before its date (P2.1's window).
  const ARCHIVE_BEFORE = '2025-05-30';

  it('given the day every check\'s window begins, ranks a post its address dates before it with job ads, below neutral links', () => {
    const dated = (path: string, text: string) => linkPriority(link(path, text), ARCHIVE_BEFORE);
    const neutral = dated('/about/', 'About us');
    const recent = dated('/blog/2026/09/02/cost-of-idle-clusters/', 'The cost of idle clusters');
    expect(recent).toBeGreaterThan(neutral);
    for (const [path, text] of [['/blog/2019/03/04/notes-on-lineage/', 'Notes on lineage'], ['/news/2021/06/product-update/', 'A product update'],
      ['/blog/2025/04/28/late-events/', 'Late events'], ['/2017/01/02/hello-world/', 'Hello world'],
      ['/blog/2020/06/07/example-project-2-6-0-released/', 'Example project 2.6.0 released']]) {
      expect(dated(path!, text!), path).toBeLessThanOrEqual(dated('/careers/', 'Careers'));
    }
    // To the month: a post of the cut-off's month is not old yet.
    expect(dated('/blog/2025/05/02/late-events/', 'Late events')).toBe(recent);
    // Without the day, no post is old.
    expect(p('/blog/2019/03/04/notes-on-lineage/', 'Notes on lineage')).toBe(p('/blog/2026/09/02/cost-of-idle-clusters/', 'The cost of idle clusters'));
  });

  it('keeps an old post whose words name a customer story, a client or retail at or above neutral links', () => {
    const dated = (path: string, text: string) => linkPriority(link(path, text), ARCHIVE_BEFORE);
    const neutral = dated('/about/', 'About us');
    expect(dated('/blog/2018/05/02/loyalty-for-a-grocer/', 'Case study: loyalty analytics for a grocer')).toBeGreaterThan(neutral);
    expect(dated('/blog/2018/05/02/grocer-loyalty/', 'Loyalty analytics for a retail chain')).toBeGreaterThan(neutral);
    expect(dated('/news/2017/01/10/a-new-project/', 'A new project for a carmaker')).toBe(neutral);
  });

  it('ranks a release note below the other posts of its blog', () => {
    const post = p('/blog/pipeline-design-notes/', 'Pipeline design notes');
    for (const [path, text] of [['/blog/pipeline-kit-2-1-0-released/', 'Pipeline kit 2.1.0 released'], ['/blog/whats-new/', 'Release notes for v3.2'],
      ['/blog/changelog/', 'Changelog'], ['/news/kit-v4.0/', 'Kit v4.0 is out'], ['/最新消息/更新日誌/', '更新日誌']]) {
      expect(p(path!, text!), path).toBeLessThan(post);
    }
    expect(p('/blog/a-retail-connector-released/', 'Retail connector released')).toBeGreaterThan(post);
  });

  it('lets retail outweigh a penalty: a retail job ad is still above an ordinary one', () => {
    expect(p('/careers/jobs/1077-retail-solutions-architect/', 'Retail Solutions Architect')).toBeGreaterThan(p('/careers/jobs/1001-java-developer/', 'Java Developer'));
  });
});

describe('page budget on a big site', () => {
  let server: FixtureServer;
  beforeAll(async () => { server = await startFixtureServer({ sites: ['holdout3-big'] }); });
  afterAll(() => server.close());
  const STORIES = ['harbour-and-pine-outfitters', 'greenway-grocers', 'lumen-home-stores'].map((s) => `/case-studies/${s}/`);

  it('with the hint, reaches the depth-3 retail case studies within 120 pages and skips job ads', { timeout: 60_000 }, async () => {
    const { result } = await crawlFixture(server, 'www.corvantis.test', { maxPages: 120, priority: linkPriority });
    const fetched = result.pages.map((pg) => new URL(pg.url).pathname);
    expect(result.stoppedBy).toBe('max-pages');
    for (const story of STORIES) expect(fetched, story).toContain(story);
    expect(fetched).toContain('/industries/retail/');
    expect(fetched).toContain('/insights/peak-season-readiness-for-retailers-on-aws/');
    expect(fetched.filter((path) => path.startsWith('/careers/jobs/'))).toEqual([]);
    // The shortest click path is still recorded, whatever the fetch order.
    expect(result.paths[server.url('www.corvantis.test', STORIES[0]!)]).toHaveLength(4);
  });

  it('without a hint, stays breadth-first: depth never decreases in fetch order', { timeout: 60_000 }, async () => {
    const { result } = await crawlFixture(server, 'www.corvantis.test', { maxPages: 120 });
    // The pages of one listing are one level (crawlers/frontier.ts): page 3, found on page 2 while
    // the next level is already being fetched, keeps page 2's depth. Every other page comes in order.
    const depths = result.pages.filter((pg) => !isPaginatedUrl(pg.url)).map((pg) => pg.depth ?? Infinity);
    expect(depths).toEqual([...depths].sort((a, b) => a - b));
    expect(result.pages.map((pg) => new URL(pg.url).pathname)).not.toContain(STORIES[0]);
  });
});
