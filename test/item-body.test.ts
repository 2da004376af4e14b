// An item is judged on its own body: teaser cards of other posts and stories (a date, a title, an
// excerpt, a "Read more" button) are the other items' text and stay out of this page's main text and
// retail score; cards of the partner's own offerings are the page's content and stay in.

import { describe, expect, it } from 'vitest';
import { analyzePage, parseHtml } from '../analyzers/index.ts';
import { extractContent } from '../analyzers/extract.ts';
import { htmlInput } from './pages/page-input.ts';
import { Evaluation } from '../src/evidence/evaluation.ts';
import { evaluate } from '../src/evaluate.ts';
import { thoughtLeadershipItems } from '../src/evidence/thought-leadership.ts';
import { caseStudies } from '../src/evidence/case-studies.ts';
import { ASOF, date, facts, page, site, u, verdict } from './support/site-builder.ts';
import { MIN_RETAIL_THEME_BLOCKS, MIN_RETAIL_THEME_SHARE, MIN_RETAIL_THEME_SPREAD, RETAIL_SCORE_THRESHOLD } from '../src/checks/thresholds.ts';

const POST_BODY = `
  <h1>Running private wireless networks at remote mines</h1>
  <p>Mining sites sit far from fibre. A private wireless network lets the operator connect haul trucks, drills and
  sensors without a public carrier, and an orchestration layer at the edge keeps the software on each site current.</p>
  <p>We describe how the sites were connected, how updates reach each gateway, and what the operators measured after a
  year: fewer dropped connections and shorter maintenance windows across all of their pits.</p>`;

const card = (date: string, title: string, href: string, excerptText: string, button = 'Read blog') => `
  <div class="col"><div class="tile">
    <p class="date">${date}</p>
    <p class="title"><a href="${href}">${title}</a></p>
    <p class="excerpt">${excerptText}</p>
    <a class="btn" href="${href}">${button}</a>
  </div></div>`;

const RETAIL_TEASER = card('12 March 2024', 'Stores that restock themselves', '/blog/2024/03/12/stores-that-restock/',
  'Retailers and grocers use shelf cameras and point-of-sale data to replenish stores, cut stockouts and delight shoppers with loyalty offers...');

function postWith(extra: string): string {
  return `<html><head><title>Running private wireless networks</title></head><body><main><article>${POST_BODY}</article>
  <section><h2>Keep reading</h2><div class="row">${extra}</div></section></main></body></html>`;
}

const url = 'https://www.edgeco.test/blog/2024/05/02/private-wireless-mines/';

describe('teaser cards of other items', () => {
  it('are left out of the main text', () => {
    const html = postWith(RETAIL_TEASER);
    const content = extractContent(parseHtml(html), htmlInput(html, url));
    expect(content.mainText).toContain('haul trucks');
    expect(content.mainText).not.toContain('Stores that restock themselves');
    expect(content.mainText).not.toContain('shelf cameras');
  });

  it('do not make an unrelated post retail', async () => {
    const facts = await analyzePage(htmlInput(postWith(RETAIL_TEASER + RETAIL_TEASER.replace(/restock/g, 'rearrange')), url), '2024-06-01');
    expect(facts.retail.score).toBeLessThan(0.1);
  });

  it('are told by a "Read more" button alone when they show a date', () => {
    const single = `<div class="tile"><p>3 Jan 2024</p><h3>Shoppers and the self-checkout</h3><p>Retail shoppers prefer stores with fast checkouts ...</p><a href="/insights/self-checkout/">Read more</a></div>`;
    const html = postWith(single);
    expect(extractContent(parseHtml(html), htmlInput(html, url)).mainText).not.toContain('self-checkout');
  });

  it('are never the post itself: a short post whose banner links to its own address keeps its body', () => {
    const self = 'https://www.edgeco.test/blog/listen-shoppers-and-stores/';
    const html = `<html><head><title>Listen: shoppers and stores</title></head><body><h1>Listen: shoppers and stores</h1><main><article>
      <p><span>Jo Park</span> <time datetime="2026-04-02">2 April 2026</time></p>
      <div class="post-body">
        <p><a href="/blog/listen-shoppers-and-stores/"><img src="/img/banner.png" alt=""></a></p>
        <p>Retailers tell us shoppers want stores that remember them. In this episode our founder talks with two grocers about loyalty data.</p>
        <p>Hosted by <a href="https://radio.example/show/">a retail radio show</a>. Listen <a href="https://radio.example/show/">here</a>.</p>
        <p><a class="button" href="/contact/">Book a call</a></p>
      </div></article></main></body></html>`;
    expect(extractContent(parseHtml(html), htmlInput(html, self)).mainText).toContain('shoppers want stores');
  });

  it('leave the partner\'s own offering cards in', () => {
    const offering = `<div class="tile"><h3>Retail analytics</h3><p>Merchandising and store teams see sell-through, stockouts and basket size per store every morning.</p><a href="/services/retail-analytics/">Learn more</a></div>`;
    const html = postWith(offering);
    expect(extractContent(parseHtml(html), htmlInput(html, 'https://www.edgeco.test/industries/retail/')).mainText).toContain('sell-through');
  });
});

