// The generated partner site every crawl bench serves: N pages that read like a consulting partner's
// website (a mega-menu, a footer full of links, an inline analytics script, JSON-LD, 10–20 KB of prose
// in sections with headings), of the kinds an audit meets: service pages, retail solution pages, blog
// posts with dates, customer case studies with challenge/solution/results, and one page in five in
// Traditional Chinese. Every page lists up to FANOUT child pages, so all are a few clicks from the
// homepage. Deterministic: page i is the same on every run and for every crawler.
//
// `startSiteServer` serves it from a child process (so the server's CPU and memory are not the
// measured process's) on 127.0.0.1, every page built once and kept as bytes.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:http';
import { fileURLToPath } from 'node:url';

const FANOUT = 6;

/** A small linear congruential generator: the same text for the same seed, on every machine. */
function rng(seed: number): () => number {
  let x = (seed * 2654435761 + 1) >>> 0;
  return () => {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    return x >>> 8;
  };
}

const pick = <T>(next: () => number, xs: readonly T[]): T => xs[next() % xs.length]!;

const FILL: Record<string, readonly string[]> = {
  customer: ['a regional grocery chain', 'a fashion retailer with 140 stores', 'a consumer electronics brand', 'a department store group', 'an online marketplace', 'a convenience store operator', 'a sporting goods retailer', 'a cosmetics brand', 'a home furnishings retailer', 'a pharmacy chain', 'a duty-free operator', 'a bakery franchise'],
  system: ['order management system', 'point-of-sale platform', 'loyalty programme', 'product information management', 'warehouse management system', 'e-commerce storefront', 'customer data platform', 'demand forecasting pipeline', 'merchandise planning tool', 'store inventory service', 'returns portal', 'pricing engine'],
  service: ['Amazon S3', 'AWS Lambda', 'Amazon DynamoDB', 'Amazon Redshift', 'Amazon SageMaker', 'Amazon Kinesis', 'Amazon Aurora', 'Amazon EKS', 'AWS Glue', 'Amazon Personalize', 'Amazon CloudFront', 'AWS Step Functions', 'Amazon QuickSight', 'Amazon Forecast', 'Amazon API Gateway', 'AWS Fargate'],
  verb: ['rebuilt', 'migrated', 'modernised', 'consolidated', 're-platformed', 'automated', 'redesigned', 'scaled out', 'instrumented', 'secured'],
  outcome: ['cut checkout time by 38%', 'lowered infrastructure cost by a quarter', 'raised online conversion by 12%', 'reduced stockouts during peak season', 'halved the time to open a new store', 'brought nightly reporting down from six hours to twenty minutes', 'kept the site up through the biggest sale of the year', 'gave store managers live inventory on their phones', 'doubled the number of promotions the team could run', 'removed three legacy data centres'],
  topic: ['unified commerce', 'store operations', 'supply chain visibility', 'customer analytics', 'cloud cost management', 'data governance', 'payment security', 'omnichannel fulfilment', 'personalisation', 'workforce scheduling', 'sustainability reporting', 'fraud prevention'],
  adjective: ['practical', 'measurable', 'resilient', 'incremental', 'secure', 'well-governed', 'customer-facing', 'cost-aware', 'cloud-native', 'data-driven'],
  team: ['our architects', 'the customer\'s platform team', 'a squad of four engineers', 'our managed services desk', 'the data engineering group', 'store operations leads', 'the security office', 'our retail consultants'],
  period: ['in twelve weeks', 'over two quarters', 'before the holiday season', 'within a single fiscal year', 'in three phases', 'during a six-month programme', 'without a freeze on releases'],
  audience: ['retail leaders', 'IT directors', 'heads of e-commerce', 'store operations managers', 'finance teams', 'marketing teams', 'supply chain planners'],
};

