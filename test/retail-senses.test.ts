// Software senses of retail words do not count as retail; the retail senses still do. Each pair
// differs only in the word beside the term, which is what tells the senses apart.

import { describe, expect, it } from 'vitest';
import { matchRetailTerms, scoreRetail } from '../analyzers/retail.ts';

const terms = (text: string) => matchRetailTerms(text).map((m) => m.hit.term);

describe('software senses of retail words', () => {
  it.each([
    ['shipping', 'The team keeps shipping features to production every sprint.', 'Free shipping on orders over fifty dollars cut cart abandonment.'],
    ['inventory', 'Ansible reads the server inventory before each deploy.', 'Inventory across forty stores is counted nightly.'],
    ['membership', 'Cluster membership changes when a node joins the ring.', 'A paid membership gives shoppers early access to sales.'],
    ['consumer', 'Each Kafka consumer commits its offsets after a batch.', 'The consumer now compares prices in the aisle.'],
    ['pricing', 'Spot pricing makes batch jobs cheaper at night.', 'Dynamic markdowns and pricing for seasonal apparel.'],
    ['store', 'Write every change to the event store first.', 'Footfall in each store is counted by door sensors.'],
    ['promotions', 'We promote each build from staging to production.', 'Weekly promotions on dairy lifted the basket size.'],
    ['customer engagement', 'A customer engaged us to rebuild their data platform.', 'Loyalty apps keep customer engagement up between store visits.'],
    ['product data', 'Never copy production data into the test environment.', 'Clean product data makes every listing easy to find.'],
  ])('%s: software sense does not count, retail sense does', (term, software, retail) => {
    expect(terms(software)).not.toContain(term);
    expect(terms(retail)).toContain(term);
  });

  it('zh-TW: member login, message consumers and server stock lists are not retail', () => {
    expect(terms('請先會員登入，或加入會員後再下載白皮書')).toEqual([]);
    expect(terms('訊息消費者依序處理佇列；伺服器庫存清單每日更新')).toEqual([]);
    expect(terms('連鎖超市的會員經營與門市庫存')).toEqual(expect.arrayContaining(['會員經營', '庫存']));
  });

  it('"non-retail" names what is not retail: no retail marker, in English and Chinese', () => {
    // A press release for a transit hub says its beacons have non-retail uses (safety, wayfinding).
    expect(terms('The sensors also serve non-retail uses such as crowd safety, as do the non retail tenants.')).toEqual([]);
    expect(terms('Nonretail sites such as hospitals use the same tags.')).toEqual([]);
    expect(terms('場站的感測器也用於非零售的人流安全管理')).toEqual([]);
    // The word alone, and beside "non-" words that are not its negation, still counts.
    expect(terms('A non-profit food bank and a retail chain')).toContain('retail');
  });
});

describe('restaurant businesses', () => {
  it('are retail customers, in English and Chinese', () => {
    expect(terms('A quick-service restaurant chain with 400 outlets wanted one view of its orders.')).toContain('QSR');
    expect(terms('The group runs forty restaurants across the region.')).toContain('restaurant');
    expect(terms('The QSR operator tracks sales per outlet.')).toContain('QSR');
    expect(terms('連鎖餐飲品牌的點餐資料每天彙整')).toContain('餐飲');
  });
});

describe('clothing', () => {
  it('is apparel, a retail marker', () => {
    expect(terms('The label sells garments, knitwear and footwear online.')).toContain('apparel');
    expect(terms('成衣品牌與珠寶飾品的線上銷售')).toContain('服飾');
  });
});

describe('jewelry and the cart', () => {
  it('jewelry is a retail category and adding to the cart a shopper\'s act', () => {
    expect(terms('An online jewellery shop sells necklaces and rings.')).toContain('jewelry');
    expect(terms('Track every add-to-cart event by product.')).toContain('add to cart');
  });
});

describe('the trade\'s short name for e-commerce', () => {
  it('"ecomm" and "e-comm" are e-commerce, a retail marker', () => {
    expect(terms('Smaller ecomm sites can pair each web server with one app server.')).toContain('e-commerce');
    expect(terms('Our e-comm team moved checkout to its own service.')).toContain('e-commerce');
  });
});

describe('the shopping calendar\'s peak days', () => {
  it('are retail markers: a post on getting ready for them is about retail', () => {
    expect(terms('Load-test the checkout a month before Black Friday.')).toContain('Black Friday');
    expect(terms('Traffic on Cyber Monday doubled last year.')).toContain('Black Friday');
    expect(terms('Every Friday the team reviews open incidents.')).toEqual([]);
  });
});

describe('code listings', () => {
  it('do not dilute a post\'s retail score', () => {
    const prose = [
      { text: 'Take an online jewelry store: shoppers browse necklaces, add them to the cart and buy.', tag: 'p' },
      { text: 'Merchandisers want conversion rate per product category and per campaign, and store teams want the same per SKU.', tag: 'p' },
    ];
    const code = { text: Array.from({ length: 400 }, (_, i) => `"field${i}": "string"`).join(', '), tag: 'pre' };
    const content = (blocks: { text: string; tag: string }[]) => ({ title: 'Event context', blocks, mainText: blocks.map((b) => b.text).join('\n') }) as never;
    expect(scoreRetail(content([...prose, code])).score).toBe(scoreRetail(content(prose)).score);
  });
});
