// End to end: a partner site whose titles, text, attributes and JSON-LD carry script payloads is
// crawled and analysed for real, and its HTML report is opened in Chromium: nothing may run, nothing
// may load, and the verdicts must be readable.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFixtureServer } from '../fixtures/server.ts';
import { auditSite } from '../src/audit.ts';
import { renderHtml } from '../src/report/html.ts';
import { renderMarkdown } from '../src/report/markdown.ts';
import type { Report } from '../src/types.ts';
import { activeContent, NO_ACTIVE_CONTENT, NOTHING_RAN, openHtml, sideEffects, useChromium } from './support/open-html.ts';

let server: Awaited<ReturnType<typeof startFixtureServer>>;
let report: Report;

beforeAll(async () => {
  server = await startFixtureServer({ sites: ['hostile'] });
  ({ report } = await auditSite(`http://www.hostile.test:${server.port}/`, {
    resolve: server.resolveArgs(), allowPrivate: true, asOf: '2026-11-29', delayMs: 0, render: 'never',
  }));
});
afterAll(async () => {
  await server?.close();
});

describe('the report of a hostile partner site', () => {
  const browser = useChromium();

  it('carries the payloads as data (the test is not vacuous)', () => {
    const crawledText = JSON.stringify(report.caseStudies) + JSON.stringify(report.pages);
    expect(crawledText).toMatch(/<script>|onerror=|onload=/);
  });

  it('runs nothing in Chromium, loads nothing, and shows the verdicts', async () => {
    const opened = await openHtml(browser(), renderHtml(report), 'hostile-site-report.html');
    try {
      const { page } = opened;
      await page.mouse.move(200, 300);
      await page.waitForTimeout(200);
      expect(await sideEffects(opened)).toEqual(NOTHING_RAN);
      expect(await activeContent(page)).toEqual(NO_ACTIVE_CONTENT);
      expect(await page.locator('#verdict-title').isVisible()).toBe(true);
      for (const check of report.checks) {
        expect(await page.locator(`#check-${check.id.replaceAll('.', '-')}`).innerText()).toContain(check.status.toUpperCase());
      }
    } finally {
      await opened.close();
    }
  });

  it('keeps the payloads inert in Markdown', () => {
    const md = renderMarkdown(report);
    expect(md).toMatch(/\\<script\\>/); // present, backslash-escaped: CommonMark shows it as text
    expect(md).not.toMatch(/(?<!\\)<(?:script|img|svg)|\]\(<?javascript:/i);
  });
});
