// HTML for the service's own pages, built with a tagged template that escapes every interpolated
// value unless it is already Html. Crawled text (titles, URLs, check summaries) can therefore only be
// shown as text: forgetting to escape is not possible, only marking something as markup on purpose.

import { load } from 'cheerio';
import { escapeHtml } from '../report/escape.ts';

export class Html {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

type Interpolation = Html | string | number | null | undefined | false | readonly Interpolation[];

function renderValue(value: Interpolation): string {
  if (value instanceof Html) return value.value;
  if (Array.isArray(value)) return value.map(renderValue).join('');
  if (value === null || value === undefined || value === false) return '';
  return escapeHtml(String(value));
}

export function html(strings: TemplateStringsArray, ...values: Interpolation[]): Html {
  let out = strings[0]!;
  values.forEach((value, i) => {
    out += renderValue(value) + strings[i + 1]!;
  });
  return new Html(out);
}

/** Markup produced by one of the project's renderers (which escape crawled text themselves). */
export function trusted(markup: string): Html {
  return new Html(markup);
}

/** A renderer's whole document taken apart for showing inside a service page: its CSS and its body. */
export interface EmbeddedDocument {
  css: string;
  body: Html;
  /** Text of its inline scripts (the service serves them as files: its CSP allows no inline script). */
  scripts: string[];
}

/**
 * Splits a document made by a report renderer (html.ts, index-page.ts) into its style sheet and its
 * body, so each format keeps one renderer however it is shown. Scripts are taken out of the body.
 */
export function embedDocument(document: string, options: { headingsBelow?: number } = {}): EmbeddedDocument {
  const $ = load(document);
  const css = $('head style').map((_, el) => $(el).text()).get().join('\n');
  const scripts = $('script').map((_, el) => $(el).text()).get();
  $('script').remove();
  // Shown under a page's own headings: h1 becomes h(1 + headingsBelow) and so on down.
  const offset = options.headingsBelow ?? 0;
  if (offset > 0) {
    $('h1, h2, h3, h4, h5').each((_, el) => {
      el.tagName = `h${Math.min(6, Number(el.tagName[1]) + offset)}`;
    });
  }
  return { css, body: trusted($('body').html() ?? ''), scripts };
}

/** Puts `markup` right after the first element matching `selector` in `body` (or at its start). */
export function insertAfter(body: Html, selector: string, markup: Html): Html {
  const $ = load(body.value, null, false);
  const anchor = $(selector).first();
  if (anchor.length === 0) return trusted(markup.value + body.value);
  anchor.after(markup.value);
  return trusted($.html());
}
