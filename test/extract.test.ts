import { describe, expect, it } from 'vitest';
import { load as loadWithParse5 } from 'cheerio';
import { parseHtml } from '../analyzers/index.ts';
import { extractContent } from '../analyzers/extract.ts';
import { parseJsonLenient } from '../analyzers/json-ld.ts';
import { detectLangFromText, normalizeLangTag, resolveLang } from '../analyzers/lang.ts';
import { excerpt } from '../analyzers/text.ts';
import { htmlInput, pageInput } from './pages/page-input.ts';

function extract(html: string, url = 'https://www.shoptech.test/page/', headers: Record<string, string> = {}) {
  const input = htmlInput(html, url, headers);
  return extractContent(parseHtml(html), input);
}

describe('extractContent on a WordPress blog post (en)', () => {
  const url = 'https://www.shoptech.test/blog/grocery-demand-forecasting/';
  const input = pageInput('blog-post-en.html', url);
  const $ = parseHtml(input.html!);
  const before = $.html();
  const content = extractContent($, input);

  it('reads the title without the site-name suffix, the description and the language', () => {
    expect(content.title).toBe('How Grocers Cut Stockouts with Demand Forecasting on AWS');
    expect(content.description).toMatch(/^A look at how mid-size grocery chains/);
    expect(content.lang).toBe('en-US');
  });

  it('keeps the article text and headings', () => {
    expect(content.headings.map((h) => `${h.level}:${h.text}`)).toEqual([
      '1:How Grocers Cut Stockouts with Demand Forecasting on AWS',
      '2:Why spreadsheets stop scaling',
      '2:What we built',
    ]);
    expect(content.mainText).toContain('Amazon SageMaker trains a gradient-boosted model');
    expect(content.mainText).toContain('out-of-stock rates fell by 31%');
    expect(content.blocks.filter((b) => b.tag === 'li').map((b) => b.text)).toEqual([
      'Daily store-item forecasts with prediction intervals',
      'Automatic safety-stock recommendations per store',
      'A dashboard in Amazon QuickSight for category managers',
    ]);
    expect(content.mainText.split('\n')).toEqual(content.blocks.map((b) => b.text));
  });

  it('leaves out navigation, breadcrumbs, share buttons, related posts, comments, sidebar, footer and the cookie banner', () => {
    const text = content.mainText;
    for (const furniture of [
      'Contact us', // nav
      'Skip to content',
      'Home › Blog', // breadcrumbs
      'Share this', // share widget
      'Twitter',
      'Related posts',
      'Personalization at scale', // related post title
      'Great write-up', // comment
      'Post Comment',
      'Omnichannel in 2026', // sidebar widget
      'All rights reserved', // footer
      'PCI DSS certified',
      'We use cookies', // consent banner
      'Posted in', // article footer (categories)
    ]) {
      expect(text, furniture).not.toContain(furniture);
    }
  });

  it('flattens the JSON-LD @graph and reads meta tags', () => {
    expect(content.jsonLd.map((o) => o['@type'])).toEqual(['WebPage', 'BlogPosting', 'BreadcrumbList', 'Organization']);
    expect(content.meta['article:published_time']).toBe('2026-05-12T09:00:00+08:00');
    expect(content.meta['og:type']).toBe('article');
  });

  it('reads the same content from a parse5 DOM (implied <html>/<body>)', () => {
    const viaParse5 = extractContent(loadWithParse5(input.html!), input);
    expect(viaParse5.blocks).toEqual(content.blocks);
    expect(viaParse5.title).toBe(content.title);
    expect(viaParse5.jsonLd).toEqual(content.jsonLd);
  });

  it('passes the crawler links through and does not modify the parsed document', () => {
    expect(content.links).toBe(input.links);
    expect(content.links.some((l) => l.region === 'nav' && l.text === 'Case Studies')).toBe(true);
    expect($.html()).toBe(before);
  });
});

