// The demo's zh-TW HTML report in a real Chromium (Debian's, with fonts-noto-cjk): Chinese text is drawn
// with a Traditional Chinese font (not boxes), no text overflows its box in the summary cards and the
// tables at a desktop and a phone width, and printed on A4 (to PDF, then to pictures with pdftoppm) no
// table is cut at the page's edge and the statuses keep their colours.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright';
import { auditDemo } from './support/demo-audit.ts';
import { renderHtml } from '../src/report/html.ts';

const CHROMIUM = '/usr/bin/chromium';
const hasCjkFonts = (() => {
  try {
    return execFileSync('fc-list', [':lang=zh-tw', 'family'], { encoding: 'utf8' }).includes('CJK TC');
  } catch {
    return false;
  }
})();

let browser: Browser;
let html: string;
let englishHtml: string;
let dir: string;

beforeAll(async () => {
  const { report } = await auditDemo();
  html = renderHtml(report, 'zh-TW');
  englishHtml = renderHtml(report, 'en');
  dir = mkdtempSync(join(tmpdir(), 'pp-zh-browser-'));
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}, 120_000);
afterAll(async () => {
  await browser?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function open(width: number, content = html): Promise<Page> {
  const page = await browser.newPage({ viewport: { width, height: 900 } });
  await page.setContent(content, { waitUntil: 'load' });
  return page;
}

/** Elements of the cards and tables whose text is wider than their box (or runs out of their card). */
function overflowing(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = [];
    const describe = (el: Element) => `${el.tagName.toLowerCase()}.${el.className || ''} "${(el.textContent ?? '').trim().slice(0, 40)}"`;
    for (const card of Array.from(document.querySelectorAll('.card'))) {
      const box = card.getBoundingClientRect();
      for (const el of Array.from(card.querySelectorAll('*'))) {
        const r = el.getBoundingClientRect();
        if (r.width > 0 && (r.right > box.right + 1 || r.left < box.left - 1)) found.push(`card: ${describe(el)}`);
      }
    }
    for (const cell of Array.from(document.querySelectorAll('td, th'))) {
      if (cell.scrollWidth > cell.clientWidth + 1) found.push(`cell: ${describe(cell)}`);
    }
    return found;
  });
}

describe.skipIf(!existsSync(CHROMIUM))('the zh-TW report in Chromium', () => {
  it.skipIf(!hasCjkFonts)('draws Chinese text with a Traditional Chinese font (fonts-noto-cjk), not missing-glyph boxes', async () => {
    const page = await open(1280);
    try {
      const cdp = await page.context().newCDPSession(page);
      await cdp.send('DOM.enable');
      await cdp.send('CSS.enable');
      const { root } = await cdp.send('DOM.getDocument');
      for (const selector of ['#verdict-title', '.card-link', 'th']) {
        const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector });
        const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId });
        const cjk = fonts.filter((f) => /CJK|TC|JhengHei|PingFang/.test(f.familyName));
        expect({ selector, cjk: cjk.length > 0 && cjk.every((f) => /TC|JhengHei|PingFang/.test(f.familyName)) }).toEqual({ selector, cjk: true });
      }
    } finally {
      await page.close();
    }
  });

  for (const width of [1280, 390]) {
    it(`keeps every word inside its summary card and table cell at ${width} px`, async () => {
      const page = await open(width);
      try {
        expect(await page.locator('.card').count()).toBe(6);
        expect(await overflowing(page)).toEqual([]);
        // The screenshot's layout: the cards sit in a grid inside the page, none wider than the viewport.
        const cards = await page.locator('.card').evaluateAll((els) => els.map((e) => e.getBoundingClientRect().toJSON() as DOMRect));
        for (const r of cards) expect(r.right).toBeLessThanOrEqual(width);
        writeFileSync(join(dir, `verdict-${width}.png`), await page.locator('#verdict').screenshot());
        expect(readFileSync(join(dir, `verdict-${width}.png`)).length).toBeGreaterThan(10_000);
      } finally {
        await page.close();
      }
    });
  }

  it('prints on A4 without cut tables and with its status colours', async () => {
    const page = await open(1280);
    try {
      await page.emulateMedia({ media: 'print' });
      // A4 at 96 px per inch less Chromium's default margins: the width a printed line has.
      await page.setViewportSize({ width: 718, height: 1000 });
      const wide = await page.evaluate(() => Array.from(document.querySelectorAll('table'))
        .filter((t) => t.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
        .map((t) => `${t.className} ${Math.round(t.getBoundingClientRect().width)} px`));
      expect(wide).toEqual([]);
      expect(await overflowing(page)).toEqual([]);
      const pdf = join(dir, 'report.pdf');
      await page.pdf({ path: pdf, format: 'A4' });
      const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' }))![1]);
      expect(pages).toBeGreaterThan(1);
      execFileSync('pdftoppm', ['-r', '40', '-f', '1', '-l', '1', pdf, join(dir, 'page')]);
      const picture = readdirSync(dir).find((f) => f.startsWith('page') && f.endsWith('.ppm'))!;
      // The first page shows the verdict: its pass colours (green badges and card edges) survive printing.
      expect(greenPixels(readFileSync(join(dir, picture)))).toBeGreaterThan(50);
    } finally {
      await page.close();
    }
  });

  it('prints the English report on A4 without cut tables too', async () => {
    const page = await open(718, englishHtml);
    try {
      await page.emulateMedia({ media: 'print' });
      expect(await page.evaluate(() => Array.from(document.querySelectorAll('table'))
        .filter((t) => t.getBoundingClientRect().right > document.documentElement.clientWidth + 1).length)).toBe(0);
      expect(await overflowing(page)).toEqual([]);
    } finally {
      await page.close();
    }
  });
});

/** Pixels of a binary PPM (P6) that are clearly green (the pass colour), counted. */
function greenPixels(ppm: Buffer): number {
  const header = /^P6\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(ppm.subarray(0, 50).toString('latin1'))!;
  let count = 0;
  for (let i = header[0].length; i + 2 < ppm.length; i += 3) {
    const [r, g, b] = [ppm[i]!, ppm[i + 1]!, ppm[i + 2]!];
    if (g > 100 && g > r + 40 && g > b + 20) count++;
  }
  return count;
}
