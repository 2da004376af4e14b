// One streaming pass over a page's HTML (htmlparser2, no DOM): links with anchor text and region (an
// <a href>, an image map's <area>, or an element whose whole onclick handler only changes location),
// <base href>, rel=canonical, meta refresh, a script that only sends the visitor elsewhere, and the
// signals that tell a script shell from a page.
import { createHash } from 'node:crypto';
import { Parser } from 'htmlparser2';
import type { LinkRegion } from './types.ts';

export interface RawLink {
  /** As written (not yet resolved). */
  href: string;
  text: string;
  region: LinkRegion;
}

export interface HtmlScan {
  baseHref: string | null;
  canonical: string | null;
  links: RawLink[];
  /** Hrefs (as written) of the feeds the page names: <link rel="alternate" type="application/rss+xml|atom+xml">, at most MAX_FEEDS_PER_PAGE. */
  feeds: string[];
  /** Visible body text length (outside script/style/noscript/template), whitespace-collapsed. */
  textLength: number;
  scriptCount: number;
  /** An app mount point (#root, #app, #__next, #__nuxt, <app-root> …) with no text inside. */
  emptyAppRoot: string | null;
  /** <noscript> text asking for JavaScript. */
  noscriptAsksForJs: boolean;
  /** The first <meta http-equiv="refresh"> with a URL outside <noscript>: its delay and address (as written). */
  refresh: { delaySeconds: number; href: string } | null;
  /** The address (as written) of the first inline script whose whole code is `location = "…"` or `location.replace("…")`. */
  scriptRedirect: string | null;
  /** The <title>'s text, whitespace-collapsed (null without one). */
  title: string | null;
  /**
   * The page's own text: visible text outside navigation, header, footer and sidebars, whitespace-
   * collapsed. Its length, and a hash that pages with the same own text share (links may differ).
   */
  mainText: { length: number; hash: string };
}

