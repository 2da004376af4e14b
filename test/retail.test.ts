import { describe, expect, it } from 'vitest';
import { matchRetailTerms, scoreRetail, STORE_SERVICES, STORE_TECHNOLOGIES } from '../analyzers/retail.ts';
import { RETAIL_AREAS } from '../analyzers/types.ts';
import retailEn from '../analyzers/lexicons/retail.en.json' with { type: 'json' };
import retailZh from '../analyzers/lexicons/retail.zh-TW.json' with { type: 'json' };
import { pageContent } from './helpers/page-content.ts';

const terms = (text: string) => matchRetailTerms(text).map((m) => `${m.hit.area}:${m.hit.term}`);

describe('retail term matching', () => {
  it('matches "store" as a shop, not restore/storage or the verb', () => {
    expect(terms('We restore systems from cold storage and store data in Amazon S3.')).toEqual([]);
    expect(terms('Each store and in-store kiosk syncs nightly; stores in Taipei open at 10.')).toEqual([
      'stores:store',
      'stores:store',
      'stores:kiosk',
      'stores:store',
    ]);
    expect(terms('A data store and the App Store hold files.')).toEqual([]);
  });

  it('treats POS and AI as case-sensitive acronyms', () => {
    expect(terms('POS data')).toEqual(['stores:point of sale']);
    expect(terms('a positive pos-tag, the AIR quality, he said')).toEqual([]);
    expect(terms('AI-powered recommendations and GenAI assistants')).toEqual([
      'retail-data-science:AI',
      'retail-data-science:generative AI',
    ]);
  });

  it('stems without conflating unrelated words', () => {
    expect(terms('Personalised product recommendations')).toEqual([
      'customer-engagement:personalization',
      'customer-engagement:product recommendations',
    ]);
    expect(terms('personal data of a person')).toEqual([]);
    expect(terms('Retailers replenishing shelves')).toEqual(['generic:retail', 'supply-chain-distribution:replenishment']);
    // Porter shortens some stems below the word's first four letters ("buying" → "bui").
    expect(terms('Buying teams')).toEqual(['merchandising-planning:buying']);
  });

  it('matches Chinese terms by substring without straddling words', () => {
    expect(terms('導入全通路會員經營與智慧零售，降低缺貨率')).toEqual([
      'customer-engagement:全通路',
      'customer-engagement:會員經營',
      'stores:智慧零售',
      'supply-chain-distribution:缺貨',
    ]);
    // 委員會|員工: "會員" inside it is not a member; full-width letters are folded (ＰＯＳ).
    expect(terms('委員會員工使用ＰＯＳ')).toEqual(['stores:point of sale']);
  });

  it('knows the words of Taiwanese small retail: shops, stalls, markets, mobile payment, points', () => {
    expect(terms('店家、商家與夜市攤販')).toEqual(['generic:店家', 'generic:商家', 'stores:夜市', 'generic:攤商']);
    expect(terms('商圈裡的實體店面、加盟店與傳統市場')).toEqual(['stores:商圈', 'stores:實體店', 'stores:加盟店', 'stores:傳統市場']);
    expect(terms('行動支付、電子發票與會員點數，集點換回頭客')).toEqual([
      'business-applications:行動支付',
      'business-applications:電子發票',
      'customer-engagement:紅利點數',
      'customer-engagement:集點',
      'customer-engagement:回頭客',
    ]);
    // 市集 is also the name of a software marketplace: a general term, counted only on a page already about retail.
    expect(matchRetailTerms('週末市集').map((m) => m.hit)).toEqual([{ area: 'stores', term: '市集', specific: false }]);
  });

  it('keeps every area in both lexicons', () => {
    for (const lexicon of [retailEn, retailZh]) {
      expect(lexicon.generic.specific.length).toBeGreaterThan(5);
      for (const area of RETAIL_AREAS) expect(lexicon.areas[area].specific.length, area).toBeGreaterThan(5);
    }
  });
});