const TEMPLATES = [
  'Working with {customer}, {team} {verb} the {system} on {service} and {outcome}.',
  'The {system} now runs on {service} and {service}, which {outcome} {period}.',
  'For {audience}, the lesson is that {topic} pays off when the first steps are {adjective} and small.',
  'We start every engagement with a short assessment of the {system}, the data it holds and the people who depend on it.',
  '{team} {verb} the {system} {period}, keeping the stores trading while the old platform was retired.',
  'A {adjective} approach to {topic} begins with the questions {audience} actually ask every Monday morning.',
  'Using {service} for the {system} meant the team no longer patched servers at night, and it {outcome}.',
  'Many retailers still run their {system} on hardware bought a decade ago; moving it to {service} is rarely the hard part.',
  'The hard part is agreeing what good looks like for {topic}, and measuring it from the first week.',
  'Our consultants have delivered {topic} projects for {customer}, {customer} and {customer}.',
  'Security reviews covered encryption with AWS KMS, least-privilege roles and network segmentation for cardholder data.',
  'After go-live, our managed services team monitors the {system} around the clock with Amazon CloudWatch.',
  'In a {adjective} rollout, each store moved to the new {system} only after the previous one had run cleanly for a week.',
  'We publish what we learn: the numbers, what went wrong, and what we would do differently next time.',
  'The results were {adjective}: the customer {outcome} and {outcome}.',
  'Questions about {topic}? Our team answers within one business day.',
];

const ZH_TEMPLATES = [
  '我們協助{zhCustomer}將{zhSystem}遷移到 AWS，{zhOutcome}。',
  '{zhCustomer}的團隊與我們的顧問合作，在{zhPeriod}完成{zhSystem}的現代化。',
  '導入 Amazon S3 與 AWS Lambda 之後，{zhSystem}不再需要夜間維護，並且{zhOutcome}。',
  '零售業者面對全通路的挑戰時，第一步往往是整合門市與線上的會員資料。',
  '我們的雲端架構師在台灣服務零售、餐飲與電商客戶超過十年。',
  '透過 Amazon Redshift 與 Amazon QuickSight，門市主管每天早上都能看到前一天的銷售與庫存。',
  '資安方面，我們依照 PCI DSS 的要求設計網路區隔與加密，並由代管服務團隊全天候監控。',
  '歡迎與我們聯絡，了解更多關於{zhSystem}與雲端轉型的做法。',
];

const ZH_FILL: Record<string, readonly string[]> = {
  zhCustomer: ['一家連鎖超市', '一家服飾品牌', '一家百貨集團', '一家電商平台', '一家便利商店業者', '一家藥妝連鎖'],
  zhSystem: ['訂單管理系統', 'POS 收銀系統', '會員忠誠度平台', '倉儲管理系統', '電商網站', '需求預測模型'],
  zhOutcome: ['結帳時間縮短了三成', '基礎架構成本降低兩成五', '線上轉換率提升百分之十二', '旺季缺貨大幅減少', '展店準備時間減半'],
  zhPeriod: ['十二週內', '兩個季度內', '年終檔期之前', '一個會計年度內'],
};

function sentence(next: () => number, templates: readonly string[], fill: Record<string, readonly string[]>): string {
  return pick(next, templates).replace(/\{(\w+)\}/g, (_, slot: string) => pick(next, fill[slot]!));
}

function prose(next: () => number, sentences: number, zh: boolean): string {
  const out: string[] = [];
  for (let i = 0; i < sentences; i++) out.push(zh ? sentence(next, ZH_TEMPLATES, ZH_FILL) : sentence(next, TEMPLATES, FILL));
  return out.join(zh ? '' : ' ');
}

type Kind = 'home' | 'case-study' | 'blog' | 'solution' | 'service';

function kindOf(i: number): Kind {
  if (i === 0) return 'home';
  if (i % 10 === 1) return 'case-study';
  if (i % 10 === 2 || i % 10 === 3 || i % 10 === 4) return 'blog';
  if (i % 10 === 5) return 'solution';
  return 'service';
}

const SECTION: Record<Kind, string> = { home: '', 'case-study': 'customers', blog: 'blog', solution: 'solutions', service: 'services' };

/** Path of page i: /, or /<section>/<slug>-<i>/ (blog posts carry their month). */
export function sitePath(i: number): string {
  const kind = kindOf(i);
  if (kind === 'home') return '/';
  const zh = i % 5 === 0 ? '/zh-tw' : '';
  const slug = pick(rng(i * 7 + 3), FILL.topic!).replace(/[^a-z]+/g, '-');
  const month = kind === 'blog' ? `/${publishedOn(i).slice(0, 7).replace('-', '/')}` : '';
  return `${zh}/${SECTION[kind]}${month}/${slug}-${i}/`;
}

