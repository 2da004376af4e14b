// A product hosted on AWS is not an AWS retail practice: sentences saying the partner's own product
// runs on AWS name no AWS use for the page, so a retail product page that says only that is neither
// a practice page on AWS (P3.1) nor a retail AWS case study (P2.2.1).

import { describe, expect, it } from 'vitest';
import { analyzePage } from '../analyzers/index.ts';
import { withoutOwnHosting } from '../analyzers/aws.ts';
import { htmlInput } from './pages/page-input.ts';

const productPage = (body: string) => `<html lang="en"><head><title>Checkout suite for shops</title></head><body><main>
  <h1>Checkout suite for independent shops</h1>
  <p>Ring up sales at the counter, run a loyalty program, track inventory across every store and print barcode labels
  for new merchandise. Store managers see daily sales per store and per cashier, and reorder stock when shelves run low.</p>
  <p>${body}</p></main></body></html>`;

describe('own hosting on AWS', () => {
  it('is dropped from the text AWS is read from, in English and Chinese', () => {
    expect(withoutOwnHosting('Our cloud back office runs on AWS, so no sale is ever lost.')).not.toMatch(/AWS/);
    expect(withoutOwnHosting('Our point-of-sale platform is hosted on Amazon Web Services.')).not.toMatch(/Amazon/);
    expect(withoutOwnHosting('我們的雲端後台架設於 AWS，分店資料隨時同步。')).not.toMatch(/AWS/);
  });

  it('is dropped when a line says only that, with no subject: an item of a product\'s feature list', () => {
    expect(withoutOwnHosting('Features\nBuilt on AWS\nWorks offline')).not.toMatch(/AWS/);
    expect(withoutOwnHosting('Powered by Amazon Web Services cloud.')).not.toMatch(/Amazon/);
    expect(withoutOwnHosting('系統特色\n架設於 AWS 雲端\n離線也能結帳')).not.toMatch(/AWS/);
    expect(withoutOwnHosting('安全穩定\n建構在業界領先的 AWS 雲端平台上，交易資料即時備份。')).not.toMatch(/AWS/);
    expect(withoutOwnHosting('離線也能結帳。資料都存放於 Amazon Web Services 的機房。')).not.toMatch(/Amazon/);
  });

  it('leaves such a line that names a service, or says more than the hosting', () => {
    for (const text of [
      'Built on AWS Lambda',
      'Built on AWS, the new ordering system took two months.',
      '部署於 AWS 上的 Amazon EKS 叢集',
      '建置於 AWS，協助連鎖超市在三個月內完成遷移。',
    ]) expect(withoutOwnHosting(text)).toBe(text);
  });

  it('leaves work for customers, and customers\' own platforms, alone', () => {
    for (const text of [
      'We migrated the grocer\'s order management system to AWS.',
      'Its storefront now runs on AWS Lambda and Amazon DynamoDB.',
      '我們協助連鎖藥妝將電商平台遷移至 AWS。',
    ]) expect(withoutOwnHosting(text)).toBe(text);
  });

  it('leaves a retail product page with no AWS use, and a delivery page with it', async () => {
    const hosted = await analyzePage(htmlInput(productPage('Our cloud back office runs on AWS, so your data is safe.'), 'https://www.tillco.test/products/checkout/'), '2026-01-01');
    expect(hosted.mentionsAws).toBe(false);
    expect(hosted.awsServices).toEqual([]);
    const listed = await analyzePage(htmlInput(productPage('</p><h2>Why shops choose it</h2><ul><li>Built on AWS</li><li>Works offline</li></ul><p>'), 'https://www.tillco.test/products/checkout/'), '2026-01-01');
    expect(listed.mentionsAws).toBe(false);
    const services = await analyzePage(htmlInput(productPage('Our platform is built on Amazon DynamoDB and AWS Lambda.'), 'https://www.tillco.test/products/checkout/'), '2026-01-01');
    expect(services.awsServices).toEqual([]);
    const delivers = await analyzePage(htmlInput(productPage('We build and run these systems for retailers on AWS with Amazon DynamoDB.'), 'https://www.tillco.test/retail/'), '2026-01-01');
    expect(delivers.mentionsAws).toBe(true);
    expect(delivers.awsServices).toContain('Amazon DynamoDB');
  });
});
