// A vendor's product page is not a customer's story, however much of a story's vocabulary it carries:
// a feature called "customer tiers" (客戶層級設定) is no client field, an FAQ (常見問題) is no
// customer's problem, and a product line's name (…解決方案, …系統) is never the customer a story is about.

import { describe, expect, it } from 'vitest';
import { analyzePage } from '../analyzers/index.ts';
import { htmlInput } from './pages/page-input.ts';

const productPage = `<html lang="zh-Hant-TW"><head><title>晴川資訊 - 門市收銀方案 - 雲端後台</title></head><body><main>
  <h1>雲端後台</h1>
  <p>一支平板就能開店收銀，銷售、會員與庫存都在同一個後台查看，分店數字每天自動彙整。</p>
  <h2>後台功能</h2><ul><li>商品建檔</li><li>客戶層級設定</li><li>庫存盤點</li><li>促銷管理</li></ul>
  <h2>型錄下載</h2><h6>門市收銀解決方案</h6><p>下載完整的產品型錄，了解每一種版本的功能差異。</p>
  <h2>常見問題</h2><h4>可以使用原本的收銀機嗎？</h4><p>可以，下載程式即可在原有設備上使用，不必另購新機。</p>
  <h4>網路中斷時怎麼辦？</h4><p>離線時仍可繼續結帳，恢復連線後資料會自動上傳。</p>
</main></body></html>`;

describe("a vendor's product page", () => {
  it('is no case study: its feature list has no client field and its FAQ is no challenge', async () => {
    const facts = await analyzePage(htmlInput(productPage, 'https://www.qingchuan.test/product/cloud-backoffice.html'), '2026-06-01');
    expect(facts.classification.signals.join()).not.toMatch(/field:client|headings:/);
    expect(facts.classification.type).not.toBe('case-study');
    expect(facts.caseStudy).toBeNull();
  });
});

describe("a story's customer", () => {
  it('is never a product line named in the title', async () => {
    const story = `<html lang="zh-Hant-TW"><head><title>晴川資訊 - 連鎖門市雲端收銀系統</title></head><body><main>
      <h1>連鎖門市雲端收銀系統</h1>
      <p>連鎖門市雲端收銀系統上線後，一家擁有四十間門市的連鎖烘焙店把結帳與會員資料集中到同一套系統。</p>
      <h2>挑戰</h2><p>各門市的收銀機各自記帳，總部每週才能看到銷售數字，熱賣商品常常斷貨。</p>
      <h2>解決方案</h2><p>我們在 AWS 上建置雲端收銀與庫存服務，使用 Amazon RDS 與 AWS Lambda，門市資料即時同步。</p>
      <h2>成果</h2><p>總部每天都能看到各店營收，缺貨率下降三成。</p>
    </main></body></html>`;
    const facts = await analyzePage(htmlInput(story, 'https://www.qingchuan.test/cases/bakery.html'), '2026-06-01');
    expect(facts.classification.type).toBe('case-study');
    expect(facts.caseStudy?.customer).not.toBe('連鎖門市雲端收銀系統');
  });
});

describe('a "Client" label', () => {
  it('ends at a colon or at the end of its block: "Clients we serve" is no field', async () => {
    const page = `<html><head><title>Who we work with</title></head><body><main><h1>Who we work with</h1>
      <h3>Clients we serve</h3><p>Grocers, fashion brands and marketplaces across Europe.</p></main></body></html>`;
    expect((await analyzePage(htmlInput(page, 'https://www.devshop.test/clients/'), '2026-06-01')).classification.signals.join()).not.toMatch(/field:client/);
  });
});