describe('archive and section-root addresses', () => {
  it('are never thought-leadership items or case studies, whatever the classifier said', () => {
    const post = () => facts({ type: 'thought-leadership', kind: 'blog', retail: 0.7, published: date('2026-06-01') });
    const paths = ['/author/jane-doe/', '/blog/tag/edge/index.html', '/category/retail/', '/blog/', '/news/index.html', '/標籤/零售/', '/blog/2026/06/01/shelf-analytics/'];
    const evidence = site([...paths.map((p) => page(u(p), { facts: post() })),
      page(u('/customers/'), { facts: facts({ type: 'case-study', retail: 0.8, services: ['Amazon S3'] }) }),
      page(u('/customers/grocer-x/'), { facts: facts({ type: 'case-study', retail: 0.8, services: ['Amazon S3'] }) })]);
    const evaluation = new Evaluation(evidence, ASOF);
    expect(evaluation.get(thoughtLeadershipItems).map((i) => i.url)).toEqual([u('/blog/2026/06/01/shelf-analytics/')]);
    expect(evaluation.get(caseStudies).map((c) => c.url)).toEqual([u('/customers/grocer-x/')]);
  });
});

describe('a post that links to other posts', () => {
  it('is still an item when it has a body of its own; a page of excerpts is an index', () => {
    const post = (words: number) => facts({ type: 'thought-leadership', kind: 'blog', retail: 0.7, published: date('2026-06-01'), words });
    const others = ['/blog/a/', '/blog/b/', '/blog/c/', '/blog/d/', '/blog/e/'].map(u);
    const evidence = site([
      ...others.map((o) => page(o, { facts: post(500) })),
      page(u('/blog/long-read/'), { facts: post(800), links: others }),
      page(u('/blog/highlights/'), { facts: post(250), links: others }),
    ]);
    const listed = new Evaluation(evidence, ASOF).get(thoughtLeadershipItems).map((i) => i.url);
    expect(listed).toContain(u('/blog/long-read/'));
    expect(listed).not.toContain(u('/blog/highlights/'));
  });
});

describe('a short post at a dated address beside a list of ten recent posts', () => {
  it('is an item: an address dated to the day with a slug names one post; a month archive is still an index', () => {
    const post = (words: number) => facts({ type: 'thought-leadership', kind: 'blog', retail: 0.7, published: date('2026-06-01'), words });
    const recent = Array.from({ length: 10 }, (_, i) => u(`/blog/2026/05/${10 + i}/recent-${i}/`));
    const evidence = site([
      ...recent.map((r) => page(r, { facts: post(400) })),
      page(u('/blog/2026/06/01/basket-analysis/'), { facts: post(380), links: recent }),
      page(u('/blog/2026/05/'), { facts: post(380), links: recent }),
    ]);
    const listed = new Evaluation(evidence, ASOF).get(thoughtLeadershipItems).map((i) => i.url);
    expect(listed).toContain(u('/blog/2026/06/01/basket-analysis/'));
    expect(listed).not.toContain(u('/blog/2026/05/'));
  });
});

