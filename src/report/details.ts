// A check's evidence drawn by value type, knowing no check (Lighthouse's details renderer): each
// finding is a page (or link) with typed values, and each value type has one HTML renderer and one
// plain-text renderer (the catalog's formatValue). Labels come from the catalog: field.<key>.

import type { Finding } from '../types.ts';
import {
  dateSourceText, formatDate, formatValue, hasMessage, isMessage, metadataProperty, phrase, reasonText, t, type Lang, type MessageId, type MessageValue,
  type TypedValue,
} from '../messages/index.ts';
import { escapeHtml, escapeMarkdown, httpHref, linkHtml, markdownLink } from './escape.ts';

/** The values of a finding worth showing, in the order the check gave them (empty ones left out). */
export function shownValues(finding: Finding): [string, MessageValue][] {
  return Object.entries(finding.values).filter(([, v]) => v !== null && !(Array.isArray(v) && v.length === 0));
}

/** The label of a finding's value: field.<key> in the catalog. */
export function valueLabel(lang: Lang, key: string): string {
  return t(lang, `field.${key}` as MessageId);
}

/** A value as HTML: one renderer per value type; every string from the site is escaped. */
export function valueHtml(lang: Lang, value: MessageValue): string {
  if (value === null) return '';
  if (typeof value === 'boolean') return value ? '<span class="tick yes">✓</span>' : '<span class="tick no">✗</span>';
  if (typeof value === 'string' || typeof value === 'number') return escapeHtml(formatValue(lang, value));
  if (Array.isArray(value)) return value.map((v) => valueHtml(lang, v)).join(escapeHtml(t(lang, 'list.separator')));
  if (isMessage(value)) return escapeHtml(phrase(lang, value));
  const typed = value as TypedValue;
  switch (typed.type) {
    case 'url': return linkHtml(typed.url);
    case 'text': return quotedHtml(typed.text);
    case 'date': return `<span class="date">${escapeHtml(formatDate(lang, typed.date))}</span>`;
    case 'date-fact':
      return `<span class="date">${escapeHtml(formatDate(lang, typed.date))}</span> <span class="source">(${dateSourceHtml(lang, typed.source, typed.rule)}`
        + `${typed.inferred ? `${escapeHtml(t(lang, 'list.separator'))}${escapeHtml(t(lang, 'report.inferred'))}` : ''})</span>`;
    case 'retail':
      return `<span class="score">${escapeHtml(formatValue(lang, typed.score, 'percent'))}</span> `
        + `<span class="how">${escapeHtml(t(lang, 'report.threshold', { threshold: typed.threshold }))}`
        + `${typed.terms.length ? ` · ${typed.terms.slice(0, 5).map(quotedHtml).join(escapeHtml(t(lang, 'list.separator')))}` : ''}</span>`;
    case 'reasons':
      return `<ul class="reasons">${typed.reasons.map((r) => `<li>${escapeHtml(reasonText(lang, r))}</li>`).join('')}</ul>`;
    case 'elements':
      return `<ul class="elements">${typed.elements.map((e) => `<li class="${e.present ? 'yes' : 'no'}">${valueHtml(lang, e.present)} `
        + `${escapeHtml(t(lang, `element.${typed.set}.${e.id}` as MessageId))}`
        + `${e.reason ? ` <span class="how">— ${escapeHtml(reasonText(lang, e.reason))}</span>` : ''}`
        + `${e.excerpt ? `<blockquote translate="no">${escapeHtml(e.excerpt)}</blockquote>` : ''}</li>`).join('')}</ul>`;
    case 'label':
    case 'click-path':
      return escapeHtml(formatValue(lang, typed));
  }
}

/**
 * Text quoted from the site (a customer's name, a matched term, an excerpt): shown as written and
 * marked translate="no", so a browser's translator leaves it as the partner wrote it.
 */
export function quotedHtml(text: string): string {
  return `<q translate="no">${escapeHtml(text)}</q>`;
}

/** Where a date was read, in words; a metadata property the page names is shown as code, untranslated. */
export function dateSourceHtml(lang: Lang, source: string, rule: string): string {
  const property = metadataProperty(source, rule);
  if (hasMessage(lang, `date-rule.${rule}`) || !property) return escapeHtml(dateSourceText(lang, source, rule));
  const sourceId = `label.date-source.${source}`;
  return escapeHtml(t(lang, 'value.date-source.property', { source: hasMessage(lang, sourceId) ? t(lang, sourceId) : source, property: '\uE000' }))
    .replace('\uE000', `<code translate="no">${escapeHtml(property)}</code>`);
}

/** A finding's values as a definition list: label, then the value drawn by its type. */
export function findingHtml(lang: Lang, finding: Finding): string {
  return `<dl class="finding">${shownValues(finding)
    .map(([key, value]) => `<dt>${escapeHtml(valueLabel(lang, key))}</dt><dd>${valueHtml(lang, value)}</dd>`).join('')}</dl>`;
}

/** A finding's values as one line of Markdown: "label: value · label: value", URLs as links (http(s) only). */
export function findingMarkdown(lang: Lang, finding: Finding): string {
  return shownValues(finding).map(([key, value]) => t(lang, 'value.labelled', { label: escapeMarkdown(valueLabel(lang, key)), value: valueMarkdown(lang, value) })).join(' · ');
}

function valueMarkdown(lang: Lang, value: MessageValue): string {
  if (Array.isArray(value)) return value.map((v) => valueMarkdown(lang, v)).join(escapeMarkdown(t(lang, 'list.separator')));
  if (value !== null && typeof value === 'object' && 'type' in value && value.type === 'url') {
    return httpHref(value.url) ? markdownLink(value.url) : escapeMarkdown(t(lang, 'report.not-a-web-address'));
  }
  return escapeMarkdown(valueText(lang, value));
}

/** A value as plain text; an elements list shows which are present and which missing. */
export function valueText(lang: Lang, value: MessageValue): string {
  if (typeof value === 'boolean') return value ? '✓' : '✗';
  if (value !== null && typeof value === 'object' && !Array.isArray(value) && 'type' in value && value.type === 'elements') {
    return value.elements.map((e) => `${e.present ? '✓' : '✗'} ${t(lang, `element.${value.set}.${e.id}` as MessageId)}`).join(', ');
  }
  return formatValue(lang, value);
}