describe('extractContent on a Traditional Chinese case study with a template lang="en"', () => {
  const url = 'https://www.cloudwing.test/zh-tw/success-stories/haoshi-forecast/';
  const content = extractContent(parseHtml(pageInput('case-study-zh.html', url).html!), pageInput('case-study-zh.html', url));

  it('detects zh-TW from the text when the declared language is a template default', () => {
    expect(content.lang).toBe('zh-TW');
  });

  it('drops the site name from the title', () => {
    expect(content.title).toBe('好食超市導入 AWS 需求預測｜成功案例');
  });

  it('keeps the story with its headings and table rows', () => {
    expect(content.headings.map((h) => h.text)).toEqual([
      '好食超市導入 AWS 需求預測，缺貨率下降 35%',
      '客戶簡介',
      '挑戰',
      '解決方案',
      '效益',
    ]);
    expect(content.blocks).toContainEqual({ text: '缺貨率 | 8.5% | 5.5%（下降 35%）', tag: 'tr' });
  });

  it('leaves out the menu, breadcrumb, share bar, 延伸閱讀, sidebar, footer and cookie notice', () => {
    for (const furniture of ['聯絡我們', '首頁 >', '分享至', '延伸閱讀', '時尚品牌打造全通路會員平台', '熱門文章', '統一編號', 'Copyright', '本網站使用 Cookie']) {
      expect(content.mainText, furniture).not.toContain(furniture);
    }
  });

  it('parses slightly malformed JSON-LD (raw newline in a string, trailing comma) and microdata', () => {
    expect(content.jsonLd).toHaveLength(1);
    expect(content.jsonLd[0]!['headline']).toBe('好食超市導入 AWS 需求預測');
    expect(content.jsonLd[0]!['description']).toBe('缺貨率下降 35%\n庫存週轉率提升 20%');
    expect(content.meta['itemprop:datepublished']).toBe('2026-08-12');
  });
});

describe('main text heuristics', () => {
  it('reads body minus furniture when there is no <main> or <article>', () => {
    const c = extract(`<html><body>
      <div id="header"><a href="/">Acme</a><ul class="nav"><li><a href="/a">Services</a></li></ul></div>
      <div class="wrap"><h1>Cloud POS for franchise stores</h1>
        <p>Franchise owners need a point-of-sale system that keeps selling when the network drops.</p>
        <div class="notice">By continuing to browse you agree to our use of cookies.</div>
      </div>
      <div id="footer">Acme Ltd, 1 Main Street</div></body></html>`);
    expect(c.blocks.map((b) => b.text)).toEqual([
      'Cloud POS for franchise stores',
      'Franchise owners need a point-of-sale system that keeps selling when the network drops.',
    ]);
  });

  it('drops a "You may also like" heading with the list that follows it in the same container', () => {
    const c = extract(`<main><h1>Loyalty apps that work</h1>
      <p>Points programs fail when redeeming is harder than earning; the best apps make the reward visible at checkout.</p>
      <h2>You may also like</h2>
      <ul><li><a href="/blog/a">Ten loyalty program ideas for grocers</a></li><li><a href="/blog/b">Why coupons still work</a></li></ul>
      <h2>Contact</h2><p>Write to us.</p></main>`);
    expect(c.mainText).not.toContain('You may also like');
    expect(c.mainText).not.toContain('Ten loyalty program ideas');
    expect(c.mainText).toContain('Write to us.');
  });

  it('keeps content wrapped in an ASP.NET page-wide <form> but drops a search form', () => {
    const c = extract(`<body><form id="aspnetForm" action="default.aspx">
      <div class="search"><form><input name="q"><button>Search</button></form></div>
      <div id="content"><h1>門市數位轉型</h1><p>我們協助連鎖品牌導入雲端 POS 與會員系統，打造虛實融合的購物體驗。</p></div>
      </form></body>`);
    expect(c.mainText).toContain('我們協助連鎖品牌導入雲端 POS');
    expect(c.mainText).not.toContain('Search');
  });

  it('does not treat builder classes that merely contain a furniture word as furniture', () => {
    const c = extract(`<main><div class="elementor-widget elementor-widget-text-editor shared-content">
      <p>Our retail practice designs unified commerce platforms on AWS.</p></div>
      <div class="has-sidebar"><p>Store analytics with computer vision.</p></div></main>`);
    expect(c.mainText).toContain('unified commerce platforms');
    expect(c.mainText).toContain('Store analytics');
  });

  it('prefers a hero <h1> outside <main> as the page heading', () => {
    const c = extract(`<body><section class="hero"><h1>Retail &amp; Consumer</h1></section>
      <main><p>We help retailers run their stores and e-commerce on AWS with a team of 40 certified engineers.</p></main></body>`);
    expect(c.headings[0]).toEqual({ level: 1, text: 'Retail & Consumer' });
    expect(c.title).toBe('Retail & Consumer');
  });

  it('reads a layout table (a page in <td>s) as paragraphs, and a data table row by row', () => {
    const c = extract(`<body><table width="980"><tr><td class="left"><a href="/">首頁</a></td><td>
      <h1>智慧門市解決方案</h1><p>以 AWS IoT 與電腦視覺分析來客數與熱區。</p><p>已於 30 家門市上線。</p>
      <table class="spec"><tr><th>項目</th><th>說明</th></tr><tr><td>來客數</td><td>即時統計</td></tr></table>
      </td></tr></table></body>`);
    expect(c.blocks).toEqual([
      { text: '首頁', tag: 'td' },
      { text: '智慧門市解決方案', tag: 'h1' },
      { text: '以 AWS IoT 與電腦視覺分析來客數與熱區。', tag: 'p' },
      { text: '已於 30 家門市上線。', tag: 'p' },
      { text: '項目 | 說明', tag: 'tr' },
      { text: '來客數 | 即時統計', tag: 'tr' },
    ]);
  });

  it('reads a bold lead-in alone on its line (<strong>客戶簡介</strong><br>) as a block of its own, not a bold word in a sentence', () => {
    const c = extract(`<body><main><h1>「全家福量販」導入 AWS 會員數據平台案例</h1>
      <p><strong>客戶簡介</strong><br />全家福量販股份有限公司為中部起家的連鎖量販店。</p>
      <p>門市共 46 家，<strong>會員</strong><br />約 210 萬人。</p></main></body>`);
    expect(c.blocks).toEqual([
      { text: '「全家福量販」導入 AWS 會員數據平台案例', tag: 'h1' },
      { text: '客戶簡介', tag: 'p' },
      { text: '全家福量販股份有限公司為中部起家的連鎖量販店。', tag: 'p' },
      { text: '門市共 46 家，會員 約 210 萬人。', tag: 'p' },
    ]);
  });

  it('survives markup nested thousands of levels deep', () => {
    const depth = 5000;
    const c = extract(`<main><h1>Deep</h1><p>Shallow text.</p>${'<div>'.repeat(depth)}<p>Buried.</p>${'</div>'.repeat(depth)}</main>`);
    expect(c.title).toBe('Deep');
    expect(c.mainText).toContain('Shallow text.');
  });

  it('collects embedded video players', () => {
    const c = extract(`<main><iframe src="https://player.vimeo.com/video/123"></iframe><iframe src="https://maps.google.com/x"></iframe>
      <video><source src="/media/demo.mp4"></video><p>Demo</p></main>`);
    expect(c.embeds).toEqual(['https://player.vimeo.com/video/123', 'https://www.shoptech.test/media/demo.mp4']);
  });
});

