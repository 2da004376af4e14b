// A site's Atom and RSS feeds as link sources: a blog whose post cards open posts from script handlers
// (no <a href>) still lists every recent post in the feed its pages link. A feed a page links
// (<link rel="alternate" type="application/rss+xml|atom+xml">, or a link to a conventional feed address)
// is read once per crawl, and its entries count as links from that page, each with its title as the
// link's text. Nothing is guessed: a feed address no page names is never requested.
//
// Feeds are read with htmlparser2's streaming tokenizer in XML mode, as sitemaps are (sitemaps.ts), not
// with htmlparser2's parseFeed: parseFeed builds a DOM with the Parser, whose element stack costs depth²
// on nested or unclosed elements (measured: 25,000 nested elements, 75 KB, 4.7 s; 100,000, 31 s). Here
// the cost is linear in the bytes whatever they hold. No DTD is read, so an entity declared in the
// feed's DOCTYPE is never expanded (it stays as written, and such an address is no page the site has).
import { decodeHTML, decodeXML } from 'entities';
import { Tokenizer } from 'htmlparser2';
import { decodeBody } from './decode.ts';
import { FetchError } from './errors.ts';
import type { PoliteFetcher } from './polite-fetcher.ts';
import type { SkippedUrl } from './types.ts';
import { normalizeUrl, type SiteScope } from './url.ts';

/** One entry of a feed: the address of its page (as written) and its title. */
export interface FeedEntry {
  href: string;
  title: string;
}

export interface ParsedFeed {
  /** Entries with an address, in feed order, at most the `maxEntries` asked for. */
  entries: FeedEntry[];
  /** Entries with an address in the whole file (more than `entries` holds when the limit cut it). */
  total: number;
}

/** Feeds read in one crawl: a site has one or a few (all posts, a category's, comments). */
export const MAX_FEEDS_PER_CRAWL = 10;
/** Entries taken from one feed: feeds list the latest 10 to 50 posts; a hostile one may list millions. */
export const MAX_ENTRIES_PER_FEED = 500;
/** An address or title longer than this is cut (the frontier refuses URLs past 2,048 characters). */
const MAX_FIELD_LENGTH = 4096;
/** A title kept as a link's text is cut here. */
const MAX_TITLE_LENGTH = 300;

/** The last path segment of a conventional feed address (WordPress /feed/, Jekyll /feed.xml, Hugo /index.xml …). */
const FEED_ADDRESS = /\/(?:feed|rss|atom)(?:\.xml|\.rss|\.atom)?\/?$|\/index\.(?:xml|rss|atom)$/i;