/** The page index a path names, or -1. */
export function pageIndex(path: string): number {
  if (path === '/') return 0;
  const m = /-(\d+)\/$/.exec(path);
  return m && sitePath(Number(m[1])) === path ? Number(m[1]) : -1;
}

function publishedOn(i: number): string {
  const d = new Date(Date.UTC(2026, 10, 20) - ((i * 37) % 900) * 86_400_000);
  return d.toISOString().slice(0, 10);
}

function navigation(pages: number): string {
  const groups = ['Services', 'Solutions', 'Industries', 'Customers', 'Insights', 'Company'];
  return groups
    .map((g, gi) => {
      const items = Array.from({ length: 7 }, (_, k) => gi * 7 + k + 1)
        .filter((p) => p < pages)
        .map((p) => `<li class="menu-item menu-item-type-post_type"><a class="menu-link" href="${sitePath(p)}">${pick(rng(p), FILL.topic!)}</a></li>`)
        .join('');
      return `<li class="menu-item menu-item-has-children"><a href="#" class="menu-link">${g}</a><ul class="sub-menu">${items}</ul></li>`;
    })
    .join('');
}

function footer(i: number, pages: number): string {
  const columns = Array.from({ length: 4 }, (_, c) => {
    const links = Array.from({ length: 7 }, (_, k) => ((c * 7 + k) * 131 + 17) % pages)
      .map((p) => `<li><a href="${sitePath(p)}">${pick(rng(p + 5), FILL.topic!)}</a></li>`)
      .join('');
    return `<div class="footer-column"><h4>${['Services', 'Industries', 'Resources', 'Company'][c]}</h4><ul>${links}</ul></div>`;
  }).join('');
  return `<footer class="site-footer"><div class="footer-columns">${columns}</div>
<div class="footer-contact"><p>Bench Partner Cloud Consulting Co., Ltd. · 8F, No. 100, Section 1, Xinyi Road, Taipei 110 · +886 2 2345 6789</p>
<p>AWS Advanced Tier Services Partner · ISO 27001 certified</p><p class="copyright">© 2026 Bench Partner. All rights reserved. <a href="/">Privacy</a> · <a href="/">Cookies</a> · page ${i}</p></div></footer>`;
}

const ANALYTICS = `<script>window.dataLayer=window.dataLayer||[];function gtag(){dataLayer.push(arguments);}gtag('js',new Date());gtag('config','G-BENCH000');
(function(w,d,s,l,i){w[l]=w[l]||[];w[l].push({'gtm.start':new Date().getTime(),event:'gtm.js'});var f=d.getElementsByTagName(s)[0],j=d.createElement(s),dl=l!='dataLayer'?'&l='+l:'';j.async=true;j.src='https://www.googletagmanager.com/gtm.js?id='+i+dl;f.parentNode.insertBefore(j,f);})(window,document,'script','dataLayer','GTM-BENCH');</script>`;

function headings(kind: Kind, zh: boolean): string[] {
  if (kind === 'case-study') return zh ? ['客戶簡介', '挑戰', '解決方案', '成果'] : ['About the customer', 'The challenge', 'The solution', 'Results'];
  if (zh) return ['我們的做法', '為什麼選擇 AWS', '常見問題', '下一步'];
  return ['Why it matters', 'How we work', 'What we delivered', 'Frequently asked questions', 'Next steps'];
}

