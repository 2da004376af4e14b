// Two URL shapes several stages recognise, defined once in crawlers/url.ts: a directory's index document
// (the crawler's duplicate detection, the classifier's section paths, the homepage's other address) and
// page n of a listing (the classifier, the crawl priority, the case-study and practice-page sets).
// The consumers are exercised here too, so a stage that grows a list of its own again is noticed.

import { describe, expect, it } from 'vitest';
import { indexDocumentDirectory, isPaginatedUrl, paginationBase } from '../crawlers/url.ts';
import { DirectoryAliases } from '../crawlers/duplicates.ts';
import type { PageRecord } from '../crawlers/types.ts';
import { isHomepageUrl } from '../src/evidence/pages.ts';
import { linkPriority } from '../src/evidence/interests.ts';
import { classifyPage } from '../analyzers/classify.ts';
import { NO_DATES } from '../analyzers/facts.ts';
import type { PageContent } from '../analyzers/types.ts';

const u = (path: string) => `https://www.partner.example${path}`;

describe('indexDocumentDirectory', () => {
  it('gives the directory an index document stands for, query kept', () => {
    expect(indexDocumentDirectory(u('/index.html'))).toBe(u('/'));
    expect(indexDocumentDirectory(u('/stories/index.htm'))).toBe(u('/stories/'));
    expect(indexDocumentDirectory(u('/stories/Default.aspx'))).toBe(u('/stories/'));
    expect(indexDocumentDirectory(u('/index.php?p=1'))).toBe(u('/?p=1'));
    expect(indexDocumentDirectory(u('/en/index.shtml'))).toBe(u('/en/'));
    expect(indexDocumentDirectory(u('/home.html'))).toBe(u('/'));
    expect(indexDocumentDirectory(u('/default.jsp'))).toBe(u('/'));
  });

  it('is null for directory URLs, other documents and what is no URL', () => {
    for (const path of ['/', '/stories/', '/stories/acme.html', '/index.html.bak', '/myindex.html', '/index/', '/index.pdf']) {
      expect(indexDocumentDirectory(u(path)), path).toBeNull();
    }
    expect(indexDocumentDirectory('not a url')).toBeNull();
  });

  it('is how the homepage is recognised under its other address', () => {
    expect(isHomepageUrl(u('/index.html'), u('/'))).toBe(true);
    expect(isHomepageUrl(u('/home.html'), u('/'))).toBe(true);
    expect(isHomepageUrl(u('/index.php?lang=en'), u('/'))).toBe(false);
    expect(isHomepageUrl(u('/retail/index.html'), u('/'))).toBe(false);
    expect(isHomepageUrl('https://other.example/index.html', u('/'))).toBe(false);
  });

  it('is how the crawler pairs a directory URL with its index document', () => {
    const aliases = new DirectoryAliases();
    const record = (url: string) => ({ url, finalUrl: url, body: 'x', error: null, blocked: null, httpStatus: 200, canonical: null }) as unknown as PageRecord;
    const body = Buffer.from('<p>same page</p>');
    expect(aliases.originalOf(record(u('/stories/')), body)).toBeNull();
    expect(aliases.originalOf(record(u('/stories/index.shtml')), body)).toBe(u('/stories/'));
    expect(aliases.originalOf(record(u('/stories/acme.html')), body)).toBeNull();
  });
});

describe('isPaginatedUrl and paginationBase', () => {
  it('recognise a page number in the query or at the end of the path', () => {
    for (const path of ['/blog/page/2/', '/blog/page/2', '/blog/page-2', '/news/page_3.html', '/blog/page2', '/blog/?page=3', '/?paged=2', '/list.php?cat=4&pg=2', '/?p=2', '/blog/?PAGE=3']) {
      expect(isPaginatedUrl(u(path)), path).toBe(true);
    }
  });

  it('do not take a page named "page", a page parameter naming a page, or a number mid-path for pagination', () => {
    for (const path of ['/page/about/', '/pages/2/', '/homepage/', '/blog/page/2/acme-story/', '/index.php?page=retail-solutions', '/?pager=2', '/blog/']) {
      expect(isPaginatedUrl(u(path)), path).toBe(false);
    }
    expect(isPaginatedUrl('not a url')).toBe(false);
  });

  it('read an address as the URL parser does, even when only the parser makes its page number', () => {
    // Most addresses are turned away without parsing them (no "page", "pg=" or "p="); these are not.
    expect(isPaginatedUrl(u('/blog/pa\nge/2/'))).toBe(true);
    expect(isPaginatedUrl(u('/blog/pa\tge-2'))).toBe(true);
    expect(isPaginatedUrl(u('/blog/?\tp=2'))).toBe(true);
    expect(isPaginatedUrl(u('/blog/page/./2/'))).toBe(true);
    expect(isPaginatedUrl(`${u('/blog')}\\page2`)).toBe(true);
    expect(isPaginatedUrl(u('/blog/%70age2'))).toBe(false);
    expect(isPaginatedUrl(u('/blog/#?page=2'))).toBe(false);
  });

  it('give every page of one listing the same base, other parameters kept', () => {
    for (const path of ['/blog', '/blog/', '/blog/page/2/', '/blog/page-7', '/blog?page=3', '/blog/?paged=3#top']) {
      expect(paginationBase(u(path)), path).toBe(u('/blog/'));
    }
    expect(paginationBase(u('/list/?cat=4&page=2'))).toBe(u('/list/?cat=4'));
    expect(paginationBase('not a url')).toBeNull();
  });

  it('are what the crawl priority and the classifier read', () => {
    const link = (path: string) => linkPriority({ url: u(path), text: 'Insights', region: 'main', internal: true });
    expect(link('/insights/page-2')).toBeLessThan(link('/insights/'));
    expect(link('/insights/?pg=2')).toBeLessThan(link('/insights/'));
    const content: PageContent = {
      title: 'Insights', lang: 'en', description: null, headings: [], blocks: [], mainText: '', jsonLd: [], meta: {},
      documentInfo: null, links: [], embeds: [],
    };
    const classified = (path: string) => classifyPage(content, u(path), NO_DATES);
    expect(classified('/updates/page_2.html')).toMatchObject({ type: 'listing', signals: ['url:paginated'] });
    expect(classified('/updates/?page=retail').signals).not.toContain('url:paginated');
  });
});
