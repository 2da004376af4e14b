import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { analyzePage, parseHtml } from '../analyzers/index.ts';
import { announcementPhrases, classifyPage, otherIndustries, withoutAwsCredentials } from '../analyzers/classify.ts';
import { extractContent } from '../analyzers/extract.ts';
import { extractDates } from '../analyzers/dates.ts';
import { pdfContent, readPdf } from '../analyzers/pdf.ts';
import type { PageDates } from '../analyzers/types.ts';
import { htmlInput, readPage } from './pages/page-input.ts';

const AS_OF = '2026-11-29';
const NO_DATES: PageDates = { published: null, modified: null };

function classifyHtml(html: string, url: string) {
  const $ = parseHtml(html);
  const dates = extractDates($, url, AS_OF);
  return classifyPage(extractContent($, htmlInput(html, url)), url, dates);
}

const classifySaved = (name: string, url: string) => classifyHtml(readPage(name), url);

describe('classifyPage on saved pages', () => {
  it('a WordPress blog post is thought leadership (blog)', () => {
    const c = classifySaved('blog-post-en.html', 'https://www.shoptech.test/blog/grocery-demand-forecasting/');
    expect(c).toMatchObject({ type: 'thought-leadership', kind: 'blog' });
    expect(c.signals).toContain('json-ld:BlogPosting');
    expect(c.signals).toContain('url:/blog/…');
  });

  it('a zh-TW success story with 客戶簡介 / 挑戰 / 解決方案 / 效益 is a case study', () => {
    const c = classifySaved('case-study-zh.html', 'https://www.cloudwing.test/zh-tw/success-stories/haoshi-forecast/');
    expect(c.type).toBe('case-study');
    expect(c.kind).toBeNull();
    expect(c.signals).toEqual(expect.arrayContaining(['headings:challenge/solution/results', 'url:/success-stories/…', 'title:成功案例']));
    expect(c.confidence).toBeGreaterThan(0.5);
  });

  it('a retail industry page that links to six case studies is a practice page, not a listing', () => {
    const html = readPage('practice-retail-en.html');
    const c = classifyHtml(html, 'https://www.shoptech.test/industries/retail/');
    expect(c.type).toBe('practice');
    expect(c.signals).toContain('links:6 case studies');
    // Even at a URL that says nothing, its title, offer and prose keep it a practice page.
    const neutral = classifyHtml(html, 'https://www.shoptech.test/p/1024/');
    expect(neutral.type).toBe('practice');
  });

  it('a paginated index of case-study cards is a listing', () => {
    const c = classifySaved('listing-zh.html', 'https://www.cloudwing.test/zh-tw/success-stories/');
    expect(c.type).toBe('listing');
    expect(c.signals).toEqual(expect.arrayContaining(['links:pagination', 'json-ld:CollectionPage', 'url:/success-stories/ (index)']));
    expect(c.signals.some((s) => /^links:8 item titles/.test(s))).toBe(true);
  });

  it('a press release is news, a seminar page an event, a player page a video', () => {
    expect(classifySaved('news-en.html', 'https://www.shoptech.test/news/2026/10/retail-competency/')).toMatchObject({ type: 'thought-leadership', kind: 'news' });
    const event = classifySaved('event-zh.html', 'https://www.cloudwing.test/zh-tw/events/genai-retail-seminar/');
    expect(event).toMatchObject({ type: 'thought-leadership', kind: 'event' });
    expect(event.signals).toEqual(expect.arrayContaining(['json-ld:Event', 'title:研討會', 'links:register']));
    const video = classifySaved('video-en.html', 'https://www.shoptech.test/videos/retail-data-lake/');
    expect(video).toMatchObject({ type: 'thought-leadership', kind: 'video' });
    expect(video.signals).toContain('embed:youtube.com player, short text');
  });

  it('an about page is other', () => {
    expect(classifySaved('about-en.html', 'https://www.shoptech.test/about-us/')).toMatchObject({ type: 'other', kind: null });
  });
});

