// One parse per page: the crawler's link scan records the parser's events and the analysis builds the
// page's DOM from them (crawlers/html-events.ts). The DOM must be the one parsing the HTML builds, on
// every fixture page and on markup that exercises each kind of event; a page the scan did not read whole
// is parsed as before.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AnyNode } from 'domhandler';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzePage, readHtml } from '../analyzers/index.ts';
import { replayHtml } from '../crawlers/html-events.ts';
import type { PageInput } from '../analyzers/types.ts';
import { MAX_NESTING, scanHtml } from '../crawlers/html-scan.ts';
import { startFixtureServer, type FixtureServer } from '../fixtures/server.ts';
import { crawlFixture } from './crawler-helpers.ts';

const AS_OF = '2026-11-29';
const SITES = fileURLToPath(new URL('../fixtures/sites/', import.meta.url));

/** Everything a reader of the DOM can see: node types, names, attributes (in order), texts, nesting. */
function shape(node: AnyNode): unknown {
  const n = node as AnyNode & { name?: string; attribs?: Record<string, string>; data?: string; children?: AnyNode[] };
  return [n.type, n.name, n.attribs && Object.entries(n.attribs), n.data, n.children?.map(shape)];
}

const parsed = (html: string) => shape(readHtml(html).$.root().get(0)!);
const replayed = (html: string) => shape(replayHtml(scanHtml(html).events!));

function htmlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return htmlFiles(path);
    return /\.html?$/.test(name) ? [path] : [];
  });
}

describe('the DOM built from the scan\'s events', () => {
  it('is the parsed DOM on every fixture page', () => {
    const files = htmlFiles(SITES);
    expect(files.length).toBeGreaterThan(500);
    for (const file of files) {
      const html = readFileSync(file, 'utf8');
      expect(replayed(html), file).toEqual(parsed(html));
    }
  });

  it.each([
    ['a doctype, a processing instruction and comments', '<!DOCTYPE html><?xml version="1.0"?><html><!-- a --><body><!--b--><p>x</p></body></html>'],
    ['CDATA outside foreign content', '<div><![CDATA[ a < b ]]></div>'],
    ['CDATA inside SVG', '<svg><title><![CDATA[Chart]]></title></svg><p>after</p>'],
    ['entities one event each, next to text', '<p>Fish &amp; Chips &#8212; caf&eacute;&nbsp;&lt;b&gt; &unknown; done</p>'],
    ['repeated, upper-case and odd attributes', '<A HREF="/x" href="/y" __proto__="p" constructor="c" data-v=\'1\' checked>Link</A>'],
    ['implied closes and unclosed elements', '<ul><li>one<li>two</ul><p>para<div>block</div><table><tr><td>cell</table><p>open'],
    ['scripts, styles and raw text', '<script>if (a < b && c) { x = "</p>"; }</script><style>p > a { color: red }</style><textarea><b>raw</b></textarea><title>T &amp; t</title>'],
    ['Chinese text and full-width signs', '<p lang="zh-TW">民國115年3月1日發布：零售業導入雲端ＰＯＳ系統</p>'],
    ['an empty document', ''],
    ['text only', 'just text, no markup'],
  ])('is the parsed DOM for %s', (_name, html) => {
    expect(replayed(html)).toEqual(parsed(html));
  });

  it('is not recorded when the markup nests deeper than the scan reads; the analysis parses the page and says what it cut', async () => {
    const html = `<html><body><p>Before the nesting.</p>${'<div>'.repeat(MAX_NESTING + 10)}<p>deep</p></body></html>`;
    const scan = scanHtml(html);
    expect(scan.events).toBeNull();
    const input: PageInput = { url: 'http://www.partner.test/', finalUrl: 'http://www.partner.test/', contentType: 'text/html', html, htmlEvents: scan.events, bytes: null, headers: {}, links: [] };
    const facts = await analyzePage(input, AS_OF);
    expect(facts.error).toBe(`markup nested deeper than ${MAX_NESTING} elements: read up to that point`);
  });
});

describe('a crawled page is analysed from its events', () => {
  let server: FixtureServer;
  beforeAll(async () => {
    server = await startFixtureServer({ sites: ['demo'] });
  });
  afterAll(() => server.close());

  it('hands each HTML page on with its events, which give the facts the HTML gives, and drops them with the body', async () => {
    const crawl = await crawlFixture(server, 'www.harbourline.test', { maxPages: 12 });
    const html = crawl.seen.filter((p) => p.body !== null);
    expect(html.length).toBeGreaterThan(5);
    for (const page of html) {
      expect(page.htmlEvents).toEqual(scanHtml(page.body!).events);
      const input: PageInput = { url: page.url, finalUrl: page.finalUrl, contentType: page.contentType, html: page.body, bytes: null, headers: page.headers, links: page.links };
      // Without the HTML: the facts can only come from the events.
      const fromEvents = await analyzePage({ ...input, html: '', htmlEvents: page.htmlEvents }, AS_OF);
      expect(fromEvents).toEqual(await analyzePage(input, AS_OF));
      expect(fromEvents.title).not.toBe('');
    }
    for (const page of crawl.result.pages) expect(Object.keys(page)).not.toContain('htmlEvents');
  });
});