/** Longest inline script looked at for a bare location change (a redirect script is one statement). */
const MAX_REDIRECT_SCRIPT = 600;
/** `location = "…"`, `window.location.href = '…'`, `location.replace("…")`, `top.location.assign('…')`: the whole script. */
const LOCATION_SCRIPT = /^(?:(?:window|document|self|top)\.)?location(?:\.href\s*=\s*|\s*=\s*|\.(?:replace|assign)\(\s*)(["'])([^"'\s]+)\1\s*\)?\s*;?$/;

/** Feeds kept from one page (a blog names one or two: its posts', its comments'; a hostile page thousands). */
const MAX_FEEDS_PER_PAGE = 4;
const FEED_TYPE = /^\s*application\/(?:rss|atom)\+xml\s*(?:;|$)/i;

const REGION_TAGS: Record<string, LinkRegion> = { nav: 'nav', header: 'header', footer: 'footer', aside: 'aside', main: 'main' };
const REGION_ROLES: Record<string, LinkRegion> = { navigation: 'nav', banner: 'header', contentinfo: 'footer', complementary: 'aside', main: 'main' };
/** class/id words that mark a region on sites built from <div>s. */
const REGION_WORDS: [RegExp, LinkRegion][] = [
  [/(^|[\s_-])(site-?)?(nav|navbar|navigation|menu|megamenu)([\s_-]|$)/i, 'nav'],
  [/(^|[\s_-])(site-?)?(footer|foot)([\s_-]|$)/i, 'footer'],
  [/(^|[\s_-])(site-?)?(header|masthead|topbar)([\s_-]|$)/i, 'header'],
  [/(^|[\s_-])(sidebar|aside)([\s_-]|$)/i, 'aside'],
];
const APP_ROOT_IDS = /^(root|app|__next|__nuxt|___gatsby|svelte|main-app|application|ember-app)$/i;
const APP_ROOT_TAGS = new Set(['app-root', 'my-app']);
const HIDDEN_TEXT = new Set(['script', 'style', 'noscript', 'template', 'svg', 'title', 'head']);
const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr']);
/** Elements a browser lays out on lines of their own: inside a link their texts are words apart ("<h3>Title</h3><p>Summary</p>"). */
const TEXT_BREAKS = new Set(['address', 'article', 'blockquote', 'br', 'dd', 'div', 'dt', 'figcaption', 'footer', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'li', 'p', 'section', 'td', 'th', 'tr']);

/**
 * Sectioning content (HTML: article, aside, main, nav, section; the same ARIA roles; and the post or
 * card containers of <div>-built themes). A header or footer inside one is that section's header or
 * footer, not the page's (HTML spec; ARIA maps it to no banner/contentinfo landmark).
 */
const SECTIONING_TAGS = new Set(['article', 'aside', 'main', 'nav', 'section']);
const SECTIONING_ROLES = new Set(['article', 'complementary', 'main', 'navigation', 'region']);
const SECTIONING_WORDS = /(^|[\s_-])(h?entry|post|article|card|hentry)([\s_-]|$)/i;
/** class/id words of the page's own header and footer (WordPress #masthead, #colophon, .site-header). */
const SITE_LEVEL_WORDS = /(^|[\s_-])(site-?header|site-?footer|global-?header|global-?footer|masthead|colophon)([\s_-]|$)/i;

/**
 * An element's id and class, the words its region and sectioning are read from; '' when it has
 * neither (most elements), so no expression is tried on them.
 */
const idAndClass = (attribs: Record<string, string>) =>
  attribs.id === undefined && attribs.class === undefined ? '' : `${attribs.id ?? ''} ${attribs.class ?? ''}`;

/** class/id words naming a post or card (<body class="single-post"> is the page itself, not a container). */
const hasSectioningWord = (name: string, words: string) =>
  words !== '' && name !== 'body' && name !== 'html' && SECTIONING_WORDS.test(words);

function isSectioning(name: string, attribs: Record<string, string>, words: string): boolean {
  return SECTIONING_TAGS.has(name) || SECTIONING_ROLES.has(attribs.role?.toLowerCase() ?? '') || hasSectioningWord(name, words);
}

/**
 * The region an element starts, or null when it starts none. `inSection`: the element sits inside
 * sectioning content, where a header or footer (by tag or class word, e.g. WordPress's
 * <header class="entry-header">) belongs to the section and its links keep the section's region.
 * An explicit role=banner / contentinfo is the page's, wherever it is.
 */
function regionOf(name: string, attribs: Record<string, string>, words: string, inSection: boolean): LinkRegion | null {
  const byRole = attribs.role ? REGION_ROLES[attribs.role.toLowerCase()] : undefined;
  if (byRole) return byRole;
  const region = REGION_TAGS[name] ?? (words.trim() ? REGION_WORDS.find(([re]) => re.test(words))?.[1] : undefined) ?? null;
  if (region !== 'header' && region !== 'footer') return region;
  // Page builders wrap everything in <section>s: a header or footer that says it is the site's stays it.
  if (words !== '' && SITE_LEVEL_WORDS.test(words)) return region;
  // "entry-header", "post-footer", "card-footer" name the section they head even without a container.
  return inSection || hasSectioningWord(name, words) ? null : region;
}

interface Frame {
  name: string;
  /** The region the element's content is in: its own, or the nearest enclosing element's ('main' when none). */
  within: LinkRegion;
  /** This element is, or sits inside, sectioning content. */
  inSection: boolean;
  hidden: boolean;
  /** "#root" / "<app-root>" when this element is an app mount point. */
  appRoot: string | null;
  textAtOpen: number;
}

/**
 * Elements nested deeper than this end the read: htmlparser2 keeps its open elements in an array it
 * unshifts, so each tag costs the depth it sits at (200,000 nested elements took ~30 s of CPU, on the
 * crawl's thread). Browsers stop nesting at 512; real pages stay below 100.
 */
export const MAX_NESTING = 1024;

/** Runs of white space as one space, trimmed. */
const collapse = (s: string) => s.replace(/\s+/g, ' ').trim();

/**
 * `collapse` as a string of its own, for what the crawl keeps (link texts, the title). Text nodes are
 * slices of the page's HTML, and a text with nothing to collapse ("Sustainability") came back as that
 * very slice, which keeps the whole page alive. V8 copies what it slices under 13 characters; a longer
 * text is copied by flattening a concatenation (test/html-scan.test.ts measures what stays).
 */
const collapseCopy = (s: string) => {
  const collapsed = collapse(s);
  return collapsed.length < 13 ? collapsed : (' ' + collapsed).slice(1);
};

/** Anything `collapse` changes: white space other than a lone inner space. */
const NOT_COLLAPSED = /[^\S ]| {2}|^ | $/;
const ONLY_SPACE = /^\s*$/;
/**
 * `collapse` for text that is only measured and hashed. Most text nodes are white space between
 * tags or already single-spaced: tested first, they cost no new string. Never for text the crawl
 * keeps: the text node is a slice of the page's HTML, and a kept slice keeps the whole page (link
 * texts kept this way raised a 2,000-page audit's peak RSS by ~60 MB).
 */
const collapsedForCount = (s: string) => (NOT_COLLAPSED.test(s) ? (ONLY_SPACE.test(s) ? '' : collapse(s)) : s);

export function scanHtml(html: string): HtmlScan {
  const out: HtmlScan = { baseHref: null, canonical: null, links: [], feeds: [], textLength: 0, scriptCount: 0, emptyAppRoot: null, noscriptAsksForJs: false, refresh: null, scriptRedirect: null, title: null, mainText: { length: 0, hash: '' } };
  // The main text's pieces, hashed once at the end (one call to the hash instead of two per text node).
  const mainPieces: string[] = [];
  let title: string | null = null;
  const stack: Frame[] = [];
  let hiddenDepth = 0;
  let inNoscript = 0;
  let noscriptText = '';
  let inBody = false;
  /** The code of the inline script being read, while it is short enough to be a bare redirect. */
  let script: string | null = null;
  // The anchor being read: its text and the img alt / aria-label fallbacks.
  let anchor: { href: string; text: string; fallback: string; region: LinkRegion; depth: number } | null = null;

  const flushAnchor = () => {
    if (!anchor) return;
    out.links.push({ href: anchor.href, text: collapseCopy(anchor.text) || collapseCopy(anchor.fallback), region: anchor.region });
    anchor = null;
  };

  const currentRegion = (): LinkRegion => stack[stack.length - 1]?.within ?? 'main';

  const parser = new Parser(
    {
      onopentag(name, attribs) {
        if (name === 'body') inBody = true;
        // Browsers close an open <a> at a new <a> or list item; htmlparser2's stack does not.
        if (anchor && (name === 'a' || name === 'li')) flushAnchor();
        if (anchor && TEXT_BREAKS.has(name)) anchor.text += ' ';
        if (name === 'base' && attribs.href !== undefined && out.baseHref === null) out.baseHref = attribs.href;
        if (name === 'link' && attribs.href && /(^|\s)canonical(\s|$)/i.test(attribs.rel ?? '') && out.canonical === null) out.canonical = attribs.href;
        if (name === 'link' && attribs.href && /(^|\s)alternate(\s|$)/i.test(attribs.rel ?? '') && FEED_TYPE.test(attribs.type ?? '') && out.feeds.length < MAX_FEEDS_PER_PAGE) out.feeds.push(attribs.href);
        if (name === 'meta' && /^refresh$/i.test(attribs['http-equiv'] ?? '')) {
          const m = /^\s*(\d*(?:\.\d*)?)\s*[;,]?\s*url\s*=\s*['"]?([^'"]+)/i.exec(attribs.content ?? '');
          if (m) {
            out.links.push({ href: m[2].trim(), text: '', region: 'main' });
            // A refresh in <noscript> is a fallback for browsers without scripts, not where the page sends everyone.
            if (!inNoscript && out.refresh === null) out.refresh = { delaySeconds: Number(m[1]) || 0, href: m[2].trim() };
          }
        }
        if (name === 'title' && title === null && !inBody) title = '';
        if (name === 'script') {
          out.scriptCount++;
          script = attribs.src === undefined ? '' : null;
        }
        if (name === 'area' && attribs.href !== undefined) {
          out.links.push({ href: attribs.href, text: collapseCopy(attribs.alt ?? attribs['aria-label'] ?? attribs.title ?? ''), region: currentRegion() });
        }
        if (name === 'img' && anchor && attribs.alt) anchor.fallback ||= attribs.alt;
        if (VOID.has(name)) return;
        const parentInSection = stack.length > 0 && stack[stack.length - 1].inSection;
        const words = idAndClass(attribs);
        const region = regionOf(name, attribs, words, parentInSection);
        const frame: Frame = {
          name,
          within: region ?? currentRegion(),
          inSection: parentInSection || isSectioning(name, attribs, words),
          hidden: HIDDEN_TEXT.has(name),
          appRoot: APP_ROOT_TAGS.has(name) ? `<${name}>` : attribs.id && APP_ROOT_IDS.test(attribs.id) ? `#${attribs.id}` : null,
          textAtOpen: out.textLength,
        };
        stack.push(frame);
        // Past this depth every tag costs htmlparser2 the depth (it unshifts its stack): stop reading.
        if (stack.length > MAX_NESTING) parser.pause();
        if (frame.hidden) hiddenDepth++;
        if (name === 'noscript') inNoscript++;
        if (name === 'a' && attribs.href !== undefined && !anchor) {
          anchor = { href: attribs.href, text: '', fallback: attribs['aria-label'] ?? attribs.title ?? '', region: currentRegion(), depth: stack.length };
        } else if (attribs.onclick !== undefined && !anchor) {
          // A card, row or button whose whole click handler sends the visitor to one address is a link
          // to a visitor: some blogs open their posts only from such cards, with no <a href> at all.
          const target = LOCATION_SCRIPT.exec(attribs.onclick.trim())?.[2];
          if (target) anchor = { href: target, text: '', fallback: attribs['aria-label'] ?? attribs.title ?? '', region: currentRegion(), depth: stack.length };
        }
      },
      ontext(text) {
        if (script !== null) script = script.length + text.length > MAX_REDIRECT_SCRIPT ? null : script + text;
        if (inNoscript) noscriptText += text;
        if (title !== null && !inBody && stack[stack.length - 1]?.name === 'title') title += text;
        if (hiddenDepth) return;
        if (anchor) anchor.text += text;
        if (!inBody) return;
        const words = collapsedForCount(text);
        out.textLength += words.length;
        if (words && currentRegion() === 'main') {
          mainPieces.push(words);
          out.mainText.length += words.length;
        }
      },
      onclosetag(name) {
        if (VOID.has(name)) return;
        // htmlparser2 reports implied closes too, so the stack stays balanced.
        const frame = stack.pop();
        if (!frame) return;
        if (frame.hidden) hiddenDepth--;
        if (frame.name === 'noscript') inNoscript--;
        if (frame.name === 'script') {
          const target = script === null ? null : LOCATION_SCRIPT.exec(script.trim())?.[2];
          if (target && out.scriptRedirect === null) out.scriptRedirect = target;
          script = null;
        }
        if (frame.appRoot && out.emptyAppRoot === null && out.textLength - frame.textAtOpen < 20) {
          out.emptyAppRoot = frame.appRoot;
        }
        if (anchor && stack.length < anchor.depth) flushAnchor();
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  parser.write(html);
  if (stack.length <= MAX_NESTING) parser.end();
  flushAnchor();
  out.title = title === null ? null : collapseCopy(title) || null;
  mainPieces.push('');
  out.mainText.hash = createHash('sha1').update(mainPieces.join(' ')).digest('base64');
  out.noscriptAsksForJs = /javascript|\bJS\b|啟用|启用|有効/i.test(noscriptText);
  return out;
}
