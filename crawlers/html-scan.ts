// One streaming pass over a page's HTML (htmlparser2, no DOM): links with anchor text and region,
// <base href>, rel=canonical, meta refresh, and the signals that tell a script shell from a page.
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
  /** Visible body text length (outside script/style/noscript/template), whitespace-collapsed. */
  textLength: number;
  scriptCount: number;
  /** An app mount point (#root, #app, #__next, #__nuxt, <app-root> …) with no text inside. */
  emptyAppRoot: string | null;
  /** <noscript> text asking for JavaScript. */
  noscriptAsksForJs: boolean;
}

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

function regionOf(name: string, attribs: Record<string, string>): LinkRegion | null {
  const byRole = attribs.role ? REGION_ROLES[attribs.role.toLowerCase()] : undefined;
  if (byRole) return byRole;
  if (REGION_TAGS[name]) return REGION_TAGS[name];
  const words = `${attribs.id ?? ''} ${attribs.class ?? ''}`;
  if (words.trim()) for (const [re, region] of REGION_WORDS) if (re.test(words)) return region;
  return null;
}

interface Frame {
  name: string;
  region: LinkRegion | null;
  hidden: boolean;
  /** "#root" / "<app-root>" when this element is an app mount point. */
  appRoot: string | null;
  textAtOpen: number;
}

const collapse = (s: string) => s.replace(/\s+/g, ' ').trim();

export function scanHtml(html: string): HtmlScan {
  const out: HtmlScan = { baseHref: null, canonical: null, links: [], textLength: 0, scriptCount: 0, emptyAppRoot: null, noscriptAsksForJs: false };
  const stack: Frame[] = [];
  let hiddenDepth = 0;
  let inNoscript = 0;
  let noscriptText = '';
  let inBody = false;
  // The anchor being read: its text and the img alt / aria-label fallbacks.
  let anchor: { href: string; text: string; fallback: string; region: LinkRegion; depth: number } | null = null;

  const flushAnchor = () => {
    if (!anchor) return;
    out.links.push({ href: anchor.href, text: collapse(anchor.text) || collapse(anchor.fallback), region: anchor.region });
    anchor = null;
  };

  const currentRegion = (): LinkRegion => {
    for (let i = stack.length - 1; i >= 0; i--) if (stack[i].region) return stack[i].region!;
    return 'main';
  };

  const parser = new Parser(
    {
      onopentag(name, attribs) {
        if (name === 'body') inBody = true;
        // Browsers close an open <a> at a new <a> or list item; htmlparser2's stack does not.
        if (anchor && (name === 'a' || name === 'li')) flushAnchor();
        if (name === 'base' && attribs.href !== undefined && out.baseHref === null) out.baseHref = attribs.href;
        if (name === 'link' && attribs.href && /(^|\s)canonical(\s|$)/i.test(attribs.rel ?? '') && out.canonical === null) out.canonical = attribs.href;
        if (name === 'meta' && /^refresh$/i.test(attribs['http-equiv'] ?? '')) {
          const m = /url\s*=\s*['"]?([^'"]+)/i.exec(attribs.content ?? '');
          if (m) out.links.push({ href: m[1].trim(), text: '', region: 'main' });
        }
        if (name === 'script') out.scriptCount++;
        if (name === 'area' && attribs.href !== undefined) {
          out.links.push({ href: attribs.href, text: collapse(attribs.alt ?? attribs['aria-label'] ?? attribs.title ?? ''), region: currentRegion() });
        }
        if (name === 'img' && anchor && attribs.alt) anchor.fallback ||= attribs.alt;
        if (VOID.has(name)) return;
        const frame: Frame = {
          name,
          region: regionOf(name, attribs),
          hidden: HIDDEN_TEXT.has(name),
          appRoot: APP_ROOT_TAGS.has(name) ? `<${name}>` : attribs.id && APP_ROOT_IDS.test(attribs.id) ? `#${attribs.id}` : null,
          textAtOpen: out.textLength,
        };
        stack.push(frame);
        if (frame.hidden) hiddenDepth++;
        if (name === 'noscript') inNoscript++;
        if (name === 'a' && attribs.href !== undefined && !anchor) {
          anchor = { href: attribs.href, text: '', fallback: attribs['aria-label'] ?? attribs.title ?? '', region: currentRegion(), depth: stack.length };
        }
      },
      ontext(text) {
        if (inNoscript) noscriptText += text;
        if (hiddenDepth) return;
        if (anchor) anchor.text += text;
        if (inBody) out.textLength += collapse(text).length;
      },
      onclosetag(name) {
        if (VOID.has(name)) return;
        // htmlparser2 reports implied closes too, so the stack stays balanced.
        const frame = stack.pop();
        if (!frame) return;
        if (frame.hidden) hiddenDepth--;
        if (frame.name === 'noscript') inNoscript--;
        if (frame.appRoot && out.emptyAppRoot === null && out.textLength - frame.textAtOpen < 20) {
          out.emptyAppRoot = frame.appRoot;
        }
        if (anchor && stack.length < anchor.depth) flushAnchor();
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  parser.write(html);
  parser.end();
  flushAnchor();
  out.noscriptAsksForJs = /javascript|\bJS\b|啟用|启用|有効/i.test(noscriptText);
  return out;
}