describe('scoreRetail', () => {
  const retailPractice = pageContent({
    title: 'Retail & Consumer Goods on AWS | Harbourline',
    blocks: [
      ['h1', 'Retail solutions on AWS'],
      ['p', 'We help retailers and consumer brands modernise omnichannel commerce, from the loyalty program to the point of sale.'],
      ['h2', 'Customer engagement'],
      ['p', 'Customer data platform, personalization and product recommendations with Amazon Personalize; clienteling apps for store associates.'],
      ['h2', 'Supply chain'],
      ['p', 'Demand forecasting, inventory visibility and replenishment for distribution centers; BOPIS and ship-from-store fulfillment.'],
      ['h2', 'Stores'],
      ['p', 'Self-checkout, RFID, electronic shelf labels and in-store analytics for smart stores.'],
      ['h2', 'Merchandising'],
      ['p', 'Assortment planning, markdown optimization and price optimization for category management teams.'],
    ],
  });

  it('scores a retail practice page high in the areas it covers', () => {
    const s = scoreRetail(retailPractice);
    expect(s.score).toBeGreaterThan(0.8);
    for (const area of ['customer-engagement', 'supply-chain-distribution', 'stores', 'merchandising-planning'] as const) {
      expect(s.areas[area], area).toBeGreaterThan(0.5);
    }
    expect(s.areas['business-applications']).toBeLessThan(0.2);
    expect(s.terms.stores).toContain('self-checkout');
    expect(s.terms.generic).toContain('retail');
    expect(s.blocks?.length).toBe(retailPractice.blocks.length + 1);
  });

  it('scores a generalist page that mentions retail once low', () => {
    const filler =
      'Our engineers migrate workloads, build data lakes and machine learning pipelines, and run AI assistants for finance, ' +
      'healthcare, manufacturing and the public sector. We restore systems after incidents and optimise storage costs. ';
    const s = scoreRetail(
      pageContent({
        title: 'Cloud consulting services',
        blocks: [
          ['h1', 'Cloud consulting'],
          ...Array.from({ length: 8 }, () => ['p', filler] as [string, string]),
          ['p', 'Industries we serve include banking, retail and logistics.'],
        ],
      }),
    );
    expect(s.score).toBeLessThan(0.25);
    for (const area of RETAIL_AREAS) expect(s.areas[area], area).toBeLessThan(0.1);
  });

  it('counts a store chain as retail even when the page never says "retail"', () => {
    const s = scoreRetail(
      pageContent({
        title: 'Corner Bakery Co. moves its POS back office to AWS',
        blocks: [
          ['h1', 'Corner Bakery Co. moves its POS back office to AWS'],
          ['p', 'Store servers in 95 bakery-cafés failed often and price updates took days to reach the tills.'],
          ['p', 'We moved the point-of-sale back office to Amazon RDS, with offline-capable store gateways and self-checkout kiosks.'],
        ],
      }),
    );
    expect(s.score).toBeGreaterThan(0.3);
    expect(s.terms.generic).toEqual([]);
    expect(s.terms.stores).toEqual(expect.arrayContaining(['point of sale', 'store', 'self-checkout']));
  });

  it('does not take supply-chain words alone (a 3PL or a manufacturer filed under 流通業) for retail; beside stores they count', () => {
    const logistics = (extra: string) => scoreRetail(
      pageContent({
        title: '「速達物流」導入 AWS 倉儲管理系統案例',
        lang: 'zh-TW',
        blocks: [
          ['h1', '「速達物流」導入 AWS 倉儲管理系統案例'],
          ['p', '流通業'],
          ['p', `速達物流為第三方物流業者，經營 5 座物流中心，提供倉儲、揀貨與宅配服務${extra}。`],
          ['p', '倉儲管理系統遷移至 Amazon RDS，以 Amazon QuickSight 呈現各物流中心的出貨效率與庫存週轉。'],
        ],
      }),
    );
    const thirdParty = logistics('');
    expect(thirdParty.terms['supply-chain-distribution']).toEqual(expect.arrayContaining(['物流', '物流中心', '宅配']));
    expect(thirdParty.score).toBeLessThan(0.2);
    // The same distribution centres feeding a supermarket chain's stores are retail supply chain.
    expect(logistics('，每日配送至全台 64 家超市門市').score).toBeGreaterThan(0.5);
  });

  it('scores a story about small merchants as retail, in the store, payment and loyalty areas; an unrelated zh-TW case does not', () => {
    const merchants = scoreRetail(
      pageContent({
        title: '老商圈的攤商與店家，如何一起接上行動支付',
        lang: 'zh-TW',
        blocks: [
          ['h1', '老商圈的攤商與店家，如何一起接上行動支付'],
          ['p', '這個商圈有兩百多個店家，從傳統市場的攤商到夜市的小吃攤販，過去大多只收現金，對帳全靠手寫。'],
          ['p', '我們和地方協會一起建置共用的收款服務：每個攤位只要一支手機就能收行動支付，消費後自動集點，週末市集的客人也能用同一張集點卡。'],
          ['p', '半年後，參與的實體店平均每月多出三成回頭客，攤商不必再每天結算零錢。'],
          ['p', '服務部署在 AWS 上，使用 AWS Lambda 與 Amazon DynamoDB，夜間尖峰也能穩定運作。'],
        ],
      }),
    );
    // Before the small-retail words were in the lexicon this story scored 0.
    expect(merchants.score).toBeGreaterThan(0.6);
    expect(merchants.terms.generic).toEqual(expect.arrayContaining(['店家', '攤商']));
    expect(merchants.areas.stores).toBeGreaterThan(0.5);
    expect(merchants.terms['business-applications']).toContain('行動支付');
    expect(merchants.terms['customer-engagement']).toEqual(expect.arrayContaining(['集點', '回頭客']));

    const hospital = scoreRetail(
      pageContent({
        title: '醫療影像系統遷移至 AWS 的經驗',
        lang: 'zh-TW',
        blocks: [
          ['h1', '醫療影像系統遷移至 AWS 的經驗'],
          ['p', '一家區域醫院的影像儲存系統容量不足，放射科每天產生數 TB 的檢查影像。'],
          ['p', '我們將影像歸檔遷移到 Amazon S3，並透過 AWS 市集訂閱的備份軟體建立異地備援，調閱時間縮短一半。'],
          ['p', '專案在三個月內完成，這套架構已在 AWS 市集上架，醫療市場的反應良好；醫院資訊室以 Amazon CloudWatch 監控整體服務。'],
        ],
      }),
    );
    expect(hospital.score).toBeLessThan(0.1);
    for (const area of RETAIL_AREAS) expect(hospital.areas[area], area).toBeLessThan(0.1);
  });

  it('scores a Traditional Chinese retail page', () => {
    const s = scoreRetail(
      pageContent({
        title: '零售業解決方案｜雲橋科技',
        lang: 'zh-TW',
        blocks: [
          ['h1', '零售業解決方案'],
          ['p', '協助連鎖零售商與品牌商打造虛實融合（OMO）的全通路會員經營：顧客資料平台、精準行銷與商品推薦。'],
          ['p', '門市導入自助結帳、電子貨架標籤與客流分析；總部以需求預測與自動補貨降低缺貨率並提升庫存週轉。'],
          ['p', '整合 POS、進銷存與電子發票，並以機器學習建立推薦引擎與購物籃分析。'],
        ],
      }),
    );
    expect(s.score).toBeGreaterThan(0.8);
    expect(s.areas['customer-engagement']).toBeGreaterThan(0.5);
    expect(s.areas.stores).toBeGreaterThan(0.5);
    expect(s.areas['supply-chain-distribution']).toBeGreaterThan(0.5);
    expect(s.terms['business-applications']).toEqual(expect.arrayContaining(['進銷存', '電子發票']));
  });
});

describe('the lexicons\' lists of store technologies and store services', () => {
  it('name labels the matcher gives, so a misspelt entry cannot silently do nothing', () => {
    const examples: Record<string, string> = {
      RFID: 'RFID tags on every item', BOPIS: 'click-and-collect orders', 'ship-from-store': 'ship-from-store orders',
      'endless aisle': 'an endless aisle kiosk', 線上下單門市取貨: '線上下單門市取貨', 超商取貨: '超商取貨的訂單',
    };
    for (const label of [...STORE_TECHNOLOGIES, ...STORE_SERVICES]) {
      expect(examples[label], `an example for ${label}`).toBeDefined();
      expect(terms(examples[label]!).map((t) => t.slice(t.indexOf(':') + 1))).toContain(label);
    }
  });
});