describe('a short post with a byline and tag links', () => {
  it('is still an item: links to author, tag and category archives make no post a listing', () => {
    const post = (words: number) => facts({ type: 'thought-leadership', kind: 'blog', retail: 0.7, published: date('2026-06-01'), words });
    const archives = ['/blog/authors/sam-lee/', '/blog/tags/returns/', '/blog/tags/apparel/', '/blog/categories/insights/', '/blog/tags/trends/'].map(u);
    const evidence = site([
      ...archives.map((a) => page(a, { facts: post(120) })),
      page(u('/blog/fewer-returns/'), { facts: post(180), links: archives }),
    ]);
    expect(new Evaluation(evidence, ASOF).get(thoughtLeadershipItems).map((i) => i.url)).toEqual([u('/blog/fewer-returns/')]);
  });
});

describe('a short post with links to its neighbouring posts', () => {
  it('is still an item: "previous" and "next" post links make no post a listing; a page of five titles is an index', () => {
    const post = (words: number) => facts({ type: 'thought-leadership', kind: 'blog', retail: 0.7, published: date('2026-06-01'), words });
    const [older, newer, ...more] = ['/blog/cart-rules/', '/blog/gift-cards/', '/blog/a/', '/blog/b/', '/blog/c/'].map(u);
    const neighbours = [
      { url: older!, text: '« Previous article' }, { url: newer!, text: 'Next post: Gift cards that sell' },
      ...more.map((m, i) => ({ url: m, text: `Another post ${i}` })),
    ];
    const chinese = [{ url: older!, text: '上一篇：購物車規則' }, { url: newer!, text: '下一篇' }, ...more];
    const evidence = site([
      ...[older!, newer!, ...more].map((o) => page(o, { facts: post(400) })),
      page(u('/blog/checkout-testing/'), { facts: post(180), links: neighbours }),
      page(u('/blog/zh/checkout-testing/'), { facts: post(180), links: chinese }),
      page(u('/blog/picks/'), { facts: post(180), links: [older!, newer!, ...more].map((m, i) => ({ url: m, text: `Pick ${i}` })) }),
    ]);
    const listed = new Evaluation(evidence, ASOF).get(thoughtLeadershipItems).map((i) => i.url);
    expect(listed).toContain(u('/blog/checkout-testing/'));
    expect(listed).toContain(u('/blog/zh/checkout-testing/'));
    expect(listed).not.toContain(u('/blog/picks/'));
  });
});

describe('a recent item just under the retail threshold', () => {
  const borderlinePost = (markers: string[]) => {
    const f = facts({ type: 'thought-leadership', kind: 'blog', retail: 0.25, published: date('2026-09-01') });
    f.retail.terms = { ...f.retail.terms, generic: markers, 'retail-data-science': ['recommendation engine'] };
    return site([page(u('/blog/2026/09/recommenders/'), { facts: f })]);
  };

  it('keeps P3.2 in review when it names retail, and leaves it failing when it names no retail at all', () => {
    expect(verdict('P3.2', borderlinePost(['retailer'])).outcome.id).toBe('P3.2.borderline');
    expect(verdict('P3.2', borderlinePost([])).status).toBe('fail');
  });
});

