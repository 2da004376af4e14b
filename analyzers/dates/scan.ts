// One read-only walk over the parsed document that collects everything the date rules look at:
// meta tags, JSON-LD scripts, <time>/<abbr> elements, microdata, elements whose class or id says
// "date"/"byline", and the visible text with the region each piece sits in. Comments are never
// visited (they are not elements), and boilerplate regions (footers, sidebars, related-post lists,
// comment threads, the Wayback toolbar) are flagged so rules can skip them.

import type { AnyNode, DataNode, Element } from 'domhandler';
import { isJsonLdType } from '../json-ld.ts';
import { singleSpaced } from '../text.ts';

export interface MetaTag {
  key: string;
  content: string;
}

export interface DatedElement {
  /** Machine value (datetime, content, title attribute) if any. */
  value: string | null;
  text: string;
  /** class + id + itemprop, lower-cased. */
  marker: string;
  /** Offset of the element's start in `Scan.text`. */
  offset: number;
  boilerplate: boolean;
  pubdate: boolean;
}

export interface TextRange {
  start: number;
  end: number;
  /** class, id and itemprop of the element, lower-cased. */
  marker: string;
}

export interface Scan {
  lang: string | null;
  /** <link rel="canonical"> href, which may carry a dated path the fetched URL lacks. */
  canonical: string | null;
  metas: MetaTag[];
  jsonLd: string[];
  /** <time>, <abbr class=published|updated>, and non-meta elements with itemprop=date*. */
  timed: DatedElement[];
  /** Visible text outside boilerplate, pieces joined by newlines (block) or spaces (inline). */
  text: string;
  /** Offset in `text` where the title heading (see findMainHeading; else the first <h2>) starts; -1 when none. */
  titleOffset: number;
  /** Offset in `text` where that heading ends. */
  titleEnd: number;
  /** "key": "date" pairs found in inline (non-JSON-LD) scripts: app state that carries the post's dates. */
  scriptDates: { key: string; value: string }[];
  /** Ranges of `text` inside elements whose class/id marks a date, byline or post meta line. */
  dateish: TextRange[];
}

const SKIP_TAGS = new Set(['script', 'style', 'noscript', 'template', 'svg', 'select', 'option', 'iframe', 'button', 'textarea', 'title']);
const BLOCK_TAGS = new Set([
  'p', 'div', 'section', 'article', 'header', 'footer', 'aside', 'nav', 'main', 'li', 'ul', 'ol', 'dl', 'dt', 'dd',
  'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'tr', 'td', 'th', 'table', 'br', 'figure', 'figcaption', 'blockquote', 'form',
  'address', 'hr', 'pre',
]);
// Captions date the photo, not the page. An <aside> inside an article is its info box (author, date),
// unless its class says sidebar or related.
const BOILERPLATE_TAGS = new Set(['aside', 'nav', 'figcaption']);
const SCRIPT_DATE =
  /"(datePublished|publishedDate|published_at|publishDate|publish_date|pubDate|publicationDate|firstPublishedAt|createdAt|created_at|dateCreated|uploadDate|dateModified|updatedAt|updated_at)"\s*:\s*"([^"]{8,40})"/g;
// Containers whose class/id marks text that is not the page's own content, tested per class token:
// the keyword starts or ends the token ("comments-area", "fb-comments") or names a list of things
// ("rp4wp-related-posts"); a token that merely mentions it ("wpcom-comments-date") does not count.
const BOILERPLATE_WORDS =
  'comments?|comment-list|kommentare?|commentaires?|disqus|sidebar|side-bar|seitenleiste|related|verwandte|recommend\\w*|empfehlung\\w*|popular|trending|most-read|meistgelesen|also-read|read-more|more-stories|more-articles|newsletter|cookie\\w*|consent|breadcrumbs?|teaser-list|archive-list|wm-ipp(?:-base)?|masthead|site-header|top-bar|topbar|caption|wp-caption-text|bildunterschrift';
const BOILERPLATE_TOKEN = new RegExp(
  `^(?:${BOILERPLATE_WORDS})(?:$|[_-])|[_-](?:${BOILERPLATE_WORDS})$|(?:^|[_-])(?:${BOILERPLATE_WORDS})[_-](?:posts|list|area|articles|items|section|box|wrapper|container|block|links|stories|news|widget)$`,
);
// Taxonomy classes (WordPress "category-kommentar", "tag-related") name the post's topics, not regions.
const TAXONOMY_TOKEN = /^(?:category|tag|post_tag|topic|ressort|section|format|type|status|postid|post)-/;
// A container that says it holds the content is not boilerplate even if it also says "sidebar" (layout).
const CONTENT_TOKEN = /^(?:site-content|content-area|content|main|main-content|article|article-content|article-body|post-content|entry-content|story|story-body)$/;

// Cheap screen before tokenizing (the same words, optional suffixes dropped): most class names contain none.
const BOILERPLATE_SCREEN = new RegExp(BOILERPLATE_WORDS.replace(/\\w\*|\(\?:-base\)\?|s\?/g, ''));

