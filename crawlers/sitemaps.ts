// Sitemap files: <urlset>, <sitemapindex>, gzip-compressed (.xml.gz) and plain-text lists. XML is read
// in one pass of htmlparser2's streaming tokenizer in XML mode and character references are decoded by
// the entities package, so the cost is linear in the file whatever it holds (unclosed or deeply nested
// tags, absurd character references) and nothing in it can throw.
import { gunzipSync } from 'node:zlib';
import { decodeXML } from 'entities';
import { Tokenizer } from 'htmlparser2';
import { MAX_ENTRIES_PER_FEED, parseFeed } from './feeds.ts';

export interface ParsedSitemap {
  /** Nested sitemaps (from a <sitemapindex>). */
  sitemaps: string[];
  /** Page URLs (from a <urlset> or a text sitemap). */
  pages: string[];
}

/** A <loc> longer than this is no URL a crawl would take (the frontier's limit is 2,048): the rest is not kept. */
const MAX_LOC_LENGTH = 4096;

/** "image:loc" → "loc": sitemaps are read by local name, whatever prefix their namespaces got. */
const localName = (name: string) => name.slice(name.indexOf(':') + 1).toLowerCase();

/** Parses a sitemap body; gzip is detected by its magic bytes, decompressed up to `maxBytes`. */
export function parseSitemap(body: Uint8Array, maxBytes: number): ParsedSitemap {
  let bytes = Buffer.from(body.buffer, body.byteOffset, body.length);
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
    try {
      bytes = gunzipSync(bytes, { maxOutputLength: maxBytes });
    } catch {
      // Over the cap or corrupt: skip the file rather than read a cut-off XML.
      return { sitemaps: [], pages: [] };
    }
  }
  const text = bytes.toString('utf8');
  const xml = readXmlSitemap(text);
  if (xml) return xml;
  // The sitemap protocol accepts an RSS or Atom feed as a sitemap (robots.txt may name one).
  const feed = parseFeed(text, MAX_ENTRIES_PER_FEED);
  if (feed) return { sitemaps: [], pages: feed.entries.map((e) => e.href) };
  // Text sitemap: one URL per line.
  return { sitemaps: [], pages: text.split(/\r?\n/).map((l) => l.trim()).filter((l) => /^https?:\/\//i.test(l)) };
}

/**
 * The <loc> of every <url> (pages) or <sitemap> (nested sitemaps) of an XML sitemap; null when the
 * document is no <urlset> or <sitemapindex>. A <loc> elsewhere (an image's, a video's) is not a page.
 * htmlparser2's tokenizer, not its Parser: the Parser keeps its element stack with unshift(), which
 * costs depth² on deep or unclosed nesting; here a close tag pops only the element it closes.
 */
function readXmlSitemap(text: string): ParsedSitemap | null {
  const pages: string[] = [];
  const sitemaps: string[] = [];
  let root: string | null = null;
  /** Local names of the open elements. */
  const open: string[] = [];
  let tagName = '';
  /** The <loc> being read: its decoded text, the run of raw text not decoded yet, and where it goes. */
  let loc: { text: string; raw: string; list: string[] } | null = null;
  const room = () => loc !== null && loc.text.length + loc.raw.length < MAX_LOC_LENGTH;
  const decodeRun = () => {
    if (!loc) return;
    loc.text += decodeXML(loc.raw);
    loc.raw = '';
  };
  const openElement = (local: string) => {
    if (root === null) root = local;
    const parent = open[open.length - 1];
    if (local === 'loc' && !loc && (parent === 'url' || parent === 'sitemap')) loc = { text: '', raw: '', list: parent === 'url' ? pages : sitemaps };
    open.push(local);
  };
  const closeElement = (local: string) => {
    if (open[open.length - 1] === local) open.pop();
    if (local !== 'loc' || !loc) return;
    decodeRun();
    const url = loc.text.trim();
    if (url) loc.list.push(url);
    loc = null;
  };
  const none = () => undefined;
  const tokenizer = new Tokenizer({ xmlMode: true, decodeEntities: false }, {
    onopentagname: (start, end) => void (tagName = localName(text.slice(start, end))),
    onopentagend: () => openElement(tagName),
    onselfclosingtag: () => {
      openElement(tagName);
      closeElement(tagName);
    },
    onclosetag: (start, end) => closeElement(localName(text.slice(start, end))),
    ontext: (start, end) => {
      if (room()) loc!.raw += text.slice(start, end);
    },
    // CDATA is taken as it is: character references are decoded per run of ordinary text.
    oncdata: (start, end, endOffset) => {
      decodeRun();
      if (room()) loc!.text += text.slice(start, end - endOffset);
    },
    onattribdata: none, onattribentity: none, onattribend: none, onattribname: none, oncomment: none, ondeclaration: none,
    onend: none, onprocessinginstruction: none, ontextentity: none,
  });
  tokenizer.write(text);
  tokenizer.end();
  if (root === 'urlset') return { sitemaps: [], pages };
  if (root === 'sitemapindex') return { sitemaps, pages: [] };
  return null;
}
