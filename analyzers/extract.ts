// Content extraction from one parsed HTML page: title, headings, meta, JSON-LD, microdata, language
// and the main text as blocks with the page furniture (navigation, header, footer, cookie banners,
// sidebars, related-post lists, comments, share widgets, breadcrumbs, forms) left out.
//
// The main text is read by one walk over the DOM that skips boilerplate subtrees instead of removing
// them, so the parsed document is left untouched for any other reader.

import type { CheerioAPI } from 'cheerio';
import type { AnyNode, Element } from 'domhandler';
import type { PageContent, PageInput, TextBlock } from './types.ts';
import { collapseWhitespace } from './text.ts';
import { resolveLang } from './lang.ts';
import { isJsonLdType, readJsonLd } from './json-ld.ts';

// Nodes nested deeper than this are not read (browsers stop nesting at 512 too); it keeps the
// recursive walks far from the call-stack limit on hostile or broken markup.
const MAX_DEPTH = 400;

/** Reads a parsed page into PageContent. Does not modify `$`. */
export function extractContent($: CheerioAPI, input: PageInput): PageContent {
  const url = input.finalUrl || input.url;
  const survey = surveyDocument($.root().get(0)!);
  const meta = survey.meta;
  const jsonLd = readJsonLd(survey.jsonLd);
  const root = mainRoot(survey, $.root().get(0)!);
  const { blocks, textCut } = readBlocks(root, survey.h1Element, url);
  const pageH1 = survey.h1;
  // A hero <h1> often sits above <main>/<article>; it is still the page's heading.
  if (pageH1 && !blocks.some((b) => b.tag === 'h1')) blocks.unshift({ text: pageH1, tag: 'h1' });
  const headings = blocks
    .filter((b) => /^h[1-6]$/.test(b.tag))
    .map((b) => ({ level: Number(b.tag[1]), text: b.text }));
  const mainText = blocks.map((b) => b.text).join('\n');
  const title = pageTitle(survey.title, meta, pageH1, url);
  const contentLanguage = headerValue(input.headers, 'content-language');
  const lang = resolveLang(
    [survey.htmlLang, meta['content-language'], contentLanguage],
    `${title}\n${mainText}`,
    url,
  );
  const description = meta['description'] || meta['og:description'] || meta['twitter:description'] || null;
  return {
    title,
    lang,
    description: description ? collapseWhitespace(description) : null,
    headings,
    blocks,
    mainText,
    jsonLd: jsonLd.objects,
    ...(jsonLd.unparsed.length ? { unparsedJsonLd: jsonLd.unparsed } : {}),
    meta,
    documentInfo: null,
    links: input.links,
    embeds: embedUrls(survey.embeds, url),
    ...(textCut ? { textCut } : {}),
  };
}

function headerValue(headers: Record<string, string>, name: string): string | null {
  for (const [k, v] of Object.entries(headers)) if (k.toLowerCase() === name) return v;
  return null;
}

// ---------------------------------------------------------------------------------------------
// One walk over the whole document for everything that is not main text (faster than a CSS
// selector per field: this runs on every page)

interface Survey {
  /** <meta name|property|http-equiv> and microdata, see putMeta. */
  meta: Record<string, string>;
  /** Raw text of each <script type="application/ld+json">. */
  jsonLd: string[];
  title: string;
  htmlLang: string | null;
  body: Element | null;
  /** <main> / [role=main] elements. */
  mains: Element[];
  /** <article> elements not nested in another article. */
  articles: Element[];
  /** Conventional content containers (#content, .entry-content …). */
  conventional: Element[];
  /** First non-empty <h1> outside navigation, footers, sidebars and furniture. */
  h1: string | null;
  h1Element: Element | null;
  /** Player iframes, <video>, <embed>, <object> elements. */
  embeds: Element[];
}

const CONVENTIONAL_IDS = new Set(['content', 'main', 'main-content', 'maincontent']);
const CONVENTIONAL_CLASSES = /(?:^|\s)(?:entry-content|post-content|article-body|article-content|post-body|story-body)(?:\s|$)/;