// Hostile or broken markup can nest thousands of levels; real content never sits that deep, and
// recursion past this would overflow the stack.
const MAX_DEPTH = 400;

function isBoilerplateMarker(attribs: Record<string, string>): boolean {
  if (!BOILERPLATE_SCREEN.test(`${attribs.class ?? ''} ${attribs.id ?? ''}`.toLowerCase())) return false;
  const tokens = `${attribs.class ?? ''} ${attribs.id ?? ''}`.toLowerCase().split(/\s+/).filter((t) => t && !TAXONOMY_TOKEN.test(t));
  return tokens.some((t) => BOILERPLATE_TOKEN.test(t)) && !tokens.some((t) => CONTENT_TOKEN.test(t));
}

// Footers hold a post's own date when they sit inside the article; the page footer is boilerplate.
const FOOTER_TOKEN = /^(?:footer|site-footer|page-footer|global-footer|main-footer|footer[_-].*)$/;
const CONTAINER_TAGS = new Set(['div', 'section', 'ul', 'ol', 'aside', 'footer', 'nav', 'header', 'table', 'dl', 'article']);
// Elements whose class/id marks a date, a byline or a post's meta line (a dateline).
const DATEISH_MARKER =
  /date|datum|time|zeit|publi|posted|byline|dateline|submitted|created|erstellt|meta|fecha|data-|entry-info|post-info|article-info|subline|author|autor|stand|calendar|clock|veroeff|published|updated/;

function markerOf(el: Element): string {
  const a = el.attribs;
  // Most elements have none of the three: no string to build.
  if (a.class === undefined && a.id === undefined && a.itemprop === undefined) return '';
  return `${a.class ?? ''} ${a.id ?? ''} ${a.itemprop ?? ''}`.toLowerCase().trim();
}

/** Not white space alone: what `text.trim() !== ''` says, without the trimmed copy. */
const HAS_NON_SPACE = /\S/;

/** An <h1> that holds the site's name or logo (a logo-like class, a link to the home page), or is hidden. */
function isLogoHeading(el: Element): boolean {
  if (/logo|site-title|site-name|brand|masthead|sr-only|visually-hidden|screen-reader|aural|hidden|invisible/.test(markerOf(el))) return true;
  const links = el.children.filter((c): c is Element => c.type === 'tag' && c.name === 'a');
  return links.some((a) => /^(?:\/|\.\/|index\.\w+|https?:\/\/[^/]+\/?)$/.test((a.attribs.href ?? '').trim()));
}

/** The page's title heading: the first <h1> that is not the site's logo, else the first <h1>. */
function findMainHeading(root: AnyNode): Element | null {
  let first: Element | null = null;
  let main: Element | null = null;
  const walk = (node: AnyNode, depth: number): void => {
    if (!('children' in node) || depth > MAX_DEPTH) return;
    for (const c of node.children) {
      if (main) return;
      if (c.type !== 'tag') continue;
      const el = c as Element;
      if (el.name === 'h1') {
        first ??= el;
        if (!isLogoHeading(el)) main = el;
      } else if (!SKIP_TAGS.has(el.name)) walk(el, depth + 1);
    }
  };
  walk(root, 0);
  return main ?? first;
}