describe('classifyPage rules', () => {
  const story = `<main><h1>How UrbanWear unified online and store inventory</h1>
    <p>UrbanWear runs 45 fashion stores and an online shop.</p>
    <h2>The Challenge</h2><p>Stock was counted separately for the web and for each store, so online orders were cancelled every day.</p>
    <h2>The Solution</h2><p>We built an inventory service on Amazon DynamoDB fed by the POS through Amazon Kinesis.</p>
    <h2>Results</h2><p>Cancelled online orders fell by 80% in three months.</p></main>`;

  it('a customer story published as a blog post is a case study', () => {
    const html = `<html><head><meta property="og:type" content="article"><script type="application/ld+json">{"@type":"BlogPosting","datePublished":"2026-06-01"}</script></head><body>${story}</body></html>`;
    const c = classifyHtml(html, 'https://www.shoptech.test/blog/urbanwear-inventory/');
    expect(c.type).toBe('case-study');
    expect(c.signals[0]).toBe('headings:challenge/solution/results');
  });

  it('reads numbered and zh-TW variants of the story headings', () => {
    const zh = `<main><h1>好鄰居便利商店 POS 上雲</h1><h2>一、客戶面臨的挑戰</h2><p>門市 POS 後台建置於老舊機房，尖峰時段經常當機。</p>
      <h2>二、解決之道</h2><p>以 Amazon EC2 與 Amazon RDS 重建後台。</p><h2>三、專案成果</h2><p>系統可用率提升至 99.9%。</p></main>`;
    expect(classifyHtml(zh, 'https://www.cloudwing.test/zh-tw/p/123').signals).toContain('headings:challenge/solution/results');
    const en = `<main><h1>Corner Bakery</h1><h2>01 Business challenges</h2><p>Orders were lost.</p><h2>02 Our approach</h2><p>We rebuilt it.</p><h2>03 Key results</h2><p>Fewer lost orders.</p></main>`;
    expect(classifyHtml(en, 'https://www.shoptech.test/p/124').signals).toContain('headings:challenge/solution/results');
  });

  it('reads story headings that qualify the section word (合作背景 / 我們的做法 / 上線成果; The brief / What we did / The impact)', () => {
    const zh = `<main><h1>美研藥妝：讓每位會員看到自己想買的</h1><h2>合作背景</h2><p>會員資料分散在 POS、官網與 APP。</p>
      <h2>我們的做法</h2><p>以 Amazon Personalize 建立商品推薦。</p><h2>上線成果</h2><p>會員回購率提升 22%。</p></main>`;
    const zhStory = classifyHtml(zh, 'https://www.yunfeng.test/stories/12.html');
    expect(zhStory.type).toBe('case-study');
    expect(zhStory.signals).toContain('headings:challenge/solution/results');
    const en = `<main><h1>A storefront built for the busiest weekend of the year</h1><h2>The brief</h2><p>The old site slowed down every November.</p>
      <h2>What we did</h2><p>We rebuilt the storefront on Amazon EKS.</p><h2>The impact</h2><p>Conversion rose 18%.</p></main>`;
    expect(classifyHtml(en, 'https://www.lumen.test/our-work/trailhead/').signals).toContain('headings:challenge/solution/results');
    // A sentence that happens to end in a section word is not a heading of a story.
    const practice = `<main><h1>智慧零售</h1><h2>我們協助連鎖品牌在雲端打造全新的會員經營成果</h2><p>…</p><h2>技術架構</h2><p>…</p></main>`;
    expect(classifyHtml(practice, 'https://www.yunfeng.test/solutions/smart-retail.html').signals.join()).not.toMatch(/headings:/);
  });

  it('an index written as index.html links down to its items; 客戶故事 as the h1 titles the index', () => {
    const card = (n: number, title: string) => `<div class="card"><a href="/stories/${n}.html"><img src="/i/${n}.jpg" alt=""></a><span>2026.03.18</span><h3><a href="/stories/${n}.html">${title}</a></h3><p>一段簡短的介紹文字。</p></div>`;
    const html = `<html><head><title>客戶故事｜雲峰數位科技</title></head><body><main><h1>客戶故事</h1>
      ${card(15, '麥香烘焙坊：120 家門市的需求預測')}${card(12, '美研藥妝：讓每位會員看到自己想買的')}${card(9, '東昇精機：產線資料即時上雲')}</main></body></html>`;
    const c = classifyHtml(html, 'https://www.yunfeng.test/stories/index.html');
    expect(c.type).toBe('listing');
    expect(c.signals).toEqual(expect.arrayContaining(['links:3 child pages', 'title:客戶故事']));
  });

  it('an events index titled with the section name (活動報名) is a listing, not an event', () => {
    const html = `<html><head><title>活動報名｜雲峰數位科技</title></head><body><main><h1>活動報名</h1>
      <div class="event-card"><span>已結束</span><h3><a href="/events/2026-retail-forum.html">2026 零售科技論壇：AI 驅動的全通路營運</a></h3><p>活動日期：2026.09.24（四）14:00–17:00｜台北 AWS 辦公室</p></div></main></body></html>`;
    const c = classifyHtml(html, 'https://www.yunfeng.test/events/index.html');
    expect(c.type).toBe('listing');
    // The event page itself (its title names the forum) is still an event.
    const event = `<html><head><title>2026 零售科技論壇｜雲峰數位科技</title></head><body><main><h1>2026 零售科技論壇：AI 驅動的全通路營運</h1>
      <table><tr><th>活動日期</th><td>2026.09.24（四）14:00–17:00</td></tr><tr><th>活動地點</th><td>AWS 台北辦公室</td></tr></table><p>活動地點：台北</p><p>議程：三場分享。</p></main></body></html>`;
    expect(classifyHtml(event, 'https://www.yunfeng.test/events/2026-retail-forum.html')).toMatchObject({ type: 'thought-leadership', kind: 'event' });
  });

  it('a post under /column/ (技術專欄) is a blog post, its index a listing', () => {
    const post = `<main><h1>EKS 叢集成本優化的五個實戰技巧</h1><div class="meta">2026.10.01 ｜ 作者：張凱翔</div><h2>1. 使用 Karpenter</h2><p>依工作負載自動選擇執行個體類型。</p></main>`;
    expect(classifyHtml(post, 'https://www.yunfeng.test/column/35.html')).toMatchObject({ type: 'thought-leadership', kind: 'blog' });
    expect(classifyHtml('<main><h1>技術專欄</h1></main>', 'https://www.yunfeng.test/column/index.html').type).not.toBe('thought-leadership');
  });

  it('reads CMS item addresses named after their section (case_detail_21.html, news_detail_105.html, newsview.aspx)', () => {
    const prose = '<p>門市交易資料每晚上傳雲端，總部隔天即可看到各店營收與品項銷量，行銷部門也能依會員購買紀錄發送折價券。</p>'.repeat(4);
    const page = (h1: string) => `<html><head><title>${h1} - 天祥雲端</title></head><body><main><h1>${h1}</h1><div class="info">發布日期：114-10-03</div>${prose}</main></body></html>`;
    const story = classifyHtml(page('全家福量販會員數據平台'), 'https://www.tiencloud.test/tw/case_detail_21.html');
    expect(story.type).toBe('case-study');
    expect(story.signals).toContain('url:case_detail_21 (case item)');
    expect(classifyHtml(page('天祥雲端通過 AWS 審核'), 'https://www.tiencloud.test/tw/news_detail_98.html')).toMatchObject({ type: 'thought-leadership', kind: 'news' });
    expect(classifyHtml(page('天祥雲端通過 AWS 審核'), 'https://www.tiencloud.test/newsview.aspx')).toMatchObject({ type: 'thought-leadership', kind: 'news' });
    // The section's own page and a product page are not items.
    expect(classifyHtml(page('成功案例'), 'https://www.tiencloud.test/tw/case.html').type).not.toBe('case-study');
    expect(classifyHtml(page('會員數據平台'), 'https://www.tiencloud.test/tw/product_detail_5.html').signals.join()).not.toMatch(/item\)/);
  });

  it('a 「客戶」… 案例 title names a story; a 【活動】/【新聞】 tag names the kind of a news item, whatever section holds it', () => {
    const prose = '<p>以 Amazon SageMaker 預測門市需求，並將建議訂貨量回寫至既有的訂貨系統，門市主管每天早上即可檢視。</p>'.repeat(4);
    const at = (title: string, url: string) => classifyHtml(`<html><head><title>${title}</title></head><body><main><h1>${title}</h1><p>發布日期：115-02-17</p>${prose}</main></body></html>`, url);
    const story = at('「蝦拚購物」電商平台 AWS 架構升級案例', 'https://www.tiencloud.test/p/26');
    expect(story.type).toBe('case-study');
    expect(story.signals).toContain('title:「蝦拚購物」電商平台 AWS 架構升級案例');
    expect(at('「智慧零售」案例分享', 'https://www.tiencloud.test/p/27').type).not.toBe('case-study');
    expect(at('【活動】2026 流通業數位轉型論壇', 'https://www.juxin.test/zh-tw/news/2026-distribution-forum/')).toMatchObject({ type: 'thought-leadership', kind: 'event' });
    expect(at('【新聞】天祥雲端受邀於台灣電商年會分享', 'https://www.tiencloud.test/p/92')).toMatchObject({ type: 'thought-leadership', kind: 'news' });
    expect(at('【專欄】連鎖通路如何用機器學習做門市補貨', 'https://www.juxin.test/p/9')).toMatchObject({ type: 'thought-leadership', kind: 'blog' });
    expect(at('〔活動回顧〕2026 零售科技論壇', 'https://www.juxin.test/news/31')).toMatchObject({ type: 'thought-leadership', kind: 'event' });
  });

  it('reads the phrasing of an announcement of work still to come, unless the text says it is live', () => {
    expect(announcementPhrases('Corner Fresh has selected BrightPath to modernize online ordering on AWS, BrightPath announced today. The new platform is expected to go live in 2027.'))
      .toEqual(['announced today', 'has selected', 'expected to go live']);
    expect(announcementPhrases('雲峰今日宣布與好鄰居超商簽署合作，預計於 2027 年第二季上線，將導入 Amazon Personalize。')).toEqual(['宣布', '預計於 2027 年第二季上線', '將導入']);
    expect(announcementPhrases('The new site went live in March 2026. Next year Trailhead plans to use the platform for its wholesale business.')).toEqual([]);
  });

  it('drops the partner\'s AWS credentials, so a badge in a call to action is no mention of AWS use', async () => {
    expect(withoutAwsCredentials('Kestrel is an AWS Advanced Tier Services Partner. Talk to our AWS-certified team. We hold the AWS Retail Competency.'))
      .not.toMatch(/AWS/);
    expect(withoutAwsCredentials('雲峰是 AWS 進階級服務合作夥伴，團隊擁有 AWS 認證。')).not.toMatch(/AWS/);
    expect(withoutAwsCredentials('We migrated the order management system to AWS.')).toMatch(/to AWS/);
    const story = (body: string) => `<html><head><title>Saltmarsh Apparel</title></head><body><main><h1>Saltmarsh Apparel replatforms</h1>
      <h2>The challenge</h2><p>Peak trading slowed the old store down.</p><h2>The solution</h2><p>${body}</p><h2>The results</h2><p>Conversion up 21%.</p>
      <section class="cta"><p>Kestrel Digital is an AWS Advanced Tier Services Partner. Talk to our AWS-certified team.</p></section></main></body></html>`;
    const url = 'https://www.kestrel.test/work/saltmarsh/';
    const shopify = await analyzePage(htmlInput(story('We moved the storefront to Shopify Plus.'), url), AS_OF);
    expect(shopify.mentionsAws).toBe(false);
    const onAws = await analyzePage(htmlInput(story('We moved the storefront to AWS.'), url), AS_OF);
    expect(onAws.mentionsAws).toBe(true);
  });

  it('names the industries other than retail a text lists, not retail words that look like them', () => {
    expect(otherIndustries('We serve healthcare, financial services, retail, manufacturing and public-sector organizations.'))
      .toEqual(['healthcare', 'financial services', 'manufacturing']);
    expect(otherIndustries('我們協助零售、製造業與金融業客戶上雲')).toEqual(['financial services', 'manufacturing']);
    expect(otherIndustries('Pharmacy chains, back-to-school campaigns and social media for fashion retailers')).toEqual([]);
    expect(otherIndustries('專案完成後提供教育訓練與技術移轉')).toEqual([]);
  });

  it('a dated article without any markup or telling URL is still thought leadership', () => {
    const para = (topic: string) => `<p>Retailers that plan ${topic} with store-level data see fewer stockouts and less waste, because decisions follow what shoppers actually buy in each neighbourhood rather than a national average that fits no single store.</p>`;
    const html = `<html><body><div class="wrap"><h1>Three lessons from peak season</h1><p class="byline">Published on March 3, 2026 by Mei-Ling Chen</p>
      ${['replenishment', 'promotions', 'staffing', 'assortments', 'markdowns', 'deliveries', 'returns', 'pricing'].map(para).join('')}</div></body></html>`;
    const c = classifyHtml(html, 'https://www.shoptech.test/p/77');
    expect(c).toMatchObject({ type: 'thought-leadership', kind: 'blog' });
    expect(c.signals).toContain('shape:dated article, 8 paragraphs');
  });

  it('a job ad under the careers section is no post, though its CMS marks it up as one and it names retail', () => {
    const ad = `<html><head><meta property="og:type" content="article"><script type="application/ld+json">{"@type":"BlogPosting","datePublished":"2026-06-01"}</script>
      <title>Senior Data Scientist</title></head><body><main><h1>Senior Data Scientist</h1><p>Posted 1 June 2026</p>
      <p>You will build forecasting models for our retail and restaurant clients, working with store-level sales data every day.</p>
      <p>You know Python and SQL well, have shipped models to production, and enjoy explaining results to business teams.</p>
      <p>We offer flexible hours, a learning budget and a team that reviews every model together before it goes live.</p></main></body></html>`;
    expect(classifyHtml(ad, 'https://www.shoptech.test/careers/senior-data-scientist/').type).toBe('other');
    expect(classifyHtml(ad, 'https://www.shoptech.test/blog/senior-data-scientist/').type).toBe('thought-leadership');
  });

  it('a blog or news section filtered by an industry (/blog/retail/) is a listing; a post whose slug names the industry is a post', () => {
    const html = `<html><head><title>retail</title></head><body><main><h1>retail</h1>
      <p>Posts about retail: shelf cameras, loyalty apps and store networks at the edge.</p></main></body></html>`;
    expect(classifyHtml(html, 'https://www.edgeco.test/blog/retail/').type).toBe('listing');
    expect(classifyHtml(html, 'https://www.edgeco.test/news/e-commerce/').type).toBe('listing');
    expect(classifyHtml(html, 'https://www.edgeco.test/blog/retail-shelf-cameras/').type).toBe('thought-leadership');
  });

  it('article markup a site template puts on every page does not make an offering page a post; with prose or a post address it still does', () => {
    const markup = `<meta property="og:type" content="article"><script type="application/ld+json">{"@type":"BlogPosting","datePublished":"2021-03-01"}</script>`;
    const offering = `<html><head>${markup}<title>Demand planning</title></head><body><main><h1>Demand planning</h1>
      <p>Forecasts per store and per week, built from your sales history.</p>
      <ul><li>Store-level forecasts</li><li>Promotion effects</li><li>Weekly replenishment proposals</li></ul>
      <a href="/contact/">Talk to us</a></main></body></html>`;
    expect(classifyHtml(offering, 'https://www.shoptech.test/planning/demand/').type).not.toBe('thought-leadership');
    expect(classifyHtml(offering, 'https://www.shoptech.test/blog/demand/').type).toBe('thought-leadership');
    const para = (topic: string) => `<p>Planners who forecast ${topic} per store and per week see fewer stockouts and less waste, because the forecast follows what each neighbourhood actually buys rather than a national average that fits no single store, and the buyers can act on it before the shelves run empty.</p>`;
    const post = `<html><head>${markup}<title>Lessons from forecasting</title></head><body><main><h1>Lessons from forecasting</h1>
      ${['demand', 'promotions', 'seasonal peaks', 'new products', 'weather effects', 'store openings'].map(para).join('')}</main></body></html>`;
    expect(classifyHtml(post, 'https://www.shoptech.test/three-lessons/').type).toBe('thought-leadership');
  });

  it('a short page that names the partner\'s booth at a trade show is thought leadership, though its only other sign is template markup', () => {
    const markup = `<meta property="og:type" content="article"><script type="application/ld+json">{"@type":"BlogPosting","datePublished":"2026-03-02"}</script>`;
    const page = (line: string) => `<html><head>${markup}<title>Spring grocery expo</title></head><body><main><h1>Faster shelf audits for grocers</h1>
      <p>${line}</p><p>We are showing our shelf-camera service with a new partner for the first time.</p><a href="/demo/">Book a demo</a></main></body></html>`;
    for (const line of ['Come and find us at Booth # 512', 'Visit us at our stand in hall 3', '展覽期間歡迎蒞臨 攤位號碼：N0112']) {
      const c = classifyHtml(page(line), 'https://www.shoptech.test/spring-expo/');
      expect(c.type).toBe('thought-leadership');
      expect(c.signals).toContain('text:exhibitor booth');
    }
    expect(classifyHtml(page('Come and see what is new this spring.'), 'https://www.shoptech.test/spring-expo/').type).not.toBe('thought-leadership');
  });

  it('a service page with paragraphs, dated only by its template\'s markup, is no post; the same page under a post section is one', () => {
    const markup = `<meta property="og:type" content="article"><script type="application/ld+json">{"@type":"BlogPosting","datePublished":"2019-02-01"}</script>`;
    const para = (topic: string) => `<p>Our team models ${topic} for each store and each week, so buyers and planners see what every neighbourhood will want before the order is placed, and they can change it while there is still time to act on it.</p>`;
    const html = `<html><head>${markup}<title>Retail planning services</title></head><body><main><h1>Retail planning services</h1>
      ${['demand', 'promotions', 'markdowns', 'assortments', 'returns', 'store labour', 'seasonal peaks'].map(para).join('')}</main></body></html>`;
    expect(classifyHtml(html, 'https://www.shoptech.test/services/retail-planning/').type).toBe('practice');
    expect(classifyHtml(html, 'https://www.shoptech.test/blog/retail-planning/').type).toBe('thought-leadership');
  });

  it('a feature page whose template stamps it with the build time is no post; the same page under a post section is one', () => {
    // Jekyll layouts often write site.time (when the site was built) as article:published_time on every page that is not a post.
    const stamp = `<meta property="og:type" content="article"><meta property="article:published_time" content="2025-06-30 09:00:00 +0000">`;
    const para = (topic: string) => `<p>Send a message when a visitor ${topic}, written in the dashboard and scheduled in two clicks, with delivery reports for every campaign and a preview on each device before it goes out.</p>`;
    const html = `<html><head>${stamp}<title>Geofenced messages</title></head><body><main><h1>Geofenced messages</h1>
      ${['enters a region', 'leaves a venue', 'waits at a gate', 'comes back after a week', 'opens the app nearby', 'passes a beacon', 'checks in at the desk', 'stays past closing time'].map(para).join('')}</main></body></html>`;
    expect(classifyHtml(html, 'https://www.pushco.test/features/geofencing/').type).not.toBe('thought-leadership');
    expect(classifyHtml(html, 'https://www.pushco.test/blog/geofencing/').type).toBe('thought-leadership');
  });

  it('an undated hub with a short introduction over a list of the titles of other pages is a listing, not an item', () => {
    const items = ['Measure how each product page converts', 'Find the products bought together', 'Compare how deeply readers engage'];
    const hub = (list: string) => `<html><head><title>An overview of assortment analysis</title></head><body><main><h1>Assortment analysis</h1>
      <p>Online shops and publishers both keep a catalogue: products for a shop, articles and videos for a publisher. Assortment analysis asks which of its items perform, how they are arranged, and for whom.</p>
      <p>In this part of the handbook we collect recipes for it, each a worked analysis you can run on your own event data.</p>
      <h2>Recipes</h2>${list}</main></body></html>`;
    const linked = `<ul>${items.map((t, i) => `<li><a href="/handbook/recipe-${i}.html">${t}</a></li>`).join('')}</ul>`;
    expect(classifyHtml(hub(linked), 'https://www.trackco.test/guides/assortment/').type).toBe('listing');
    // The same page whose list is plain text, or that carries a publish date, is a guide of its own.
    expect(classifyHtml(hub(`<ul>${items.map((t) => `<li>${t}</li>`).join('')}</ul>`), 'https://www.trackco.test/guides/assortment/').type).toBe('thought-leadership');
    const dated = hub(linked).replace('<h1>', '<p>Posted 3 March 2024</p><h1>');
    expect(classifyHtml(dated, 'https://www.trackco.test/guides/assortment/').type).toBe('thought-leadership');
  });

  it('a blog archive the CMS titles as a category or tag page is a listing, whatever its tag cloud names; a post about categories is a post', () => {
    const archive = (title: string) => `<html><head><title>${title}</title></head><body><main><h1>Edge computing</h1>
      <p>Browse by topic: edge (32) cloud (21) retail (1) shipping (2) energy (2)</p>
      <p>Subscribe to our newsletter for edge news and events.</p></main></body></html>`;
    for (const title of ['Northwind | Blog category | Edge', 'Category: Edge', 'Posts tagged edge']) {
      expect(classifyHtml(archive(title), 'https://www.northwind.test/blog/edge/').type, title).toBe('listing');
    }
    // The shown title drops the part that repeats the h1; the page's og:title still says what it is.
    const og = archive('Edge computing').replace('<title>', '<meta property="og:title" content="Northwind | Blog category | Edge computing"><title>');
    expect(classifyHtml(og, 'https://www.northwind.test/blog/edge/').type).toBe('listing');
    expect(classifyHtml(archive('Category management for grocers'), 'https://www.northwind.test/blog/edge/').type).toBe('thought-leadership');
  });

  it('a product page with its demo video is no video item; the same page in the blog is one', () => {
    const html = `<html><head><title>Tablet checkout</title></head><body><main><h1>Tablet checkout</h1>
      <p>Take payment anywhere on the shop floor.</p><iframe src="https://www.youtube.com/embed/abc123"></iframe></main></body></html>`;
    expect(classifyHtml(html, 'https://www.tillco.test/shop/products/tablet-checkout.html').type).toBe('other');
    const videoTitled = html.replaceAll('Tablet checkout', 'Tablet checkout video');
    expect(classifyHtml(videoTitled, 'https://www.tillco.test/software/tablet-checkout-video.html').type).toBe('other');
    expect(classifyHtml(html, 'https://www.tillco.test/blog/tablet-checkout/').type).toBe('thought-leadership');
  });

  it('a product feature page dated by a rule it quotes is no post; the same page in the blog is one', () => {
    const para = (text: string) => `<p>${text} It works the same at every branch, on every till and for every kind of sale the shop makes.</p>`;
    const html = `<html><head><title>Receipts by e-mail | Tillco</title></head><body><main><h1>Receipts by e-mail</h1><h2>What the new rule asks of shops</h2>
      ${['From 1 March 2026 every shop must offer a paper-free receipt at the till, so the old printed slips are no longer enough on their own.',
        'Our checkout sends the receipt to the shopper\'s e-mail or phone as soon as the sale is paid, and keeps a copy for the shop\'s books.',
        'Returns use the same record: the store assistant finds the sale from the receipt number and refunds it in two taps at any branch.',
        'Head office sees every receipt from every branch in one report, ready for the tax office at the end of each period.',
        'Shoppers who prefer paper still get it: the till prints a short slip with a code that opens the full receipt on their phone later.',
        'Loyalty points are added to the same record, so a customer who lost the slip still sees the points and the warranty dates online.',
        'Setting it up takes an afternoon: switch the feature on for each till, choose the wording of the e-mail, and print one test receipt.'].map(para).join('')}
      </main></body></html>`;
    expect(classifyHtml(html, 'https://www.tillco.test/pos/features/e-receipts.html').type).not.toBe('thought-leadership');
    expect(classifyHtml(html, 'https://www.tillco.test/pos/功能/e-receipts.html').type).not.toBe('thought-leadership');
    expect(classifyHtml(html, 'https://www.tillco.test/blog/e-receipts.html').type).toBe('thought-leadership');
  });

  it('an industry-filtered case-study index is not a story', () => {
    const cards = Array.from({ length: 7 }, (_, i) => `<li><a href="/case-studies/story-${i}/">Retailer number ${i} moves its stores to AWS</a></li>`).join('');
    const c = classifyHtml(`<main><h1>Retail case studies</h1><ul>${cards}</ul></main>`, 'https://www.shoptech.test/case-studies/retail/');
    expect(c.type).toBe('listing');
  });

  it('a "Customer stories" index with teaser cards and a pagination <nav> is a listing, not a story', () => {
    const card = (slug: string, title: string) =>
      `<article class="card"><p class="tag">Retail</p><h2><a href="/customers/${slug}/">${title}</a></h2><p>Demand forecasting and automated replenishment for 84 supermarkets.</p><a class="more" href="/customers/${slug}/">Read the story</a></article>`;
    const html = `<html><head><title>Customer stories | Northwind Cloud</title></head><body><main>
      <h1>Customer stories</h1><p>How retailers build and run on AWS with Northwind.</p>
      <div class="cards">${card('harbor-lane', 'Harbor Lane Grocers cuts stockouts by 31%')}${card('coastline', 'Coastline Apparel passes PCI DSS first time')}${card('brightmart', 'BrightMart launches a customer data platform')}</div>
      <nav class="pagination" aria-label="Pagination"><span aria-current="page">1</span> <a href="/customers/page/2/">2</a> <a href="/customers/page/2/" rel="next">Next ›</a></nav>
      </main></body></html>`;
    const c = classifyHtml(html, 'https://www.northwind.test/customers/');
    expect(c.type).toBe('listing');
    expect(c.signals).toEqual(expect.arrayContaining(['links:pagination', 'links:3 child pages', 'title:Customer stories']));
    // Page 2 written as a file name is still a page of the index.
    expect(classifyHtml(html, 'https://www.northwind.test/customers/page-2.html').type).toBe('listing');
  });

  it('a blog index whose posts live at dated addresses (/2026/09/slug/) is a listing', () => {
    const post = (path: string, title: string) => `<article class="post"><h2><a href="${path}">${title}</a></h2><p>Posted on September 22, 2026 by Jane</p><p>A short excerpt of the post that runs on for a sentence or two so the page is not only titles and links to posts.</p><a href="${path}">Continue reading</a></article>`;
    const html = `<html><head><title>Blog – Lumen</title></head><body><main><h1>Blog</h1>${post('/2026/10/eks-cost-controls/', 'Five EKS cost controls we switch on')}${post('/2026/09/returns-forecasting/', 'Forecasting returns before peak season')}${post('/2025/10/composable-myths/', 'Three myths about composable commerce')}</main></body></html>`;
    const c = classifyHtml(html, 'https://www.lumen.test/blog/');
    expect(c.type).toBe('listing');
    expect(c.signals).toContain('links:3 dated posts');
  });

  it('a blog index page 2 is a listing', () => {
    const cards = Array.from({ length: 6 }, (_, i) => `<article><h2><a href="/blog/post-${i}/">Seven lessons from peak season number ${i}</a></h2><p>May ${i + 1}, 2026</p></article>`).join('');
    const c = classifyHtml(`<main>${cards}<a href="/blog/page/3/">Older posts</a></main>`, 'https://www.shoptech.test/blog/page/2/');
    expect(c.type).toBe('listing');
    expect(c.signals).toContain('url:paginated');
  });

  it('a generalist homepage is other; a retail microsite root is a practice page', () => {
    const home = `<html><head><title>ShopTech | Cloud consulting</title></head><body><main><h1>Your cloud partner</h1>
      <p>We design, migrate and run workloads on AWS for companies across Asia.</p>
      ${Array.from({ length: 8 }, (_, i) => `<a href="/blog/p${i}/">Announcing our new managed service tier ${i}</a>`).join(' ')}</main></body></html>`;
    expect(classifyHtml(home, 'https://www.shoptech.test/')).toMatchObject({ type: 'other', signals: ['url:site-root'] });
    expect(classifyHtml(home, 'https://retail.shoptech.test/').type).toBe('practice');
  });

  it('a zh-TW retail solutions page is a practice page', () => {
    const html = `<html lang="zh-TW"><head><title>零售業解決方案 | 雲翼科技</title></head><body><main>
      <h1>零售業解決方案</h1><p>我們協助連鎖品牌導入全通路會員經營、需求預測與智慧門市，以 AWS 打造虛實融合的購物體驗。</p>
      <h2>服務項目</h2><ul><li>全通路電商平台</li><li>會員數據平台</li><li>門市 POS 上雲</li></ul>
      <p><a href="/zh-tw/contact/">立即諮詢</a></p></main></body></html>`;
    const c = classifyHtml(html, 'https://www.cloudwing.test/zh-tw/solutions/retail/');
    expect(c.type).toBe('practice');
    expect(c.signals).toEqual(expect.arrayContaining(['url:/solutions/…', 'url:industry retail']));
  });

  it('an article slug that mentions an industry, or a product page under /solutions/, is not a practice page', () => {
    const article = `<main><h1>Minister seen without a mask at a restaurant</h1><p>The health minister was photographed at a restaurant on Friday evening.</p></main>`;
    expect(classifyHtml(article, 'https://news.example.test/minister-seen-without-mask-at-restaurant-8698000').type).not.toBe('practice');
    const product = `<main><h1>Data analytics</h1><p>Data lakes and dashboards on AWS for any business.</p></main>`;
    expect(classifyHtml(product, 'https://www.northwind.test/solutions/data-analytics/').type).toBe('other');
  });

  it('a page with nothing to go on is other with low confidence', () => {
    const c = classifyPage(
      { title: 'Page', lang: 'en', description: null, headings: [], blocks: [], mainText: '', jsonLd: [], meta: {}, documentInfo: null, links: [] },
      'https://www.shoptech.test/x/y',
      NO_DATES,
    );
    expect(c.type).toBe('other');
    expect(c.signals).toEqual(['no decisive signal']);
    expect(c.confidence).toBeLessThan(0.3);
  });

  it('an undecided page lists the weak hints it had', () => {
    const c = classifyHtml('<main><h1>Blog</h1><p>Nothing here yet.</p></main>', 'https://www.shoptech.test/blog/');
    expect(c.type).toBe('other');
    expect(c.signals).toEqual(['no decisive signal', 'weak listing: url:/blog/ (index)']);
  });
});

