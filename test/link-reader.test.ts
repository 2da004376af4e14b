// The crawler's link reader (crawlers/links.ts) remembers what an href written from the root resolves
// to, per origin, so that a site's nav and footer are not parsed again on every page. These tests pin
// that memory against normalizeUrl itself, and show it keeps no page alive.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { scanHtml } from '../crawlers/html-scan.ts';
import { LinkReader } from '../crawlers/links.ts';
import { normalizeUrl, SiteScope } from '../crawlers/url.ts';

const scope = new SiteScope('https://www.partner.example/');
const page = (hrefs: string[], base = '') =>
  `<html><head>${base}</head><body><main>${hrefs.map((h) => `<a href="${h}">Link</a>`).join('')}</main></body></html>`;

/** What each href resolves to without the reader's memory. */
const direct = (hrefs: string[], pageUrl: string, base = pageUrl) =>
  hrefs.map((h) => normalizeUrl(h.replaceAll('&amp;', '&'), base)).filter((u): u is string => u !== null && u !== pageUrl);

const HREFS = ['/services/retail/', '/services/retail/#top', ' /a/../b?utm_source=x&z=1&a=2 ', '//cdn.partner.example/x', '/\\evil.example/', '/x;jsessionid=1', '/%7Euser', '/', 'relative/page', '?page=2', 'https://other.example/y'];

describe('LinkReader', () => {
  it('resolves an href from the root as normalizeUrl does, on every page and origin it meets', () => {
    const reader = new LinkReader(() => {});
    const pages = ['https://www.partner.example/blog/post-1', 'https://www.partner.example/a/b/c', 'http://www.partner.example:8080/x', 'https://shop.partner.example/', 'https://www.partner.example/blog/post-1'];
    for (const url of pages) {
      const read = reader.read(scanHtml(page(HREFS)), url, scope).map((l) => l.url);
      expect(read, url).toEqual([...new Set(direct(HREFS, url))]);
    }
  });

  it('resolves against the page\'s <base href>, not against what an earlier page of the origin gave', () => {
    const reader = new LinkReader(() => {});
    reader.read(scanHtml(page(['/x'])), 'https://www.partner.example/', scope);
    const read = reader.read(scanHtml(page(['/x'], '<base href="https://cdn.partner.example/assets/">')), 'https://www.partner.example/', scope);
    expect(read.map((l) => l.url)).toEqual(['https://cdn.partner.example/x']);
  });

  it('keeps no slice of a page in what it remembers (a kept slice keeps the whole page)', () => {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const reader = new LinkReader(() => {});
    gc();
    const before = process.memoryUsage().heapUsed;
    for (let i = 0; i < 200; i++) {
      // ~90 KB of HTML decoded from bytes, as the crawler reads it, each with an href of its own.
      const html = Buffer.from(`<html><body><p>${'filler words here '.repeat(5000)}</p><a href="/stories/customer-story-number-${i}/">Story</a></body></html>`).toString();
      reader.read(scanHtml(html), `https://www.partner.example/p${i}`, scope);
    }
    gc();
    // 200 pages of 90 KB held by their slices would be ~18 MB.
    expect((process.memoryUsage().heapUsed - before) / 1e6).toBeLessThan(4);
  });
});
