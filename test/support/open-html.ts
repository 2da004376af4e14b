// Opens an HTML string from a file:// URL in real Chromium and records what a user would not want to
// happen: dialogs, console errors (CSP violations are logged as errors), page errors, and requests
// for anything but the file itself.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright';
import { afterAll, beforeAll } from 'vitest';

export interface OpenedHtml {
  page: Page;
  url: string;
  dialogs: string[];
  consoleErrors: string[];
  pageErrors: string[];
  /** Every request the page made other than the file itself. */
  otherRequests: string[];
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.PARTNER_PRESENCE_CHROMIUM ?? '/usr/bin/chromium',
    args: ['--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

/** One Chromium for the calling test file, launched before its tests and closed after them. */
export function useChromium(): () => Browser {
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });
  return () => {
    if (!browser) throw new Error('Chromium was not launched');
    return browser;
  };
}

/** Everything that must stay empty for a page built from hostile data; compare with NOTHING_RAN. */
export async function sideEffects(opened: OpenedHtml): Promise<Record<string, unknown>> {
  return {
    dialogs: opened.dialogs,
    consoleErrors: opened.consoleErrors,
    pageErrors: opened.pageErrors,
    otherRequests: opened.otherRequests,
    pwned: await opened.page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned ?? null),
  };
}

/**
 * What in the DOM could run or load: scripts, inline event handlers, links that are neither http(s)
 * nor in-page anchors, and embedded content. A report built from crawled text must have none.
 */
export function activeContent(page: Page): Promise<Record<string, number>> {
  return page.evaluate(() => ({
    scripts: document.scripts.length,
    handlers: Array.from(document.querySelectorAll('*')).filter((el) =>
      Array.from(el.attributes).some((a) => a.name.startsWith('on'))).length,
    nonHttpLinks: Array.from(document.querySelectorAll('a[href]'))
      .map((a) => a.getAttribute('href') ?? '')
      .filter((href) => !/^(https?:|#)/.test(href)).length,
    embedded: document.querySelectorAll('iframe, object, embed, img').length,
  }));
}

export const NO_ACTIVE_CONTENT = { scripts: 0, handlers: 0, nonHttpLinks: 0, embedded: 0 };

export const NOTHING_RAN = { dialogs: [], consoleErrors: [], pageErrors: [], otherRequests: [], pwned: null };

export async function openHtml(browser: Browser, html: string, fileName = 'page.html'): Promise<OpenedHtml & { close(): Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'pp-report-'));
  const file = join(dir, fileName);
  writeFileSync(file, html);
  const url = pathToFileURL(file).href;
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const opened: OpenedHtml = { page, url, dialogs: [], consoleErrors: [], pageErrors: [], otherRequests: [] };
  page.on('dialog', (dialog) => {
    opened.dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  page.on('console', (msg) => {
    if (msg.type() === 'error') opened.consoleErrors.push(msg.text());
  });
  page.on('pageerror', (error) => opened.pageErrors.push(error.message));
  page.on('request', (request) => {
    if (request.url() !== url) opened.otherRequests.push(request.url());
  });
  await page.goto(url, { waitUntil: 'load' });
  return {
    ...opened,
    async close() {
      await context.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