describe('classifyPage on PDFs', () => {
  const dir = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'pdf');
  const read = async (name: string, url: string) => {
    const pdf = await readPdf(new Uint8Array(readFileSync(join(dir, name))));
    return classifyPage(pdfContent(pdf, { url, finalUrl: url, contentType: 'application/pdf', html: null, bytes: null, headers: {}, links: [] }), url, NO_DATES);
  };

  it('a PDF story with Challenge / Solution / Results is a case study', async () => {
    expect((await read('case-study-en.pdf', 'https://www.shoptech.test/files/freshmart.pdf')).type).toBe('case-study');
    expect((await read('case-study-zh.pdf', 'https://www.cloudwing.test/files/haoshi.pdf')).type).toBe('case-study');
    // Under /downloads/, a whitepaper-ish section, the story's structure still decides.
    expect((await read('case-study-flat.pdf', 'https://www.shoptech.test/downloads/urbanwear.pdf')).type).toBe('case-study');
  });

  it('a PDF whitepaper is thought leadership (whitepaper)', async () => {
    const c = await read('whitepaper-en.pdf', 'https://www.shoptech.test/files/unified-commerce.pdf');
    expect(c).toMatchObject({ type: 'thought-leadership', kind: 'whitepaper' });
    expect(c.signals).toContain('pdf:subject whitepaper');
  });
});