function surveyDocument(root: AnyNode): Survey {
  const survey: Survey = {
    meta: {},
    jsonLd: [],
    title: '',
    htmlLang: null,
    body: null,
    mains: [],
    articles: [],
    conventional: [],
    h1: null,
    h1Element: null,
    embeds: [],
  };
  const itemprops: Element[] = [];
  const visit = (node: AnyNode, inArticle: boolean, inFurniture: boolean, depth: number) => {
    const children = (node as Element).children;
    if (!children || depth > MAX_DEPTH) return;
    for (const child of children) {
      if (child.type === 'script') {
        const el = child as Element;
        if (isJsonLdType(el.attribs['type'] ?? '')) {
          survey.jsonLd.push(el.children.map((c) => (c.type === 'text' ? (c as unknown as { data: string }).data : '')).join(''));
        }
        continue;
      }
      if (child.type !== 'tag') continue;
      const el = child as Element;
      const a = el.attribs;
      switch (el.name) {
        case 'meta': {
          const content = a['content'];
          if (content !== undefined) {
            putMeta(survey.meta, a['name'] ?? a['property'] ?? a['http-equiv'], content);
            if (a['itemprop']) putMeta(survey.meta, `itemprop:${a['itemprop']}`, content);
          }
          continue;
        }
        case 'title':
          if (!survey.title) survey.title = collapseWhitespace(innerText(el));
          continue;
        case 'svg':
        case 'template':
          // Icons carry their own <title>s; templates are not the page.
          continue;
        case 'html':
          survey.htmlLang ??= a['lang'] ?? a['xml:lang'] ?? null;
          break;
        case 'body':
          survey.body ??= el;
          break;
        case 'main':
          survey.mains.push(el);
          break;
        case 'article':
          if (!inArticle) survey.articles.push(el);
          break;
        case 'h1':
          if (!survey.h1 && !inFurniture) {
            const text = collapseWhitespace(innerText(el));
            if (text) {
              survey.h1 = text;
              survey.h1Element = el;
            }
          }
          break;
        case 'iframe':
        case 'video':
        case 'embed':
        case 'object':
          survey.embeds.push(el);
          continue;
        default:
          break;
      }
      if (a['role'] === 'main' && el.name !== 'main') survey.mains.push(el);
      if ((a['id'] && CONVENTIONAL_IDS.has(a['id'].toLowerCase())) || (a['class'] && CONVENTIONAL_CLASSES.test(a['class']))) {
        survey.conventional.push(el);
      }
      if (a['itemprop'] !== undefined && a['itemscope'] === undefined) itemprops.push(el);
      const furniture = inFurniture || el.name === 'nav' || el.name === 'footer' || el.name === 'aside' || isBoilerplateByAttributes(el);
      visit(el, inArticle || el.name === 'article', furniture, depth + 1);
    }
  };
  visit(root, false, false, 0);
  // Microdata values after the meta tags, so <meta> wins a tie as it always did.
  for (const el of itemprops) {
    const a = el.attribs;
    const value = a['content'] ?? a['datetime'] ?? (el.name === 'a' || el.name === 'link' ? a['href'] : undefined)
      ?? (el.name === 'img' ? a['src'] : undefined) ?? innerText(el).slice(0, 300);
    for (const name of (a['itemprop'] ?? '').split(/\s+/)) if (name) putMeta(survey.meta, `itemprop:${name}`, value);
  }
  return survey;
}

/**
 * <meta name|property|http-equiv> → lower-cased key; microdata `itemprop` values (meta content,
 * datetime, href/src or short text) → "itemprop:<name>". Repeated keys keep the first value.
 */
function putMeta(meta: Record<string, string>, key: string | undefined, value: string | undefined): void {
  if (!key || value === undefined) return;
  const k = key.trim().toLowerCase();
  if (!k || k in meta) return;
  const v = collapseWhitespace(value);
  if (v) meta[k] = v;
}

// ---------------------------------------------------------------------------------------------
// Embedded media (video players), read before anything else so classification can see them

const VIDEO_HOSTS = /(?:^|\.)(?:youtube\.com|youtube-nocookie\.com|youtu\.be|vimeo\.com|wistia\.(?:com|net)|brightcove\.net|vidyard\.com|loom\.com|dailymotion\.com|bilibili\.com|facebook\.com\/plugins\/video)/i;