describe('a short post on one shopping event, just under the retail threshold', () => {
  // Few distinct retail words (the event's name again and again), so the score stays borderline.
  const PARAGRAPHS = [
    'Black Friday traffic arrived earlier this year: the first peaks came a full week before the day itself, and they lasted longer.',
    'Teams that planned their Black Friday campaigns around one day found their landing pages slow on the Tuesday before it.',
    'Our customers who ran Black Friday promotions for the whole week saw steadier traffic and fewer failed sessions overall.',
    'The lesson for next Black Friday is simple: test early, spread the offers out, and watch the week rather than the day.',
    'We will share more numbers from the Black Friday week in a follow-up post once the returns window has closed.',
    'Until then, the short version is that the busiest hour moved from the morning to the late evening everywhere we looked.',
  ];
  const audit = async (title: string) => {
    const address = u('/blog/2026/06/01/peak-week/');
    const html = `<html><head><title>${title}</title></head><body><main><article><h1>${title}</h1><p>Posted 1 June 2026</p>
      ${PARAGRAPHS.map((p) => `<p>${p}</p>`).join('')}</article></main></body></html>`;
    const pageFacts = await analyzePage(htmlInput(html, address), ASOF);
    return { score: pageFacts.retail.score, p32: verdict('P3.2', site([page(address, { facts: pageFacts })])) };
  };

  it('is retail thought leadership when its title names the retail topic its text keeps naming; with another title it stays borderline', async () => {
    const titled = await audit('Black Friday 2026 lessons');
    expect(titled.score).toBeLessThan(RETAIL_SCORE_THRESHOLD);
    expect(titled.p32.status).toBe('pass');
    const untitled = await audit('Lessons from a busy week');
    expect(untitled.score).toBeLessThan(RETAIL_SCORE_THRESHOLD);
    expect(untitled.p32.outcome.id).toBe('P3.2.borderline');
  });
});

describe('an item that names no retail marker', () => {
  it('is no retail thought leadership however high its area words score, in the check and in the report', () => {
    const f = facts({ type: 'thought-leadership', kind: 'blog', retail: 0.6, published: date('2026-09-01') });
    f.retail.terms = { ...f.retail.terms, generic: [], 'supply-chain-distribution': ['logistics', 'shipping', 'supply chain'] };
    const evidence = site([page(u('/blog/2026/09/port-logistics/'), { facts: f })]);
    expect(verdict('P3.2', evidence).status).toBe('fail');
    expect(evaluate(evidence, ASOF).thoughtLeadership).toMatchObject([{ url: u('/blog/2026/09/port-logistics/'), retail: false }]);
    const withMarker = facts({ type: 'thought-leadership', kind: 'blog', retail: 0.6, published: date('2026-09-01') });
    expect(verdict('P3.2', site([page(u('/blog/2026/09/grocer-logistics/'), { facts: withMarker })])).status).toBe('pass');
  });
});

describe('a long post beside a list of ten recent posts', () => {
  it('is an item: fifty words of its own per linked post are enough', () => {
    const post = (words: number) => facts({ type: 'thought-leadership', kind: 'blog', retail: 0.7, published: date('2026-06-01'), words });
    const recent = Array.from({ length: 10 }, (_, i) => u(`/blog/recent-${i}/`));
    const evidence = site([...recent.map((r) => page(r, { facts: post(400) })), page(u('/blog/guide/'), { facts: post(900), links: recent })]);
    expect(new Evaluation(evidence, ASOF).get(thoughtLeadershipItems).map((i) => i.url)).toContain(u('/blog/guide/'));
  });
});