describe('title', () => {
  it('strips a site-name prefix given by og:site_name', () => {
    const c = extract(`<head><title>Northwind | Retail analytics on AWS</title><meta property="og:site_name" content="Northwind"></head><body><p>x</p></body>`);
    expect(c.title).toBe('Retail analytics on AWS');
  });

  it('uses the part of <title> that equals the <h1>', () => {
    const c = extract(`<head><title>Case study: FreshMart - Customers - Contoso Cloud</title></head><body><h1>Case study: FreshMart</h1></body>`);
    expect(c.title).toBe('Case study: FreshMart');
  });

  it('keeps a title whose parts are not a site name', () => {
    const c = extract(`<head><title>Retail - the next decade</title></head><body><h1>Something else</h1></body>`, 'https://www.acme.test/');
    expect(c.title).toBe('Retail - the next decade');
  });
});

describe('language', () => {
  it('uses Content-Language when the page declares nothing', () => {
    const c = extract('<body><p>Short.</p></body>', 'https://www.acme.test/', { 'Content-Language': 'zh-TW' });
    expect(c.lang).toBe('zh-TW');
  });

  it('normalizes tags', () => {
    expect(normalizeLangTag('zh_tw')).toBe('zh-TW');
    expect(normalizeLangTag('zh-Hant')).toBe('zh-TW');
    expect(normalizeLangTag('zh-Hans-CN')).toBe('zh-CN');
    expect(normalizeLangTag('EN-us')).toBe('en-US');
    expect(normalizeLangTag('not a tag!')).toBeNull();
  });

  it('tells scripts apart', () => {
    expect(detectLangFromText('我們協助零售業者導入雲端服務，打造全通路會員經營與數據分析平台，提升門市營運效率。')).toBe('zh-TW');
    expect(detectLangFromText('我们协助零售业者导入云端服务，打造全通路会员经营与数据分析平台，提升门市营运效率。')).toBe('zh-CN');
    expect(detectLangFromText('小売業向けのクラウドサービスを提供しています。店舗の売上データを分析します。')).toBe('ja');
    expect(detectLangFromText('We help retailers build unified commerce on AWS and run it for them around the clock.')).toBe('en');
  });

  it('refines a bare "zh" by orthography and a Taiwanese host when the text cannot tell', () => {
    expect(resolveLang(['zh'], '我們協助零售業者導入雲端服務，打造全通路會員經營與數據分析平台。')).toBe('zh-TW');
    expect(resolveLang(['zh'], '零售業 AWS 雲端 方案 介紹 零售業 AWS 雲端 方案 介紹', 'https://www.partner.com.tw/')).toBe('zh-TW');
    expect(resolveLang(['en'], 'Retail on AWS: unified commerce, personalization and stores for the modern shopper.')).toBe('en');
    expect(resolveLang(['zh-CN'], '我們協助零售業者導入雲端服務，打造全通路會員經營與數據分析平台。')).toBe('zh-TW');
    expect(resolveLang(['zh-HK'], '我們協助零售業者導入雲端服務，打造全通路會員經營與數據分析平台。')).toBe('zh-HK');
  });
});