/** Absolute URLs of embedded players and <video> sources in the page. */
function embedUrls(elements: Element[], base: string): string[] {
  const out: string[] = [];
  for (const el of elements) {
    const a = el.attribs;
    let src: string | undefined = a['src'] ?? a['data-src'] ?? a['data'];
    if (el.name === 'video' && !src) {
      const source = el.children.find((c): c is Element => c.type === 'tag' && (c as Element).name === 'source' && Boolean((c as Element).attribs['src']));
      src = source?.attribs['src'];
    }
    if (!src) continue;
    let abs: URL;
    try {
      abs = new URL(src, base);
    } catch {
      continue;
    }
    if ((el.name === 'video' || VIDEO_HOSTS.test(abs.hostname + abs.pathname)) && !out.includes(abs.href)) out.push(abs.href);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Title

const TITLE_SEPARATOR = /\s+[|\-–—·•:»›]{1,2}\s+|\s*[｜│]\s*|\s+_\s+|\s*::\s*/;

/**
 * og:title, else <title>, else the first <h1>; a site-name prefix or suffix is dropped when it
 * matches og:site_name / application-name / the host name, or when another part equals the <h1>.
 */
function pageTitle(docTitle: string, meta: Record<string, string>, h1: string | null, url: string): string {
  const raw = meta['og:title'] || meta['twitter:title'] || docTitle || h1 || '';
  if (!raw) return '';
  const parts = raw.split(TITLE_SEPARATOR).map((p) => p.trim()).filter(Boolean);
  if (parts.length < 2) return raw;
  if (h1) {
    const h = squash(h1);
    const same = parts.find((p) => squash(p) === h);
    if (same) return same;
  }
  const brands = siteNames(meta, url);
  const isBrand = (p: string) => {
    const s = squash(p);
    return s.length > 0 && brands.some((b) => s === b || (b.length >= 3 && (s.includes(b) || b.includes(s)) && s.length <= b.length + 12));
  };
  let kept = parts;
  if (isBrand(kept[kept.length - 1]!)) kept = kept.slice(0, -1);
  else if (isBrand(kept[0]!)) kept = kept.slice(1);
  if (kept.length === parts.length || kept.length === 0) return raw;
  // Re-join what is left with the separator the page used between those parts.
  const start = raw.indexOf(kept[0]!);
  const last = kept[kept.length - 1]!;
  const end = raw.lastIndexOf(last) + last.length;
  return start >= 0 && end > start ? raw.slice(start, end).trim() : kept.join(' ');
}

/** Lower-case letters and digits only (any script), for loose comparisons. */
function squash(text: string): string {
  return text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
}

function siteNames(meta: Record<string, string>, url: string): string[] {
  const names = [meta['og:site_name'], meta['application-name'], meta['apple-mobile-web-app-title']]
    .filter((n): n is string => Boolean(n))
    .map(squash);
  try {
    const labels = new URL(url).hostname.split('.').filter((l) => !['www', 'com', 'net', 'org', 'tw', 'co', 'test'].includes(l));
    for (const l of labels) if (l.length >= 3) names.push(squash(l));
  } catch {
    // no URL, no host-name hint
  }
  return names.filter(Boolean);
}

// ---------------------------------------------------------------------------------------------
// Main content root

/**
 * <main> / [role=main] when present, else the page's only (or dominant) <article>, else a
 * conventional content container, else <body>. A candidate holding a sliver of the page's text (a <main> wrapped around
 * a hero only) is not trusted.
 */
function mainRoot(survey: Survey, documentRoot: AnyNode): AnyNode {
  const body = survey.body ?? documentRoot;
  const bodyLength = textLength(body);
  const candidates: AnyNode[] = [];
  if (survey.mains.length) candidates.push(longest(survey.mains));
  if (survey.articles.length === 1) candidates.push(survey.articles[0]!);
  else if (survey.articles.length > 1) {
    // A post followed by teaser <article>s of other posts: the post dominates.
    const lengths = survey.articles.map((a) => textLength(a));
    const total = lengths.reduce((x, y) => x + y, 0);
    const top = lengths.indexOf(Math.max(...lengths));
    if (lengths[top]! >= total * 0.6) candidates.push(survey.articles[top]!);
  }
  if (survey.conventional.length) candidates.push(longest(survey.conventional));
  for (const c of candidates) {
    if (textLength(c) >= Math.min(1500, bodyLength * 0.25)) return c;
  }
  return body;
}

function longest(nodes: AnyNode[]): AnyNode {
  let best = nodes[0]!;
  let bestLen = -1;
  for (const n of nodes) {
    const len = textLength(n);
    if (len > bestLen) {
      best = n;
      bestLen = len;
    }
  }
  return best;
}

/** Length of the visible-ish text (scripts and styles excluded) under a node. */
function textLength(node: AnyNode, depth = 0): number {
  if (node.type === 'text') return (node as unknown as { data: string }).data.trim().length;
  if (node.type === 'script' || node.type === 'style' || node.type === 'comment') return 0;
  const children = (node as Element).children;
  if (!children) return 0;
  let n = 0;
  if (depth > MAX_DEPTH) return 0;
  for (const c of children) n += textLength(c, depth + 1);
  return n;
}

// ---------------------------------------------------------------------------------------------
// Boilerplate detection

const SKIP_TAGS = new Set([
  'script', 'style', 'noscript', 'template', 'svg', 'canvas', 'iframe', 'object', 'embed', 'video', 'audio',
  'nav', 'footer', 'aside', 'dialog', 'button', 'select', 'input', 'textarea', 'option', 'label', 'head', 'title',
  'meta', 'link',
]);

const SKIP_ROLES = new Set([
  'navigation', 'banner', 'contentinfo', 'complementary', 'search', 'dialog', 'alertdialog', 'menu', 'menubar', 'toolbar',
]);

// Words in class / id names that mark page furniture. Matched against whole words of a name
// ("related-posts" → related, posts), never substrings, so "elementor-widget" or "shared-content"
// stay content. These are never content, however much text they hold.
const NEVER_CONTENT_WORDS = new Set([
  'cookie', 'cookies', 'consent', 'gdpr', 'onetrust', 'cookiebot', 'cookielaw', 'breadcrumb', 'breadcrumbs',
  'crumbs', 'comment', 'comments', 'disqus', 'respond', 'pagination', 'pager', 'skip', 'sronly', 'footer', 'copyright',
]);
// These usually mark furniture but also turn up on content wrappers (a theme's "entry share"
// div, a Tailwind "w-main-with-right-sidebar" column, an id="TOC_TITLE_2" section): see
// isRealContent.
const FURNITURE_WORDS = new Set([
  'share', 'sharing', 'sharer', 'sharethis', 'addthis', 'addtoany', 'related', 'newsletter', 'subscribe', 'subscription',
  'advert', 'advertisement', 'ads', 'adsense', 'recommended', 'recommendations', 'sidebar', 'social', 'popup', 'modal',
  'navbar', 'nav', 'navigation', 'menu', 'megamenu', 'masthead', 'offcanvas', 'toc',
]);
// Whole class names that hide an element (unless a responsive class shows it again).
const HIDDEN_CLASSES = new Set(['hidden', 'd-none', 'is-hidden', 'visually-hidden', 'sr-only', 'screen-reader-text', 'invisible']);
// Bootstrap, Foundation and theme names of tab and accordion panels.
const DISCLOSURE_CLASS = /(?:^|\s)(?:tab-pane|tab-panel|tabs-panel|accordion-collapse|accordion-body|accordion-content|accordion-panel|panel-collapse)(?:\s|$)/i;
const RESPONSIVE_SHOW = /^(?:sm|md|lg|xl|2xl):(?:block|flex|grid|inline|inline-block|inline-flex|table)$|^d-(?:sm|md|lg|xl|xxl)-(?:block|flex|grid|inline|inline-block|table)$/;
// Taxonomy classes a CMS puts on posts ("category-newsletter", "tag-social-media") name the
// post's topics, not its role on the page.
const TAXONOMY_CLASS = /^(?:category|tag|tags|cat|post|postid|format|type|status|author|topic|term)-/;
// "header" names both the site banner and an article's title block (entry-header, page-header), so
// only a bare "header" id or class counts, and only outside an article.
const SITE_HEADER_NAME = /(?:^|\s)header(?:\s|$)/i;
// Multi-word names that only mean furniture together.
const FURNITURE_PHRASES = [
  'site-header', 'site-footer', 'page-footer', 'global-header', 'global-footer', 'top-bar', 'topbar',
  'you-may-also', 'also-like', 'more-posts', 'more-articles', 'read-next', 'read-more-posts', 'post-navigation',
  'nav-links', 'author-box-social', 'back-to-top', 'call-to-action-bar',
];
const NEVER_FURNITURE_TAGS = new Set(['html', 'body', 'main']);

function nameWords(name: string): string[] {
  return name
    .replace(/([a-z])([A-Z])/g, '$1-$2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

/** 0: content; 1: furniture by name, unless it reads as prose (isRealContent); 2: furniture. */
type FurnitureLevel = 0 | 1 | 2;

function furnitureLevel(el: Element): FurnitureLevel {
  const a = el.attribs;
  if (!a || NEVER_FURNITURE_TAGS.has(el.name)) return 0;
  const role = a['role'];
  if (role && SKIP_ROLES.has(role.toLowerCase())) return 2;
  const names = `${a['class'] ?? ''} ${a['id'] ?? ''}`;
  // Tab and accordion panels hide what a visitor opens with one click: content, hidden or not.
  if (role?.toLowerCase() === 'tabpanel' || DISCLOSURE_CLASS.test(a['class'] ?? '')) {
    return furnitureOfNames(names.split(/\s+/).filter((t) => !HIDDEN_CLASSES.has(t.toLowerCase())).join(' '));
  }
  if (a['hidden'] !== undefined || a['aria-hidden'] === 'true' || a['aria-modal'] === 'true') return 2;
  const style = a['style'];
  if (style && /display\s*:\s*none|visibility\s*:\s*hidden/i.test(style)) return 2;
  return names.length > 1 ? furnitureOfNames(names) : 0;
}

function isBoilerplateByAttributes(el: Element): boolean {
  return furnitureLevel(el) > 0;
}

// Pages repeat the same class strings hundreds of times; the verdict per string is cached.
const furnitureNameCache = new Map<string, FurnitureLevel>();

function furnitureOfNames(names: string): FurnitureLevel {
  const cached = furnitureNameCache.get(names);
  if (cached !== undefined) return cached;
  const level = furnitureVerdict(names);
  if (furnitureNameCache.size > 20_000) furnitureNameCache.clear();
  furnitureNameCache.set(names, level);
  return level;
}

function furnitureVerdict(names: string): FurnitureLevel {
  const tokens = names.split(/\s+/).filter(Boolean);
  const lowerTokens = tokens.map((t) => t.toLowerCase());
  if (lowerTokens.some((t) => HIDDEN_CLASSES.has(t)) && !lowerTokens.some((t) => RESPONSIVE_SHOW.test(t))) return 2;
  let level: FurnitureLevel = 0;
  for (let i = 0; i < tokens.length; i++) {
    const lower = lowerTokens[i]!;
    if (TAXONOMY_CLASS.test(lower)) continue;
    if (FURNITURE_PHRASES.some((phrase) => lower.includes(phrase))) level = 1;
    const words = nameWords(tokens[i]!);
    // Utility classes that show state, not furniture ("has-sidebar", "no-comments") on a wrapper.
    if (words[0] === 'has' || words[0] === 'no' || words[0] === 'with' || words[0] === 'is') continue;
    for (const w of words) {
      if (NEVER_CONTENT_WORDS.has(w)) return 2;
      if (FURNITURE_WORDS.has(w)) level = 1;
    }
  }
  return level;
}

/**
 * Rescue for an element named like furniture. A layout wrapper ("layout--sidebar",
 * "l-sidebar-fixed", "article-and-social") holds the page heading or most of the text; otherwise
 * real furniture is short or mostly links (menus, share bars, related lists, TOCs), and a long run
 * of prose is content whatever its class.
 */
function isRealContent(el: Element, h1Ancestors: Set<AnyNode>, rootLength: number): boolean {
  if (h1Ancestors.has(el)) return true;
  const total = textLength(el);
  if (total >= rootLength * 0.4 && total >= 300) return true;
  return total >= 500 && linkTextLength(el) < total * 0.25;
}

// Section labels of "more to read" lists, EN and zh-TW.
const RELATED_LABEL = new RegExp(
  [
    '^(?:related|similar|recommended|popular|recent|latest|more)\\s+(?:posts?|articles?|stories|news|reads?|content|resources|case studies|insights|blogs?)',
    '^you (?:may|might) also (?:like|enjoy|be interested)',
    '^(?:read|see) (?:more|next|also)\\b',
    '^more from\\b',
    '^(?:相關|延伸|推薦|熱門|最新|其他|更多)(?:文章|閱讀|新聞|消息|案例|內容|資訊)',
    '^(?:你|您)(?:可能|或許)(?:也)?(?:會)?(?:喜歡|感興趣|有興趣)',
    '^猜你喜歡',
  ].join('|'),
  'i',
);

/**
 * A container whose first label is a "related posts" heading and whose text is mostly links
 * (a list of other pages), not prose that happens to start with "Read more".
 */
function isRelatedList(el: Element): boolean {
  const label = firstLabel(el, 0);
  if (!label || !RELATED_LABEL.test(label)) return false;
  const total = textLength(el);
  return total > 0 && linkTextLength(el) >= (total - label.length) * 0.5;
}

/** Link texts that only say "open the item" (a card's button), EN and zh-TW. */
const READ_MORE = /^(?:read|learn|see|view|discover|find out|continue reading|keep reading|more|details)(?:\s+(?:more|the\s+)?(?:blog|post|article|story|case study|news|full story|here|details|more))?\s*(?:[»›>→…]|\.\.\.)?$|^(?:閱讀更多|繼續閱讀|了解更多|看更多|更多|詳細內容|詳情|閱讀全文|查看更多)\s*[»›>→]?$/i;

/** A teaser card holds at most this much text: a title, a date, a byline and an excerpt. */
const MAX_TEASER_CARD_TEXT = 600;

/** A post's or story's address: a dated path, or a path under a section of posts or stories. */
const ITEM_ADDRESS = /\/(?:19|20)\d{2}\/\d{1,2}\/|\/(?:blogs?|news|insights?|posts?|articles?|stories|case-?stud(?:y|ies)|success-?stor(?:y|ies)|customers?|events?|webinars?|部落格|新聞|文章|案例|活動)\/[^/?#]/i;
/** A date as cards show it: "06 June 2024", "Jun 6, 2024", "2024-06-06", "2024/6/6", "2024年6月6日". */
const CARD_DATE = /\b\d{1,2}\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?,?\s+\d{4}\b|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2},?\s+\d{4}\b|\b\d{4}[-/.]\d{1,2}[-/.]\d{1,2}\b|\d{4}\s*年\s*\d{1,2}\s*月/i;

/**
 * A teaser of another post or story (a related-post card, a "latest posts" tile): a short container
 * whose links lead to one other page at least twice (its title and its button or image), or that ends
 * in a "Read more" link, and that shows a date or links to a post's or story's address. Its excerpt is
 * the other item's text, not this page's: left out of the main text, so a post is judged on its own
 * body. Cards of the partner's offerings ("Retail analytics … Learn more" → /services/…) are the
 * page's own content and stay. A link to the page itself (a post's banner image linked to the post)
 * teases nothing, and a link to another site twice is a citation ("hosted by X … listen on X"): a
 * card's repeated link leads to another page of the same site.
 */
function isTeaserCard(el: Element, pageUrl: string): boolean {
  const total = textLength(el);
  if (total === 0 || total > MAX_TEASER_CARD_TEXT) return false;
  const links: { href: string; text: string; sameSite: boolean }[] = [];
  const stack: AnyNode[] = [...el.children];
  while (stack.length) {
    const n = stack.shift()!;
    if (n.type !== 'tag') continue;
    const e = n as Element;
    if (e.name === 'a') {
      const href = (e.attribs['href'] ?? '').trim().replace(/#.*$/, '');
      if (!href || /^(?:javascript|mailto|tel):/i.test(href)) continue;
      const target = linkTarget(href, pageUrl);
      if (target !== 'self') links.push({ href, text: collapseWhitespace(innerText(e)), sameSite: target === 'same-site' });
      continue;
    }
    stack.push(...e.children);
  }
  if (links.length === 0) return false;
  const counts = new Map<string, number>();
  for (const l of links) if (l.sameSite) counts.set(l.href, (counts.get(l.href) ?? 0) + 1);
  const cardShape = [...counts.values()].some((c) => c >= 2) || READ_MORE.test(links[links.length - 1]!.text);
  return cardShape && (CARD_DATE.test(innerText(el)) || links.some((l) => ITEM_ADDRESS.test(l.href)));
}

/** Where a link (its fragment cut) leads: the page itself, another page of its host, or another site. */
function linkTarget(href: string, pageUrl: string): 'self' | 'same-site' | 'other-site' {
  try {
    const page = new URL(pageUrl);
    const target = new URL(href, page);
    if (target.host !== page.host) return 'other-site';
    const path = (u: URL) => u.pathname.replace(/\/(?:index\.html?)?$/i, '') + u.search;
    return path(target) === path(page) ? 'self' : 'same-site';
  } catch {
    return 'other-site';
  }
}

function firstLabel(el: Element, depth: number): string | null {
  for (const c of el.children) {
    if (c.type === 'text') {
      if ((c as unknown as { data: string }).data.trim()) return null;
      continue;
    }
    if (c.type !== 'tag') continue;
    const child = c as Element;
    if (/^h[1-6]$/.test(child.name) || child.name === 'strong' || child.name === 'b' || child.name === 'p' || child.name === 'span' || child.name === 'div') {
      const text = collapseWhitespace(innerText(child));
      if (text && text.length <= 60 && (/^h[1-6]$/.test(child.name) || child.name !== 'div')) return text;
      if (depth < 2 && child.name === 'div') return firstLabel(child, depth + 1);
    }
    return null;
  }
  return null;
}

function linkTextLength(node: AnyNode, depth = 0): number {
  if (node.type !== 'tag' || depth > MAX_DEPTH) return 0;
  const el = node as Element;
  if (el.name === 'a') return textLength(el);
  let n = 0;
  for (const c of el.children) n += linkTextLength(c, depth + 1);
  return n;
}

function innerText(node: AnyNode, depth = 0): string {
  if (node.type === 'text') return (node as unknown as { data: string }).data;
  if (node.type !== 'tag') return '';
  let s = '';
  if (depth > MAX_DEPTH) return '';
  for (const c of (node as Element).children) s += innerText(c, depth + 1);
  return s;
}

/** <form> is furniture, except the ASP.NET-style form that wraps a whole page. */
function isContentForm(el: Element): boolean {
  const stack: AnyNode[] = [...el.children];
  while (stack.length) {
    const n = stack.pop()!;
    if (n.type !== 'tag') continue;
    const e = n as Element;
    if (e.name === 'p' || e.name === 'article' || e.name === 'main' || /^h[1-3]$/.test(e.name)) return true;
    stack.push(...e.children);
  }
  return false;
}

// Single blocks that are furniture whatever markup holds them.
const BOILERPLATE_BLOCK = new RegExp(
  [
    '\\b(?:we|this (?:web)?site) uses? cookies\\b',
    '\\bby (?:continuing|clicking|using)\\b.{0,80}\\bcookies?\\b',
    '\\baccept (?:all )?cookies\\b',
    '(?:本|此)?(?:網站|網頁)(?:使用|採用)\\s*cookies?',
    '(?:同意|接受).{0,12}cookies?',
    '^share (?:this|on)\\b',
    '^(?:分享|分享至|分享到)[:：]?',
    '^(?:home|首頁)\\s*[>›»/]',
    '^skip to (?:main )?content$',
  ].join('|'),
  'i',
);

// ---------------------------------------------------------------------------------------------
// Block walk

const LEAF_BLOCKS = new Set(['p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'li', 'dt', 'dd', 'blockquote', 'pre', 'figcaption', 'caption', 'summary', 'address', 'td', 'th']);
const CONTAINER_BLOCKS = new Set([
  'div', 'section', 'article', 'main', 'header', 'ul', 'ol', 'dl', 'table', 'thead', 'tbody', 'tfoot', 'tr', 'figure',
  'details', 'fieldset', 'form', 'center', 'hgroup', 'body', 'html', 'hr', 'br',
]);

const BLOCK_CONTENT = new Set(['p', 'div', 'table', 'ul', 'ol', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'section', 'article', 'blockquote', 'dl']);

/**
 * A table row of data (cells of short text), read as one "a | b | c" block. Rows of a layout table
 * (old sites put whole pages in <td>s) hold paragraphs and headings and are read as containers.
 */
function isDataRow(tr: Element): boolean {
  const stack: { node: AnyNode; depth: number }[] = tr.children.map((node) => ({ node, depth: 0 }));
  while (stack.length) {
    const { node, depth } = stack.pop()!;
    if (node.type !== 'tag') continue;
    const el = node as Element;
    if (depth > 0 && BLOCK_CONTENT.has(el.name)) return false;
    if (depth < 6) for (const c of el.children) stack.push({ node: c, depth: depth + 1 });
  }
  return true;
}

/**
 * "<p><strong>客戶簡介</strong><br>全家福量販…": a WYSIWYG editor's bold lead-in alone on its line is the
 * label of the text under it (old CMS pages have no headings), so it is read as a block of its own.
 */
function isBoldLabelLine(br: Element): boolean {
  let label: Element | null = null;
  for (let n = br.prev; n; n = n.prev) {
    if (n.type === 'text') {
      if (collapseWhitespace((n as unknown as { data: string }).data)) return false;
      continue;
    }
    if (n.type !== 'tag' || label) return false;
    label = n as Element;
  }
  if (!label || (label.name !== 'strong' && label.name !== 'b')) return false;
  const text = collapseWhitespace(innerText(label));
  return text.length > 0 && text.length <= 40 && !/[.。!?！？]$/u.test(text);
}

/**
 * Main text read per page. A very long article is ~60,000 characters; a hostile 5 MB page of text
 * costs hundreds of MB to analyse whole, and its first quarter of a million characters say what it is.
 */
export const MAX_MAIN_TEXT = 250_000;

/** Main-content blocks under `root`, in document order, up to MAX_MAIN_TEXT characters (`textCut` past it). */
function readBlocks(root: AnyNode, h1: Element | null, pageUrl: string): { blocks: TextBlock[]; textCut: boolean } {
  const h1Ancestors = new Set<AnyNode>();
  for (let p = h1?.parent; p; p = p.parent) h1Ancestors.add(p);
  const rootLength = textLength(root);
  const blocks: TextBlock[] = [];
  let buffer = '';
  let bufferTag = 'div';
  let room = MAX_MAIN_TEXT;
  let textCut = false;
  const flush = () => {
    const text = collapseWhitespace(buffer);
    buffer = '';
    if (!text || !/[\p{L}\p{N}]/u.test(text)) return;
    if (text.length < 400 && BOILERPLATE_BLOCK.test(text)) return;
    if (text.length > room) textCut = true;
    if (room <= 0) return;
    const kept = text.length > room ? text.slice(0, room) : text;
    room -= kept.length;
    blocks.push({ text: kept, tag: bufferTag });
  };
  const walk = (node: AnyNode, tag: string, inArticle: boolean, depth: number) => {
    const children = (node as Element).children;
    if (!children || depth > MAX_DEPTH) return;
    for (const child of children) {
      if (child.type === 'text') {
        buffer += (child as unknown as { data: string }).data;
        continue;
      }
      if (child.type !== 'tag') continue;
      const el = child as Element;
      const name = el.name;
      if (SKIP_TAGS.has(name)) {
        // Inline widgets still separate words.
        buffer += ' ';
        continue;
      }
      // The site banner is furniture; an article's own <header> holds its title and byline.
      if ((name === 'header' || SITE_HEADER_NAME.test(`${el.attribs['id'] ?? ''} ${el.attribs['class'] ?? ''}`)) && !inArticle) continue;
      if (name === 'form' && !isContentForm(el)) continue;
      const furniture = furnitureLevel(el);
      if (furniture === 2 || (furniture === 1 && !isRealContent(el, h1Ancestors, rootLength))) continue;
      if (name === 'br') {
        if (isBoldLabelLine(el)) flush();
        else buffer += ' ';
        continue;
      }
      if (name === 'tr' && isDataRow(el)) {
        flush();
        const cells = el.children
          .filter((c): c is Element => c.type === 'tag' && (c as Element).name !== undefined)
          .map((c) => collapseWhitespace(innerText(c)))
          .filter(Boolean);
        buffer = cells.join(' | ');
        bufferTag = 'tr';
        flush();
        continue;
      }
      const leaf = LEAF_BLOCKS.has(name);
      const container = !leaf && CONTAINER_BLOCKS.has(name);
      if (!leaf && !container) {
        walk(el, tag, inArticle, depth + 1);
        continue;
      }
      if ((container || name === 'li') && el.children.length > 1 && isRelatedList(el)) continue;
      if ((container || name === 'li') && el !== rootEl && !h1Ancestors.has(el) && isTeaserCard(el, pageUrl)) continue;
      flush();
      // A leaf names its own text; a container inside a leaf (div in li) keeps the leaf's name.
      const innerTag = leaf ? name : LEAF_BLOCKS.has(tag) ? tag : 'div';
      bufferTag = innerTag;
      walk(el, innerTag, inArticle || name === 'article' || name === 'main', depth + 1);
      bufferTag = innerTag;
      flush();
      bufferTag = tag;
    }
  };
  const rootEl = root as Element;
  walk(rootEl, 'div', rootEl.name === 'article' || rootEl.name === 'main' || rootEl.attribs?.['role'] === 'main', 0);
  flush();
  return { blocks: dropSiblingRelatedRuns(blocks), textCut };
}

/**
 * A "related posts" heading directly followed by its list in the same container (no wrapper of its
 * own): drop the heading and the link-like blocks after it, up to the next heading of the same or a
 * higher level or the next real paragraph.
 */
function dropSiblingRelatedRuns(blocks: TextBlock[]): TextBlock[] {
  const out: TextBlock[] = [];
  let skipLevel = 0;
  for (const b of blocks) {
    const level = /^h[1-6]$/.test(b.tag) ? Number(b.tag[1]) : 0;
    if (skipLevel) {
      // Items and short titles belong to the list; a heading of its rank or real prose ends it.
      const listLike = !level && (b.tag === 'li' || b.tag === 'tr' || b.tag === 'td' || b.text.length <= 120);
      if (listLike || (level && level > skipLevel)) continue;
      skipLevel = 0;
    }
    if (level >= 2 && b.text.length <= 60 && RELATED_LABEL.test(b.text)) {
      skipLevel = level;
      continue;
    }
    out.push(b);
  }
  return out;
}