describe('a post that names retail only in an example', () => {
  // A statistics primer: seven paragraphs (well over LEAD_WORDS words) that name no industry, then a worked example.
  const STATS = [
    'A confidence interval gives the range in which the true value of a measured quantity lies, at a chosen level of confidence, given the sample that was drawn and the spread that sample shows.',
    'The interval narrows with the square root of the sample size: four times the observations halve it, which is why small experiments so often end without a clear answer either way.',
    'Analysts usually report ninety-five percent intervals, but the level is a convention, not a law; what matters is that it is chosen before the data arrive and never moved afterwards to suit a result.',
    'For proportions the normal approximation breaks down near zero and one, and the Wilson interval behaves far better on the small counts that most real experiments actually produce.',
    'Bootstrapping offers a way out when no formula fits: resample the observations many thousands of times and read the interval straight off the distribution of the recomputed statistic.',
    'Whatever the method, write down the question, the metric and the stopping rule first, so that nobody can be tempted to peek at the numbers and stop the test on a lucky day.',
    'Finally, report the interval beside the point estimate every time: a reader who sees only the estimate will read far more certainty into it than the data can support.',
  ];
  const example = (n: number) => `Take an online shop as example ${n}: shoppers who saw the new checkout page converted at 3.1 percent against 2.8 percent, and the e-commerce team wants to know whether the difference is real.`;
  const postHtml = (paragraphs: string[]) => `<html><head><title>Confidence intervals without tears</title></head><body><main><article>
    <h1>Confidence intervals without tears</h1><p>Posted 1 June 2026</p>${paragraphs.map((p) => `<p>${p}</p>`).join('')}</article></main></body></html>`;
  const audit = async (paragraphs: string[]) => {
    const address = u('/blog/2026/06/01/intervals/');
    const pageFacts = await analyzePage(htmlInput(postHtml(paragraphs), address), ASOF);
    const evidence = site([page(address, { facts: pageFacts })]);
    return { score: pageFacts.retail.score, p32: verdict('P3.2', evidence), listed: evaluate(evidence, ASOF).thoughtLeadership };
  };

  it('is no retail thought leadership, however well the example scores', async () => {
    const { score, p32, listed } = await audit([...STATS, example(1)]);
    expect(score).toBeGreaterThanOrEqual(RETAIL_SCORE_THRESHOLD);
    expect(p32.status).toBe('fail');
    expect(listed).toMatchObject([{ retail: false }]);
  });

  it('is retail thought leadership when its lead names retail; a brand or a consumer is no retail topic', async () => {
    expect((await audit(['Retailers run more experiments than ever, on prices, pages and promotions.', ...STATS, example(1)])).p32.status).toBe('pass');
    expect((await audit(['Every brand wants to know what its consumers prefer.', ...STATS, example(1)])).p32.status).toBe('fail');
  });

  it(`is retail thought leadership when retail runs through it (${MIN_RETAIL_THEME_BLOCKS} blocks, ${MIN_RETAIL_THEME_SHARE * 100} % of them), not when it comes up a few times`, async () => {
    const examples = (n: number) => Array.from({ length: n }, (_, i) => [STATS[i % STATS.length]!, example(i + 1)]).flat();
    expect((await audit([...STATS, ...examples(MIN_RETAIL_THEME_BLOCKS)])).p32.status).toBe('pass');
    expect((await audit([...STATS, ...examples(MIN_RETAIL_THEME_BLOCKS - 1)])).p32.status).toBe('fail');
    // The same examples in a long post: a few among many paragraphs.
    const long = await audit([...STATS, ...examples(MIN_RETAIL_THEME_BLOCKS), ...STATS, ...STATS, ...STATS, ...STATS]);
    expect(long.score).toBeGreaterThanOrEqual(RETAIL_SCORE_THRESHOLD);
    expect(long.p32.status).toBe('fail');
  });

  it(`is no retail thought leadership when its retail paragraphs fill one stretch (under ${MIN_RETAIL_THEME_SPREAD * 100} % of its words), however many there are`, async () => {
    // A worked example section: five retail paragraphs in a row, then the rest of the primer.
    const examples = Array.from({ length: 5 }, (_, i) => example(i + 1));
    const bunched = await audit([...STATS, ...examples, ...STATS, ...STATS]);
    expect(bunched.score).toBeGreaterThanOrEqual(RETAIL_SCORE_THRESHOLD);
    expect(bunched.p32.status).toBe('fail');
    // The same five spread through the same text make it a theme.
    const spread = await audit([...STATS, ...examples.flatMap((e, i) => [e, STATS[i]!, STATS[(i + 1) % STATS.length]!, STATS[(i + 2) % STATS.length]!])]);
    expect(spread.p32.status).toBe('pass');
  });
});

