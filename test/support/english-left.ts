// The measure of "no English left" in a page in another language: the Latin-script words that remain
// once text quoted from sites and lists, URLs and paths, and names written the same in every language are
// taken out. test/report-zh-tw.test.ts and test/problems-zh-tw.test.ts read pages with it.

import { load } from 'cheerio';

/**
 * Names written the same in both languages: products, formats, files, standards, options, the tool,
 * Windows' reserved device names and the system's error codes (ECONNREFUSED), which readers look up as written.
 */
export const KEPT = /^(?:AWS|Amazon|MSP|PDF|HTML|HTTP|JSON|CSV|JavaScript|Windows|CON|NUL|COM1|E[A-Z_]{3,}|robots\.txt|sitemap\.xml|Last-Modified|datePublished|article:published_time|partner-presence|P[23](?:\.\d)+|--[a-z-]+)$/;

/** The Latin-script words left once quoted text, URLs and kept names are taken out. */
export function englishLeft(text: string, quoted: readonly string[]): string[] {
  let rest = text.replace(/https?:\/\/[^\s)>\]|（），、]+/g, ' ').replace(/(?:^|\s)\/[^\s)>\]|（），、]*/g, ' ');
  for (const q of quoted) rest = rest.split(q).join(' ');
  return (rest.match(/--[a-z-]+|[A-Za-z][\w.'’-]*[A-Za-z0-9]|[A-Za-z]/g) ?? []).filter((word) => !KEPT.test(word));
}

/**
 * A page's visible text, without what it marks as quoted (translate="no"), as code, or as written in
 * another language (the language switch names each language in itself: English, 繁體中文).
 */
export function htmlText(html: string): string {
  // A space at every tag, so text of neighbouring elements reads as separate words.
  const $ = load(html.replace(/</g, ' <'));
  $('style, script, code, [translate="no"]').remove();
  const lang = $('html').attr('lang');
  $('body [lang]').filter((_, el) => $(el).attr('lang') !== lang).remove();
  return `${$('title').text()} ${$('body').text()}`;
}

