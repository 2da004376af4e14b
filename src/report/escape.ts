// Escaping for everything a report shows. Reports display text crawled from sites we do not control
// (titles, excerpts, URLs, customer names), so every such string passes through one of these helpers
// before it reaches HTML or Markdown. Only http(s) URLs ever become links: javascript:, data: and the
// like are shown as plain text.

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
  '`': '&#96;',
};

/**
 * Escapes text for HTML element content and quoted attribute values alike. Control characters other
 * than tab/newline are dropped: they have no business in a report and some confuse parsers.
 */
export function escapeHtml(text: string | null | undefined): string {
  if (text === null || text === undefined) return '';
  return String(text)
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '')
    .replace(/[&<>"'`]/g, (ch) => HTML_ESCAPES[ch]!);
}

/**
 * C0 and C1 control characters except tab and newline (ESC starts terminal sequences that can clear
 * the screen or rewrite a line, CR overwrites one, NUL ends strings in C tools), DEL, and the bidi
 * embedding, override and isolate marks that make text display in another order than it reads.
 */
const CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/** Text without control characters, for terminals and CSV cells: nothing crawled can steer the display. */
export function withoutControls(text: string): string {
  return text.replace(CONTROLS, '');
}

/** A copy of a JSON-like value (a Report, rows) with withoutControls applied to every string in it. */
export function withoutControlsDeep<T>(value: T): T {
  if (typeof value === 'string') return withoutControls(value) as T;
  if (Array.isArray(value)) return value.map(withoutControlsDeep) as T;
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withoutControlsDeep(v)])) as T;
  }
  return value;
}

/** Same rules as escapeHtml; named separately so call sites say where the value goes. */
export const escapeAttr = escapeHtml;

/**
 * The URL as a safe href, or null when it must not be a link (not absolute http(s), or unparsable).
 * Returns the parser's serialization, so whitespace and quotes arrive percent-encoded.
 */
export function httpHref(url: string | null | undefined): string | null {
  if (!url) return null;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return null;
  return parsed.href;
}

/** `<a href>` for http(s) URLs, escaped plain text for anything else. `label` defaults to the URL. */
export function linkHtml(url: string | null | undefined, label?: string | null, className?: string): string {
  const text = escapeHtml(label ?? url ?? '');
  const href = httpHref(url);
  const cls = className ? ` class="${escapeAttr(className)}"` : '';
  if (href === null) return `<span${cls}>${text}</span>`;
  return `<a${cls} href="${escapeAttr(href)}" rel="noreferrer noopener">${text}</a>`;
}

/**
 * A short display form of a URL for breadcrumbs and tables: path + query, with the host prefixed
 * when it differs from `homeHost` (e.g. a retail.* microsite). Falls back to the raw string.
 */
export function displayPath(url: string, homeHost?: string | null): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return url;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return url;
  const pathAndQuery = safeDecode(parsed.pathname) + safeDecode(parsed.search);
  return parsed.host === homeHost ? pathAndQuery : parsed.host + pathAndQuery;
}

/** Host of an http(s) URL, or null (also for javascript:, data: and the like, which have none). */
export function hostOf(url: string): string | null {
  const href = httpHref(url);
  return href === null ? null : new URL(href).host || null;
}

// Percent-decoded paths read better (/zh-tw/案例/ rather than /zh-tw/%E6%A1%88…); the result is
// still escaped by the caller, so decoding cannot inject markup.
function safeDecode(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}

// ---- Markdown ----

/**
 * Crawled text as one line of inline Markdown: newlines become spaces and every character that
 * inline Markdown (CommonMark, GFM tables and strikethrough, GitHub math) treats as syntax is
 * backslash-escaped: `|` so that a table cell cannot be split, `<` and `&` so that no raw HTML or
 * entity gets through, `[` so that no link forms. Line-start syntax (#, -, 1.) needs no escape
 * because the report never starts a line with crawled text. A report pasted into an issue tracker
 * must not notify anyone or link other issues: `@name` and `#123` get a zero-width space after the
 * sign (a backslash does not stop GitHub's references), and bidi overrides are dropped.
 */
export function escapeMarkdown(text: string | null | undefined): string {
  if (text === null || text === undefined) return '';
  return withoutControls(String(text).replace(/\s*[\r\n]+\s*/g, ' '))
    .replace(/[\\`*_[\]<>!|~&$]/g, (ch) => `\\${ch}`)
    .replace(/@(?=[A-Za-z0-9])|#(?=\d)/g, '$&\u200b')
    .trim();
}

/**
 * A Markdown link for http(s) URLs (destination in angle brackets, with the characters that could
 * end it or split a table cell percent-encoded); anything else becomes escaped text.
 */
export function markdownLink(url: string | null | undefined, label?: string | null): string {
  const text = escapeMarkdown(label ?? url ?? '');
  const href = httpHref(url);
  if (href === null) return text;
  const destination = href.replace(/[<>|\\\s`]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
  return `[${text}](<${destination}>)`;
}

/**
 * An href for a link between files of one batch output (e.g. "reports/acme.html"): a relative
 * reference without a scheme or authority, or an http(s) URL. Anything else (javascript:, data:,
 * //host) is refused with null.
 */
export function relativeOrHttpHref(href: string | null | undefined): string | null {
  if (!href) return null;
  if (/^[a-z][a-z0-9+.-]*:/i.test(href)) return httpHref(href);
  if (/^[\\/]{2}/.test(href) || /[\u0000-\u001f\s]/.test(href)) return null;
  return href;
}

/** The start of a self-contained page: its CSP forbids every load the page does not carry itself. */
export function documentStart(title: string, csp: string, css: string, lang = 'en'): string[] {
  return [
    '<!DOCTYPE html>',
    `<html lang="${escapeAttr(lang)}">`,
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${escapeAttr(csp)}">`,
    '<meta name="referrer" content="no-referrer">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(title)}</title>`,
    `<style>${css}</style>`,
    '</head>',
  ];
}
