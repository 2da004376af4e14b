// The reader's language, chosen per request: ?lang=, else the `lang` cookie (set when ?lang= was
// given), else Accept-Language, else English. Every page and report of the service is drawn in it
// (the languages and their words are src/messages'); the report renderers are reached through
// `renderers` below, which passes it on.

import type { Report } from '../types.ts';
import { renderHtml } from '../report/html.ts';
import { renderMarkdown } from '../report/markdown.ts';
import { renderJson } from '../report/json.ts';
import { renderBatchIndex, type BatchIndexRow } from '../report/index-page.ts';
import { CHECK_IDS } from '../checks/index.ts';
import { LANGS, type Lang } from '../messages/index.ts';

export { LANGS as LANGUAGES, type Lang };
export const DEFAULT_LANG: Lang = 'en';
export const LANG_COOKIE = 'lang';

/**
 * The language a tag asks for: the same tag, or the same language with another region or script
 * (en-GB → en). Chinese counts as Traditional (zh-TW) unless it names Simplified (zh-CN, zh-Hans),
 * which this service does not speak.
 */
function supported(tag: string | undefined): Lang | null {
  if (!tag) return null;
  const lower = tag.trim().toLowerCase();
  if (/^zh(?:-|$)/.test(lower)) return /^zh-(?:cn|sg|hans)(?:-|$)/.test(lower) ? null : 'zh-TW';
  return LANGS.find((l) => l.toLowerCase() === lower || l.toLowerCase() === lower.split('-')[0]) ?? null;
}

/** Accept-Language entries by quality, highest first (RFC 9110 §12.5.4). */
function acceptedTags(header: string | undefined): string[] {
  if (!header) return [];
  return header
    .split(',')
    .map((part, index) => {
      const [tag, ...params] = part.trim().split(';');
      const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)).find(Boolean);
      return { tag: tag!.trim(), q: q ? Number(q[1]) : 1, index };
    })
    .filter((e) => e.tag && e.tag !== '*' && e.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index)
    .map((e) => e.tag);
}

export function chooseLang(query: string | undefined, cookie: string | undefined, acceptLanguage: string | undefined): Lang {
  return supported(query) ?? supported(cookie) ?? acceptedTags(acceptLanguage).map(supported).find((l) => l !== null) ?? DEFAULT_LANG;
}

/** The report renderers, one per format, in the reader's language (the JSON report has none). */
export const renderers = {
  html: (report: Report, lang: Lang): string => renderHtml(report, lang),
  markdown: (report: Report, lang: Lang): string => renderMarkdown(report, lang),
  json: (report: Report): string => renderJson(report),
  index: (rows: BatchIndexRow[], meta: { title: string; generatedAt: string }, lang: Lang): string => renderBatchIndex(rows, { ...meta, checkIds: CHECK_IDS }, lang),
};