describe('helpers', () => {
  it('parseJsonLenient repairs comments, CDATA and concatenated objects', () => {
    expect(parseJsonLenient('<!--{"@type":"Article"}-->')).toEqual({ '@type': 'Article' });
    expect(parseJsonLenient('{"url":"https://x.test/a", // note\n"@type":"Event",}')).toEqual({ url: 'https://x.test/a', '@type': 'Event' });
    expect(parseJsonLenient('{"a":1}{"b":2}')).toEqual([{ a: 1 }, { b: 2 }]);
    expect(parseJsonLenient('not json at all')).toBeUndefined();
  });

  it('excerpt keeps whole sentences and cuts long CJK text with an ellipsis', () => {
    const en = 'First sentence here. Second sentence is a bit longer than the first one. Third.';
    expect(excerpt(en, 35)).toBe('First sentence here.');
    // A sentence end too early to be a useful lead: cut at a word boundary instead.
    expect(excerpt(en, 60)).toBe('First sentence here. Second sentence is a bit longer than…');
    const zh = '零售'.repeat(200);
    const cut = excerpt(zh, 50);
    expect(cut.length).toBe(50);
    expect(cut.endsWith('…')).toBe(true);
  });
});

describe('extractContent on tabs and accordions', () => {
  const html = `<!doctype html><html lang="en"><head><title>Retail | Larkspur Cloud</title></head><body>
<header class="site-header"><a href="/">Larkspur Cloud</a></header>
<main><h1>Retail on AWS</h1>
<ul class="nav nav-tabs" role="tablist"><li><button role="tab" aria-selected="true">Commerce</button></li><li><button role="tab">Stores</button></li></ul>
<div class="tab-content">
  <div class="tab-pane fade show active" role="tabpanel"><p>Headless commerce on Amazon EKS with Amazon CloudFront in front of the storefront.</p></div>
  <div class="tab-pane fade" role="tabpanel" hidden><p>Store associates use a tablet app backed by AWS AppSync for stock look-ups.</p></div>
  <div role="tabpanel" class="hidden" aria-labelledby="t3"><p>Demand forecasting with Amazon SageMaker for every store and SKU.</p></div>
</div>
<div class="accordion"><div class="accordion-collapse collapse" style="display:none"><div class="accordion-body"><p>Loyalty data lands in Amazon Redshift for segmentation.</p></div></div></div>
<div class="modal" hidden><p>Subscribe to our newsletter for monthly retail insights.</p></div>
<div aria-hidden="true" class="offcanvas"><p>Menu: Home, Services, Contact</p></div>
</main></body></html>`;
  const content = extract(html, 'https://www.larkspur.test/solutions/retail/');

  it('keeps the hidden panels a visitor opens with one click', () => {
    expect(content.mainText).toContain('Amazon EKS');
    expect(content.mainText).toContain('AWS AppSync');
    expect(content.mainText).toContain('Amazon SageMaker');
    expect(content.mainText).toContain('Amazon Redshift');
  });

  it('still drops hidden dialogs and off-canvas menus', () => {
    expect(content.mainText).not.toContain('newsletter');
    expect(content.mainText).not.toContain('Menu: Home');
  });
});