describe('a roundup of short headed sections', () => {
  // A year in review: a line of intro, then a dozen highlights of a sentence or two, each under its
  // own heading. One highlight is a new store; the rest are awards, research and team news.
  const HIGHLIGHTS: [string, string][] = [
    ['A new office', 'We moved into a bright office by the river, with room for the team to double.'],
    ['Two awards', 'Our sensor work won a regional innovation prize and a design commendation.'],
    ['Open source', 'We released our signal library under an open licence and welcomed first contributors.'],
    ['A research paper', 'A paper on indoor positioning with a university lab was accepted at a conference.'],
    ['Hiring', 'Five engineers and a designer joined us, and two interns stayed on after the summer.'],
    ['Talks', 'We spoke at three meetups and a conference on privacy in sensing.'],
    ['Hospital pilot', 'A hospital wing now finds its wheelchairs and pumps with our tags.'],
    ['Partners', 'Two integrators in Europe now resell our starter kit.'],
    ['Our podcast', 'Twelve episodes on the physical web, with guests from five countries.'],
    ['Thank you', 'Thanks to every client and collaborator for a good year.'],
  ];
  const STORE: [string, string] = ['Flagship store', 'A fashion retailer fitted its flagship store with our sensors, bringing its e-commerce analytics to the brick-and-mortar shop floor.'];
  const audit = async (intro: string, sections: [string, string][]) => {
    const address = u('/blog/2026/06/01/year-in-review/');
    const html = `<html><head><title>Our year in review</title></head><body><main><article><h1>Our year in review</h1>
      <p>Posted 1 June 2026</p><p>${intro}</p>${sections.map(([h, p]) => `<h3>${h}</h3><p>${p}</p>`).join('')}</article></main></body></html>`;
    const pageFacts = await analyzePage(htmlInput(html, address), ASOF);
    return { score: pageFacts.retail.score, p32: verdict('P3.2', site([page(address, { facts: pageFacts })])) };
  };

  it('is no retail thought leadership for one retail highlight among many, though it falls in its first 200 words', async () => {
    const { score, p32 } = await audit('Twelve months, told in short notes.', [...HIGHLIGHTS.slice(0, 3), STORE, ...HIGHLIGHTS.slice(3)]);
    expect(score).toBeGreaterThanOrEqual(RETAIL_SCORE_THRESHOLD);
    expect(p32.status).toBe('fail');
  });

  it('is retail thought leadership when its intro says it is about retail', async () => {
    const { p32 } = await audit('A year of work with retailers and their stores, told in short notes.', [...HIGHLIGHTS.slice(0, 3), STORE, ...HIGHLIGHTS.slice(3)]);
    expect(p32.status).toBe('pass');
  });

  it('leaves a post with a few long sections as it was: retail early in its first section is in its lead', async () => {
    const long = (s: string) => `${s} ${STATS_FILLER}`;
    const { p32 } = await audit('How we measure footfall.', [STORE, ...HIGHLIGHTS.slice(0, 2)].map(([h, p]): [string, string] => [h, long(p)]));
    expect(p32.status).toBe('pass');
  });
});

const STATS_FILLER = 'The sensors report counts every minute, the gateway batches them, and a dashboard shows the trend by hour, by day and against the same week of the previous year, with the raw data kept for a year.';