/** Page i of an N-page site: 10–20 KB of HTML. */
export function sitePage(i: number, pages: number): string {
  const next = rng(i + 1);
  const kind = kindOf(i);
  const zh = i % 5 === 0 && kind !== 'home';
  const topic = pick(rng(i * 7 + 3), FILL.topic!);
  const title = kind === 'home'
    ? 'Bench Partner — AWS consulting for retail'
    : zh ? `${topic}：零售業的雲端實務 ${i}` : `${topic[0]!.toUpperCase()}${topic.slice(1)} for retail: ${pick(next, FILL.adjective!)} steps (${i})`;
  const date = publishedOn(i);
  const sections = headings(kind, zh)
    .map((h) => {
      const paragraphs = Array.from({ length: 2 + (next() % 2) }, () => `<p>${prose(next, 2 + (next() % 3), zh)}</p>`).join('\n');
      return `<section class="content-section"><h2>${h}</h2>\n${paragraphs}</section>`;
    })
    .join('\n');
  const children = Array.from({ length: FANOUT }, (_, k) => i * FANOUT + k + 1)
    .filter((c) => c < pages)
    .map((c) => `<li class="related-item"><a href="${sitePath(c)}">${pick(rng(c * 7 + 3), FILL.topic!)}: ${prose(rng(c), 1, c % 5 === 0).slice(0, 90)}</a></li>`)
    .join('');
  const byline = kind === 'blog' || kind === 'case-study'
    ? `<div class="entry-meta"><span class="byline">${zh ? '作者' : 'By'} Bench Partner</span> · <time class="entry-date published" datetime="${date}">${date}</time></div>`
    : '';
  const ld = kind === 'blog' || kind === 'case-study'
    ? `<script type="application/ld+json">{"@context":"https://schema.org","@type":"${kind === 'blog' ? 'BlogPosting' : 'Article'}","headline":${JSON.stringify(title)},"datePublished":"${date}T09:00:00+08:00","author":{"@type":"Organization","name":"Bench Partner"}}</script>`
    : '';
  return `<!doctype html>
<html lang="${zh ? 'zh-TW' : 'en'}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} | Bench Partner</title>
<meta name="description" content="${prose(rng(i + 11), 1, zh).replace(/"/g, '')}">
<meta property="og:title" content="${title}"><meta property="og:site_name" content="Bench Partner"><meta property="og:type" content="${kind === 'blog' ? 'article' : 'website'}">
${kind === 'blog' ? `<meta property="article:published_time" content="${date}T09:00:00+08:00">` : ''}
<link rel="stylesheet" href="/assets/theme.css"><link rel="canonical" href="${sitePath(i)}">${ld}${ANALYTICS}
</head><body class="page-template-default page-${i}">
<a class="skip-link screen-reader-text" href="#content">Skip to content</a>
<header id="masthead" class="site-header"><div class="site-branding"><a href="/" rel="home">Bench Partner</a></div>
<nav id="site-navigation" class="main-navigation" aria-label="Primary"><ul id="primary-menu" class="menu">${navigation(pages)}</ul></nav></header>
<div id="content" class="site-content"><main id="main" class="site-main"><article class="post-${i} type-${kind}">
<nav class="breadcrumbs" aria-label="Breadcrumb"><a href="/">Home</a> › ${SECTION[kind] || 'home'}</nav>
<header class="entry-header"><h1 class="entry-title">${title}</h1>${byline}</header>
<div class="entry-content">
<p class="lead">${prose(next, 2, zh)}</p>
${sections}
</div></article>
<section class="related-posts"><h3>${zh ? '延伸閱讀' : 'Read next'}</h3><ul>${children}</ul></section></main>
<aside id="secondary" class="widget-area sidebar"><section class="widget"><h3>Contact us</h3><p>${prose(rng(i + 99), 1, zh)}</p><a class="button" href="/">Book a call</a></section></aside></div>
${footer(i, pages)}
</body></html>`;
}

/** Serves an N-page site on 127.0.0.1 (run in a child process by startSiteServer). */
async function serve(pages: number): Promise<void> {
  const bodies = new Map<string, Buffer>();
  for (let i = 0; i < pages; i++) bodies.set(sitePath(i), Buffer.from(sitePage(i, pages)));
  const notFound = Buffer.from('<!doctype html><title>Not found</title><h1>Not found</h1>');
  const server = createServer((req, res) => {
    const body = bodies.get((req.url ?? '/').split('?')[0]!);
    res.writeHead(body ? 200 : 404, { 'content-type': 'text/html; charset=utf-8', 'content-length': (body ?? notFound).length });
    res.end(body ?? notFound);
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  process.stdout.write(`${JSON.stringify({ port: (server.address() as { port: number }).port })}\n`);
}

/** Starts the site server in a child process; resolves with its port once it listens. */
export async function startSiteServer(pages: number): Promise<{ port: number; child: ChildProcess }> {
  const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), String(pages)], { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<number>((resolve, reject) => {
    let buf = '';
    child.stdout!.on('data', (d: Buffer) => {
      buf += d.toString();
      if (buf.includes('\n')) resolve(JSON.parse(buf.split('\n')[0]!).port);
    });
    child.once('exit', (code) => reject(new Error(`bench site server exited with ${code}`)));
  });
  return { port, child };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await serve(Number(process.argv[2]));
}