export function scanDocument(root: AnyNode): Scan {
  const scan: Scan = { lang: null, canonical: null, metas: [], jsonLd: [], timed: [], text: '', titleOffset: -1, titleEnd: -1, dateish: [], scriptDates: [] };
  const parts: string[] = [];
  let length = 0;
  // The first <h2> with text, for pages whose title is not an <h1>.
  let h2 = { start: -1, end: -1 };
  let lastWasBreak = true;

  // The title's ancestors are content, whatever their classes say ("header-with-topbar").
  const mainHeading = findMainHeading(root);
  const titlePath = new Set<AnyNode>();
  for (let n: AnyNode | null = mainHeading; n; n = n.parent) titlePath.add(n);

  const push = (s: string): void => {
    parts.push(s);
    length += s.length;
  };
  const space = (): void => {
    if (!lastWasBreak && !parts[parts.length - 1]!.endsWith(' ')) push(' ');
  };
  const breakLine = (): void => {
    if (!lastWasBreak) {
      push('\n');
      lastWasBreak = true;
    }
  };

  const visit = (node: AnyNode, boilerplate: boolean, inArticle: boolean, depth: number): void => {
    if (depth > MAX_DEPTH) return;
    if (node.type === 'text') {
      if (boilerplate) return;
      const t = singleSpaced((node as DataNode).data);
      if (HAS_NON_SPACE.test(t)) {
        push(lastWasBreak ? t.trimStart() : t);
        lastWasBreak = false;
      }
      return;
    }
    if (node.type !== 'tag' && node.type !== 'script' && node.type !== 'root') {
      // Comments and directives hold no children and are never read; CDATA sections are.
      if (node.type !== 'style' && 'children' in node) for (const c of node.children) visit(c, boilerplate, inArticle, depth + 1);
      return;
    }
    if (node.type === 'root') {
      for (const c of node.children) visit(c, boilerplate, inArticle, depth + 1);
      return;
    }
    const el = node as Element;
    const name = el.name.toLowerCase();
    const attribs = el.attribs;

    if (name === 'html' && attribs.lang) scan.lang = attribs.lang.trim();
    if (name === 'link' && /(?:^|\s)canonical(?:\s|$)/i.test(attribs.rel ?? '') && attribs.href) {
      scan.canonical ??= attribs.href.trim();
      return;
    }
    if (name === 'meta') {
      const key = attribs.property ?? attribs.name ?? attribs.itemprop ?? attribs['http-equiv'];
      const content = attribs.content ?? attribs.value;
      if (key && content) scan.metas.push({ key: key.toLowerCase().trim(), content: content.trim() });
      if (!scan.lang && attribs['http-equiv']?.toLowerCase() === 'content-language' && content) scan.lang = content;
      return;
    }
    if (name === 'script') {
      const type = attribs.type ?? '';
      const body = el.children.map((c) => ('data' in c ? (c as DataNode).data : '')).join('');
      if (isJsonLdType(type)) {
        if (body.trim()) scan.jsonLd.push(body);
      } else if (scan.scriptDates.length < 20 && body.includes('"')) {
        for (const m of body.matchAll(SCRIPT_DATE)) scan.scriptDates.push({ key: m[1]!, value: m[2]! });
      }
      return;
    }
    if (SKIP_TAGS.has(name)) return;

    const marker = markerOf(el);
    const article =
      inArticle || name === 'article' || name === 'main' || (attribs.itemtype !== undefined && /article|posting/i.test(attribs.itemtype));
    const isFooter =
      name === 'footer' ||
      (CONTAINER_TAGS.has(name) && marker.includes('footer') && marker.split(/\s+/).some((t) => FOOTER_TOKEN.test(t)));
    // The title's path is asked last: most elements are no boilerplate by any of the other tests.
    const inBoilerplate =
      (boilerplate ||
        (BOILERPLATE_TAGS.has(name) && !(name === 'aside' && inArticle)) ||
        attribs.role === 'complementary' ||
        attribs.role === 'contentinfo' ||
        (isFooter && !inArticle) ||
        (CONTAINER_TAGS.has(name) && name !== 'article' && marker !== '' && isBoilerplateMarker(attribs))) &&
      !titlePath.has(el);

    const isBlock = BLOCK_TAGS.has(name);
    // A <time> is a word of its own: WordPress writes the published and the updated <time> side by side
    // (the second hidden by CSS), and glued together their texts read as no date at all.
    const isWord = name === 'time';
    if (isBlock) breakLine();
    else if (isWord) space();
    const start = length;
    const startPart = parts.length;

    if (el === mainHeading) scan.titleOffset = start;

    const itemprop = (attribs.itemprop ?? '').toLowerCase();
    const isTime = name === 'time';
    const isMicroDate = itemprop.startsWith('date') || itemprop === 'uploaddate' || itemprop === 'startdate';
    // hAtom microformats: <abbr class="published" title="2013-04-04T18:52:11+00:00">, also on spans.
    const isAbbrDate = !!attribs.title && /(?:^|\s)(?:published|updated|dtstart|date)(?:\s|$)/.test(marker) && /\d{4}/.test(attribs.title);
    if (isTime || isMicroDate || isAbbrDate) {
      scan.timed.push({
        value: attribs.datetime ?? attribs.content ?? (isAbbrDate ? attribs.title! : null) ?? null,
        text: '',
        marker: `${name} ${marker}`,
        offset: start,
        boilerplate: inBoilerplate,
        pubdate: 'pubdate' in attribs,
      });
    }
    const timedIndex = isTime || isMicroDate || isAbbrDate ? scan.timed.length - 1 : -1;

    for (const c of el.children) visit(c, inBoilerplate, article, depth + 1);

    if (el === mainHeading) scan.titleEnd = length;
    if (name === 'h2' && h2.start < 0 && !inBoilerplate && parts.slice(startPart).join('').trim()) h2 = { start, end: length };
    if (timedIndex >= 0) scan.timed[timedIndex]!.text = parts.slice(startPart).join('').trim().slice(0, 200);
    if (!inBoilerplate && marker !== '' && length > start && length - start < 400 && DATEISH_MARKER.test(marker)) {
      scan.dateish.push({ start, end: length, marker });
    }
    if (isBlock) breakLine();
    else if (isWord) space();
  };

  visit(root, false, false, 0);
  scan.text = parts.join('');
  if (scan.titleOffset < 0) {
    scan.titleOffset = h2.start;
    scan.titleEnd = h2.end;
  }
  return scan;
}