/** Whether `url`'s path ends in a conventional feed address (checked only on addresses a page links). */
export function isFeedAddress(url: string): boolean {
  const end = url.search(/[?#]/);
  return FEED_ADDRESS.test(end < 0 ? url : url.slice(0, end));
}

/** "atom:link" → "link": feeds are read by local name, whatever prefix their namespaces got. */
const localName = (name: string) => name.slice(name.indexOf(':') + 1).toLowerCase();

/** The entry elements of each feed format, by the document's root: RSS 2.0, RSS 1.0 (RDF), Atom. */
const ENTRY_OF_ROOT: Record<string, string> = { rss: 'item', rdf: 'item', feed: 'entry' };

/**
 * The entries of an RSS 2.0, RSS 1.0 or Atom document; null when it is none of them. An entry's
 * address is an RSS <link>, else a permalink <guid>, else an RSS 1.0 item's rdf:about; an Atom
 * entry's <link> with rel="alternate" (or no rel). Only an entry's own children are read (not the
 * <link> of its <source> or of an enclosure).
 */
export function parseFeed(text: string, maxEntries: number): ParsedFeed | null {
  let entryName: string | null = null;
  let rootSeen = false;
  const entries: FeedEntry[] = [];
  let total = 0;
  /** Local names of the open elements. */
  const open: string[] = [];
  let tag = { name: '', attribs: new Map<string, string>() };
  let attrib: { name: string; raw: string } | null = null;
  /** The entry being read and the depth of its element. */
  let entry: { depth: number; link: string | null; guid: string | null; about: string | null; title: string } | null = null;
  /** The entry's child whose text is being read, with its decoded text and the raw run not decoded yet. */
  let field: { name: 'link' | 'guid' | 'title'; text: string; raw: string } | null = null;
  /** Characters of `text` from `start` to `end` the field being read still has room for. */
  const upTo = (start: number, end: number) => text.slice(start, Math.min(end, start + MAX_FIELD_LENGTH - field!.text.length - field!.raw.length));
  const decodeRun = () => {
    if (!field) return;
    field.text += decodeXML(field.raw);
    field.raw = '';
  };

  const openElement = (local: string, attribs: Map<string, string>) => {
    if (!rootSeen) {
      rootSeen = true;
      entryName = ENTRY_OF_ROOT[local] ?? null;
    }
    if (entryName !== null && local === entryName && !entry) {
      entry = { depth: open.length, link: null, guid: null, about: attribs.get('about') ?? null, title: '' };
    } else if (entry && open.length === entry.depth + 1) {
      if (local === 'link' && entryName === 'entry') {
        const rel = (attribs.get('rel') ?? 'alternate').trim().toLowerCase();
        if (rel === 'alternate' && entry.link === null && attribs.has('href')) entry.link = attribs.get('href')!;
      } else if (local === 'link' || local === 'title' || (local === 'guid' && attribs.get('ispermalink')?.trim().toLowerCase() !== 'false')) {
        field = { name: local, text: '', raw: '' };
      }
    }
    open.push(local);
  };

  const closeElement = (local: string) => {
    if (open[open.length - 1] === local) open.pop();
    // An entry's end closes whatever it left open inside (each element is dropped once: linear).
    else if (entry && local === entryName && open.length > entry.depth) open.length = entry.depth;
    if (field && local === field.name) {
      decodeRun();
      const value = field.text.trim();
      if (field.name === 'title') entry!.title = value;
      else if (value) entry![field.name] ??= value;
      field = null;
    }
    if (entry && local === entryName && open.length === entry.depth) {
      const href = entry.link ?? (entry.guid && /^https?:\/\//i.test(entry.guid) ? entry.guid : null) ?? entry.about;
      if (href) {
        total++;
        if (entries.length < maxEntries) entries.push({ href, title: plainTitle(entry.title) });
      }
      entry = null;
    }
  };

  const none = () => undefined;
  const tokenizer = new Tokenizer({ xmlMode: true, decodeEntities: false }, {
    onopentagname: (start, end) => void (tag = { name: localName(text.slice(start, end)), attribs: new Map() }),
    onattribname: (start, end) => void (attrib = { name: localName(text.slice(start, end)), raw: '' }),
    onattribdata: (start, end) => {
      if (attrib && attrib.raw.length < MAX_FIELD_LENGTH) attrib.raw += text.slice(start, end);
    },
    onattribend: () => {
      if (attrib && !tag.attribs.has(attrib.name)) tag.attribs.set(attrib.name, decodeXML(attrib.raw.slice(0, MAX_FIELD_LENGTH)));
      attrib = null;
    },
    onopentagend: () => openElement(tag.name, tag.attribs),
    onselfclosingtag: () => {
      openElement(tag.name, tag.attribs);
      closeElement(tag.name);
    },
    onclosetag: (start, end) => closeElement(localName(text.slice(start, end))),
    ontext: (start, end) => {
      if (field) field.raw += upTo(start, end);
    },
    // CDATA is taken as it is: character references are decoded per run of ordinary text.
    oncdata: (start, end, endOffset) => {
      decodeRun();
      if (field) field.text += upTo(start, end - endOffset);
    },
    onattribentity: none, oncomment: none, ondeclaration: none, onend: none, onprocessinginstruction: none, ontextentity: none,
  });
  tokenizer.write(text);
  tokenizer.end();
  return entryName === null ? null : { entries, total };
}

/** A title as a link's text: an Atom type="html" title's markup dropped, whitespace collapsed, cut. */
function plainTitle(title: string): string {
  return title.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').trim().slice(0, MAX_TITLE_LENGTH);
}

/** A title shorter than this ("Blog", "News") says nothing about which entry a page shows. */
const MIN_SHOWN_TITLE = 8;

const comparable = (s: string) => s.replace(/\s+/g, ' ').trim().toLowerCase();

/**
 * Which entries a page shows, by their titles: the page's text (its HTML without tags, character
 * references decoded) holds the title. A page that shows an entry's title lets a visitor open it (a
 * card with an onclick handler, a list a script fills in); an entry it does not show is no link of
 * the page, only a page the site lists. Linear in the HTML whatever it holds (no regular expression
 * that backtracks over unclosed tags).
 */
export function titlesShownOn(html: string): (title: string) => boolean {
  let text: string | null = null;
  return (title) => {
    const wanted = comparable(title);
    if (wanted.length < MIN_SHOWN_TITLE) return false;
    text ??= comparable(decodeHTML(html.split('<').map((piece, i) => (i === 0 ? piece : piece.slice(piece.indexOf('>') + 1))).join(' ')));
    return text.includes(wanted);
  };
}

/** A feed entry's page: its address resolved against the feed's, and its title. */
export interface FeedLink {
  url: string;
  title: string;
}

const FEED_ACCEPT = 'application/atom+xml,application/rss+xml,application/xml;q=0.9,text/xml;q=0.9,*/*;q=0.5';

/**
 * Reads the feeds pages link, each once per crawl, at most MAX_FEEDS_PER_CRAWL: a feed obeys robots.txt,
 * the address guard and the byte limit like every request (PoliteFetcher), and must be in the crawl's
 * scope, as must every entry taken from it.
 */
export class FeedReader {
  readonly #fetcher: PoliteFetcher;
  readonly #skip: (skip: SkippedUrl) => void;
  readonly #seen = new Set<string>();
  #read = 0;

  constructor(fetcher: PoliteFetcher, skip: (skip: SkippedUrl) => void) {
    this.#fetcher = fetcher;
    this.#skip = skip;
  }

  /** The in-scope entries of the feeds (normalized addresses) `pageUrl` links that no page linked before. */
  async entriesOf(pageUrl: string, feeds: string[], scope: SiteScope): Promise<FeedLink[]> {
    const links: FeedLink[] = [];
    for (const feed of feeds) {
      if (this.#seen.has(feed) || !scope.has(feed)) continue;
      this.#seen.add(feed);
      if (this.#read >= MAX_FEEDS_PER_CRAWL) {
        this.#skip({ url: feed, reason: 'feed-limit', detail: `not read: the limit of ${MAX_FEEDS_PER_CRAWL} feeds was reached`, from: pageUrl });
        continue;
      }
      this.#read++;
      const parsed = await this.#fetch(feed, pageUrl);
      if (!parsed) continue;
      for (const { href, title } of parsed.entries) {
        const url = normalizeUrl(href, feed);
        if (url && url !== pageUrl && scope.has(url)) links.push({ url, title });
      }
      if (parsed.total > parsed.entries.length) {
        this.#skip({ url: feed, reason: 'feed-limit', detail: `${parsed.total - parsed.entries.length} of its ${parsed.total} entries not taken: the limit is ${MAX_ENTRIES_PER_FEED} a feed`, from: pageUrl });
      }
    }
    return links;
  }

  async #fetch(feed: string, pageUrl: string): Promise<ParsedFeed | null> {
    const verdict = await this.#fetcher.robotsVerdict(feed);
    if (!verdict.allowed) {
      this.#skip({ url: feed, reason: verdict.reason, detail: verdict.detail, from: pageUrl });
      return null;
    }
    try {
      const res = await this.#fetcher.request(feed, (status) => status < 300, FEED_ACCEPT);
      // A body cut at the byte limit still gives the entries before the cut.
      return res.status < 300 ? parseFeed(decodeBody(res.body, res.headers['content-type']).text, MAX_ENTRIES_PER_FEED) : null;
    } catch (err) {
      if (err instanceof FetchError && err.code === 'EPRIVATE') this.#skip({ url: feed, reason: 'private-address', detail: err.message, from: pageUrl });
      // Otherwise the feed is simply not read: the pages it lists may still be linked elsewhere.
      return null;
    }
  }
}