describe('collecting an online order at a store', () => {
  // A post on reopening after a lockdown: a long intro on sensor networks that names no industry, then
  // click-and-collect bays, kerbside collection and queue counters, one paragraph each, spread through.
  const INTRO = [
    'Low-power wide-area networks carry a few bytes from battery sensors over several kilometres, and a single gateway on a roof covers a whole town centre.',
    'Sensors last years on one battery because they sleep between readings and wake only to send a short message, which the network server forwards to an application.',
    'We have spent the spring fitting such sensors for clients who need to know how full a space is, whether a door is open and how warm a room has become.',
    'None of it needs cameras or personal data: a counter reports a number, a door contact reports open or shut, and a probe reports a temperature every few minutes.',
  ];
  const SERVICES = [
    'Bay sensors tell staff when a car has parked in a click-and-collect bay, so the order is brought out before the driver has to call.',
    'For curbside pickup, the same sensors time how long each car waits, and the app warns the team when the wait passes five minutes.',
    'Lockers for click and collect orders report when a parcel has been taken, so the team can refill them during the afternoon.',
    'At the entrance a counter keeps the number of people inside under the limit, and a display shows when the next person may enter.',
    'Orders placed online for ship-from-store are packed in the back room, where a probe on the chiller logs its temperature through the day.',
  ];
  const FILLER = 'The gateway forwards every reading within seconds, the dashboard keeps a year of history, and alerts go out by text message to whoever is on duty that day.';
  const audit = async (paragraphs: string[]) => {
    const address = u('/blog/2026/06/01/reopening-with-sensors/');
    const html = `<html><head><title>Reopening with sensors</title></head><body><main><article><h1>Reopening with sensors</h1><p>Posted 1 June 2026</p>
      ${paragraphs.map((p) => `<p>${p}</p>`).join('')}</article></main></body></html>`;
    return verdict('P3.2', site([page(address, { facts: await analyzePage(htmlInput(html, address), ASOF) })]));
  };

  it('names a store: click-and-collect, curbside pickup and ship-from-store running through a post make it retail', async () => {
    const p32 = await audit([...INTRO, ...SERVICES.flatMap((s) => [s, FILLER])]);
    expect(p32.status).toBe('pass');
  });

  it('is still one passing example when named once in a long post', async () => {
    const p32 = await audit([...INTRO, SERVICES[0]!, ...Array.from({ length: 12 }, () => FILLER)]);
    expect(p32.status).toBe('fail');
  });
});

describe('RFID', () => {
  // Readers and tags follow hospital pumps, factory pallets and vaccine boxes as much as store stock:
  // the technology's name says where a text could apply, not that it is about retail.
  const audit = async (title: string, paragraphs: string[]) => {
    const address = u('/blog/2026/06/01/rfid-readers/');
    const html = `<html><head><title>${title}</title></head><body><main><article><h1>${title}</h1><p>Posted 1 June 2026</p>
      ${paragraphs.map((p) => `<p>${p}</p>`).join('')}</article></main></body></html>`;
    return verdict('P3.2', site([page(address, { facts: await analyzePage(htmlInput(html, address), ASOF) })]));
  };

  it('named however often is no retail marker: a paper on RFID readers in hospitals and factories is no retail thought leadership', async () => {
    const p32 = await audit('RFID readers for wide-area location', [
      'We study passive RFID tags read by ceiling-mounted RFID readers across a hospital campus, with one RFID reader per corridor.',
      'Each RFID reader reports tag identifiers, signal strength and antenna port every second to the RFID middleware.',
      'Infusion pumps and wheelchairs carry RFID tags, so nurses find them without searching the wards for RFID-tagged kit.',
      'On the factory floor the same RFID readers follow pallets between the press line and the loading dock.',
      'A cold chain trial logged vaccine boxes as they passed RFID portals at each door of the warehouse.',
    ]);
    expect(p32.status).toBe('fail');
    expect(p32.outcome.id).not.toBe('P3.2.borderline');
  });

  it('beside a store it is still about retail', async () => {
    const p32 = await audit('RFID and stock accuracy in our stores', [
      'Item-level RFID lifts store inventory accuracy from about two thirds to above ninety-five per cent.',
      'Store associates count the sales floor with handheld RFID readers in minutes instead of a whole night.',
      'Replenishment then follows what shoppers actually took from the rails, and fewer sizes run out before the weekend.',
    ]);
    expect(p32.status).toBe('pass');
  });
});
