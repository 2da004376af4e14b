// The audit report as one self-contained HTML file: no external CSS, fonts, images or scripts, so it
// opens offline, can be mailed as an attachment and prints cleanly. Every string that came from the
// crawled site goes through escape.ts; the Content-Security-Policy forbids scripts and external loads
// altogether, so even a missed escape could not run anything. Words come from the message catalog;
// each check's evidence is drawn by value type (details.ts), so this file knows no check.

import type { CheckResult, EvidenceRow, Report, ReportCaseStudy, ReportPage } from '../types.ts';
import { formatDate, formatValue, phrase, t, type Lang, type MessageId } from '../messages/index.ts';
import { COVERAGE_CHART_CSS, percent, renderCoverageChart } from './coverage-chart.ts';
import { findingHtml } from './details.ts';
import {
  adviceText, CASE_STUDY_ELEMENT_IDS, checkTitle, checkValidityText, labelOf, notCountedText, outcomeText, PRACTICE_ELEMENT_IDS, reportValidityText,
  statusClass, statusLabel,
} from './words.ts';
import { displayPath, documentStart, escapeAttr, escapeHtml, hostOf, httpHref, linkHtml } from './escape.ts';

/** No scripts, no external loads; inline <style> and style attributes only. */
export const REPORT_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

/** Longest crawled title shown in a cell; the full text stays in the title attribute. */
const MAX_TITLE_CHARS = 140;
const MAX_CRUMB_CHARS = 40;

/** What the renderers need to know about the site beyond one row: titles for breadcrumbs, etc. */
interface RenderContext {
  lang: Lang;
  homeHost: string | null;
  titleByUrl: Map<string, string>;
  foundViaByUrl: Map<string, string>;
}

export function renderHtml(report: Report, lang: Lang = 'en'): string {
  const ctx = contextOf(report, lang);
  const host = hostOf(report.homepage) ?? report.homepage;
  const title = t(lang, 'report.title', { host, verdict: statusLabel(lang, report.verdict) });
  return [
    ...documentStart(title, REPORT_CSP, REPORT_CSS + COVERAGE_CHART_CSS, lang),
    '<body>',
    '<main>',
    renderHeader(report, lang),
    renderVerdict(report, lang),
    `<section id="checks"><h2>${escapeHtml(t(lang, 'report.checks'))}</h2>`,
    ...(report.checks ?? []).map((check) => renderCheck(check, ctx)),
    '</section>',
    renderPracticePage(report, ctx),
    renderCaseStudies(report, ctx),
    renderThoughtLeadership(report, ctx),
    `<section id="coverage"><h2>${escapeHtml(t(lang, 'report.coverage'))}</h2>`,
    `<p class="lead">${escapeHtml(t(lang, 'report.coverage.lead'))}</p>`,
    renderCoverageChart(report.retailCoverage, lang),
    '</section>',
    renderCrawl(report, lang),
    renderPages(report, ctx),
    `<footer>${escapeHtml(t(lang, 'report.footer', { tool: report.tool?.name ?? 'partner-presence', version: report.tool?.version ?? '', schema: String(report.schemaVersion), asOf: formatDate(lang, report.asOf) }))}</footer>`,
    '</main>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

function contextOf(report: Report, lang: Lang): RenderContext {
  const titleByUrl = new Map<string, string>();
  const foundViaByUrl = new Map<string, string>();
  for (const page of report.pages ?? []) {
    for (const url of [page.url, page.finalUrl]) {
      if (!url) continue;
      if (page.title && !titleByUrl.has(url)) titleByUrl.set(url, page.title);
      if (!foundViaByUrl.has(url)) foundViaByUrl.set(url, page.foundVia);
    }
  }
  return { lang, homeHost: hostOf(report.homepage), titleByUrl, foundViaByUrl };
}

// ---- sections ----

function renderHeader(report: Report, lang: Lang): string {
  return (
    '<header>' +
    `<p class="eyebrow">${escapeHtml(t(lang, 'report.eyebrow'))}</p>` +
    `<h1>${linkHtml(report.homepage, report.homepage)}</h1>` +
    `<p class="meta">${escapeHtml(t(lang, 'report.meta', { asOf: formatDate(lang, report.asOf, true), pages: report.crawl?.pagesFetched ?? 0 }))} · ` +
    `${escapeHtml(report.tool?.name ?? 'partner-presence')} ${escapeHtml(report.tool?.version ?? '')}</p>` +
    '</header>'
  );
}

function renderVerdict(report: Report, lang: Lang): string {
  const checks = report.checks ?? [];
  const scored = checks.filter((c) => !c.informational);
  const informational = checks.filter((c) => c.informational);
  const passing = scored.filter((c) => c.status === 'pass').length;
  const card = (check: CheckResult): string => {
    const until = checkValidityText(lang, check);
    return `<li class="card status-${statusClass(check.status)}">` +
      `<a class="card-link" href="#${anchorId(check.id)}"><span class="check-id">${escapeHtml(check.id)}</span> ` +
      `${escapeHtml(checkTitle(lang, check))}</a>` +
      `${badge(lang, check.status)}` +
      `<p>${escapeHtml(outcomeText(lang, check))}</p>` +
      (until ? `<p class="valid-until">${escapeHtml(until)}</p>` : '') +
      '</li>';
  };
  const validity = reportValidityText(lang, report);
  return (
    `<section id="verdict" class="verdict status-${statusClass(report.verdict)}" aria-labelledby="verdict-title">` +
    `<div class="verdict-head">${badge(lang, report.verdict, 'badge-large')}` +
    `<h2 id="verdict-title">${escapeHtml(labelOf(lang, 'report.headline', statusClass(report.verdict)))}</h2></div>` +
    `<p class="verdict-sub">${escapeHtml(t(lang, 'report.scored', { passing, count: scored.length }))} ${escapeHtml(t(lang, 'report.scored.rule'))}</p>` +
    (validity ? `<p class="verdict-valid-until">${escapeHtml(validity.sentence)}</p>` : '') +
    (scored.length > 0 ? `<ul class="cards">${scored.map(card).join('')}</ul>` : `<p class="muted">${escapeHtml(t(lang, 'report.no-checks'))}</p>`) +
    (informational.length > 0
      ? `<p class="info-title">${escapeHtml(t(lang, 'report.informational'))}</p><ul class="cards cards-info">${informational.map(card).join('')}</ul>`
      : '') +
    '</section>'
  );
}

function renderCheck(check: CheckResult, ctx: RenderContext): string {
  const evidence = check.evidence ?? [];
  const { lang } = ctx;
  const advice = adviceText(lang, check);
  const until = checkValidityText(lang, check);
  return (
    `<article class="check status-${statusClass(check.status)}" id="${anchorId(check.id)}">` +
    `<h3><span class="check-id">${escapeHtml(check.id)}</span> ${escapeHtml(checkTitle(lang, check))} ${badge(lang, check.status)}` +
    (check.informational ? ` <span class="tag">${escapeHtml(t(lang, 'report.tag.informational'))}</span>` : '') +
    '</h3>' +
    `<p class="summary">${escapeHtml(outcomeText(lang, check))}</p>` +
    (until ? `<p class="valid-until">${escapeHtml(until)}</p>` : '') +
    (advice ? `<div class="recommendation"><strong>${escapeHtml(t(lang, 'report.recommendation'))}</strong><p>${escapeHtml(advice)}</p></div>` : '') +
    (evidence.length > 0
      ? '<div class="table-wrap"><table class="evidence"><thead><tr>' +
        ['report.column.page', 'report.column.click-path', 'report.column.findings'].map((id) => `<th scope="col">${escapeHtml(t(lang, id as MessageId))}</th>`).join('') +
        '</tr></thead><tbody>' +
        evidence.map((row) => renderEvidenceRow(row, ctx)).join('') +
        '</tbody></table></div>'
      : `<p class="muted">${escapeHtml(t(lang, 'report.no-evidence'))}</p>`) +
    '</article>'
  );
}

function renderEvidenceRow(row: EvidenceRow, ctx: RenderContext): string {
  let findings: string;
  try {
    findings = row.values ? findingHtml(ctx.lang, row) : escapeHtml(row.note);
  } catch {
    findings = escapeHtml(row.note);
  }
  return (
    '<tr>' +
    `<td>${pageCell(row.url, ctx.titleByUrl.get(row.url) ?? null, ctx)}</td>` +
    `<td>${breadcrumb(row.path, row.url, ctx)}</td>` +
    `<td>${findings}</td>` +
    '</tr>'
  );
}

function renderPracticePage(report: Report, ctx: RenderContext): string {
  const { lang } = ctx;
  const practice = report.practicePage;
  const heading = `<h2>${escapeHtml(t(lang, 'report.practice'))}</h2>`;
  if (!practice) return `<section id="practice">${heading}<p class="muted">${escapeHtml(t(lang, 'report.practice.none'))}</p></section>`;
  const elements = PRACTICE_ELEMENT_IDS
    .map((element) => {
      const present = Boolean(practice.elements?.[element]);
      let note = practice.elementNotes?.[element];
      const reason = practice.elementReasons?.[element];
      try { if (reason) note = phrase(lang, { id: `reason.${reason.rule}`, values: reason.values }); } catch { /* the English note then */ }
      return `<li class="${present ? 'yes' : 'no'}">${tick(lang, present)} ${escapeHtml(t(lang, `element.practice.${element}`))}${note ? ` <span class="how">— ${escapeHtml(note)}</span>` : ''}</li>`;
    })
    .join('');
  return (
    `<section id="practice">${heading}` +
    '<dl class="practice">' +
    `<dt>${escapeHtml(t(lang, 'report.column.page'))}</dt><dd>${pageCell(practice.url, ctx.titleByUrl.get(practice.url) ?? null, ctx)}</dd>` +
    `<dt>${escapeHtml(t(lang, 'report.column.click-path'))}</dt><dd>${breadcrumb(practice.path, practice.url, ctx)}</dd>` +
    `<dt>${escapeHtml(t(lang, 'report.practice.covers'))}</dt><dd><ul class="elements">${elements}</ul></dd>` +
    '</dl>' +
    (practice.isHomepage ? `<p class="note">${escapeHtml(t(lang, 'report.practice.homepage'))}</p>` : '') +
    '</section>'
  );
}

function renderCaseStudies(report: Report, ctx: RenderContext): string {
  const { lang } = ctx;
  const studies = report.caseStudies ?? [];
  const counted = studies.filter((s) => s.counted);
  const head =
    `<section id="case-studies"><h2>${escapeHtml(t(lang, 'report.case-studies'))}</h2>` +
    `<p class="lead">${escapeHtml(t(lang, 'report.case-studies.lead', { found: studies.length, counted: counted.length, reachable: counted.filter((s) => s.reachable).length }))}</p>`;
  if (studies.length === 0) return `${head}<p class="muted">${escapeHtml(t(lang, 'report.case-studies.none'))}</p></section>`;
  return (
    head +
    '<div class="table-wrap"><table class="case-studies"><thead><tr>' +
    ['report.column.case-study', 'report.column.retail', 'report.column.aws', 'report.column.reachable', 'report.column.published', 'report.column.elements', 'report.column.facts']
      .map((h) => `<th scope="col">${escapeHtml(t(lang, h as MessageId))}</th>`)
      .join('') +
    '</tr></thead><tbody>' +
    studies.map((study) => renderCaseStudyRow(study, ctx)).join('') +
    '</tbody></table></div></section>'
  );
}

function renderCaseStudyRow(study: ReportCaseStudy, ctx: RenderContext): string {
  const { lang } = ctx;
  const present = CASE_STUDY_ELEMENT_IDS.filter((id) => study.elements?.[id]?.present).length;
  const elementList = CASE_STUDY_ELEMENT_IDS
    .map((id) => {
      const element = study.elements?.[id];
      const has = Boolean(element?.present);
      return (
        `<li class="${has ? 'yes' : 'no'}">${tick(lang, has)} ${escapeHtml(t(lang, `element.case-study.${id}`))}` +
        (element?.excerpt ? `<blockquote translate="no">${escapeHtml(element.excerpt)}</blockquote>` : '') +
        '</li>'
      );
    })
    .join('');
  const customer = study.customer
    ? `<span class="customer" translate="no">${escapeHtml(study.customer)}</span>`
    : `<span class="customer muted">${escapeHtml(t(lang, 'report.customer-not-named'))}</span>`;
  const why = notCountedText(lang, study);
  return (
    '<tr>' +
    `<td class="cs-title">${customer}${pageCell(study.url, study.title, ctx)}<span class="tag">${escapeHtml(labelOf(lang, 'label.format', study.format))}</span>` +
    (study.counted
      ? ` <span class="tag counted">${escapeHtml(t(lang, 'report.counted'))}</span>`
      : ` <span class="not-counted">${escapeHtml(why ? t(lang, 'report.not-counted.why', { why }) : t(lang, 'report.not-counted'))}</span>`) +
    ((study.attachments ?? []).length > 0
      ? `<span class="attachments">${escapeHtml(t(lang, 'report.attached'))} ${study.attachments.map((url) => linkHtml(url, displayPath(url, ctx.homeHost))).join(', ')}</span>`
      : '') +
    '</td>' +
    `<td class="c">${tick(lang, study.retail)}${scoreNote(lang, study.retailScore)}</td>` +
    `<td class="c">${tick(lang, study.aws)}</td>` +
    `<td class="path-cell">${study.reachable ? '' : `${tick(lang, false)} `}${breadcrumb(study.path, study.url, ctx)}</td>` +
    `<td>${dateWithSource(lang, study.published, study.publishedSource)}</td>` +
    `<td><details class="excerpts"><summary>${escapeHtml(t(lang, 'report.elements-present', { present, count: CASE_STUDY_ELEMENT_IDS.length }))}</summary><ul class="elements">${elementList}</ul></details></td>` +
    `<td class="cs-facts"><span class="label">${escapeHtml(t(lang, 'report.delivery'))}</span> ${escapeHtml(labelOf(lang, 'label.delivery', study.delivery))}` +
    `<br><span class="label">${escapeHtml(t(lang, 'report.compliance'))}</span> ${listOrDash(lang, study.compliance)}` +
    `<br><span class="label">${escapeHtml(t(lang, 'report.column.aws'))}</span> ${listOrDash(lang, study.awsServices)}</td>` +
    '</tr>'
  );
}

function renderThoughtLeadership(report: Report, ctx: RenderContext): string {
  const { lang } = ctx;
  const items = report.thoughtLeadership ?? [];
  const months = report.windows?.thoughtLeadership.months ?? 12;
  const recent = items.filter((i) => i.retail && i.withinWindow).length;
  const head =
    `<section id="thought-leadership"><h2>${escapeHtml(t(lang, 'report.thought-leadership'))}</h2>` +
    `<p class="lead">${escapeHtml(t(lang, 'report.thought-leadership.lead', { count: items.length, recent, months, asOf: report.asOf }))}</p>`;
  if (items.length === 0) return `${head}<p class="muted">${escapeHtml(t(lang, 'report.thought-leadership.none'))}</p></section>`;
  return (
    head +
    '<div class="table-wrap"><table class="thought-leadership"><thead><tr>' +
    [t(lang, 'report.column.kind'), t(lang, 'report.column.title'), t(lang, 'report.column.published'), t(lang, 'report.column.within', { months }),
      t(lang, 'report.column.retail'), t(lang, 'report.column.reachable')]
      .map((h) => `<th scope="col">${escapeHtml(h)}</th>`)
      .join('') +
    '</tr></thead><tbody>' +
    items
      .map(
        (item) =>
          '<tr>' +
          `<td>${escapeHtml(labelOf(lang, 'label.kind', item.kind))}</td>` +
          `<td>${pageCell(item.url, item.title, ctx)}</td>` +
          `<td>${dateWithSource(lang, item.published, item.publishedSource)}` +
          (item.modified ? `<span class="modified">${escapeHtml(t(lang, 'report.updated', { date: formatDate(lang, item.modified) }))}</span>` : '') +
          '</td>' +
          `<td class="c">${item.published ? tick(lang, item.withinWindow) : `<span class="muted">${escapeHtml(t(lang, 'report.no-date'))}</span>`}</td>` +
          `<td class="c">${tick(lang, item.retail)}${scoreNote(lang, item.retailScore)}</td>` +
          `<td class="path-cell">${item.reachable ? '' : `${tick(lang, false)} `}${breadcrumb(item.path, item.url, ctx)}</td>` +
          '</tr>',
      )
      .join('') +
    '</tbody></table></div></section>'
  );
}

function renderCrawl(report: Report, lang: Lang): string {
  const crawl = report.crawl;
  const blocked = crawl?.blockedByRobots ?? [];
  const errors = crawl?.errors ?? [];
  const fact = (label: MessageId, value: string): string => `<div><dt>${escapeHtml(t(lang, label))}</dt><dd>${value}</dd></div>`;
  return (
    `<section id="crawl"><h2>${escapeHtml(t(lang, 'report.crawl'))}</h2><dl class="facts">` +
    fact('report.crawl.fetched', escapeHtml(formatValue(lang, crawl?.pagesFetched ?? 0))) +
    fact('report.crawl.rendered', escapeHtml(formatValue(lang, crawl?.pagesRendered ?? 0))) +
    fact('report.crawl.documents', escapeHtml(formatValue(lang, crawl?.documents ?? 0))) +
    fact('report.crawl.robots', escapeHtml(formatValue(lang, blocked.length))) +
    fact('report.crawl.errors', escapeHtml(formatValue(lang, errors.length))) +
    fact('report.crawl.stopped', `<span class="text-value">${escapeHtml(labelOf(lang, 'label.stopped-by', crawl?.stoppedBy ?? '—'))}</span>`) +
    fact('report.crawl.duration', escapeHtml(formatDuration(lang, crawl?.durationMs))) +
    '</dl>' +
    (crawl?.renderUnavailable ? `<p class="warn-box">${escapeHtml(t(lang, 'report.crawl.no-browser', { why: { type: 'text', text: crawl.renderUnavailable } }))}</p>` : '') +
    (blocked.length > 0
      ? `<details><summary>${escapeHtml(t(lang, 'report.crawl.robots-list', { count: blocked.length }))}</summary><ul class="url-list">${blocked
          .map((url) => `<li>${linkHtml(url)}</li>`)
          .join('')}</ul></details>`
      : '') +
    (errors.length > 0
      ? `<details><summary>${escapeHtml(t(lang, 'report.crawl.errors-list', { count: errors.length }))}</summary><ul class="url-list">${errors
          .map((e) => `<li>${linkHtml(e.url)} — <span translate="no">${escapeHtml(e.error)}</span></li>`)
          .join('')}</ul></details>`
      : '') +
    '</section>'
  );
}

function renderPages(report: Report, ctx: RenderContext): string {
  const { lang } = ctx;
  const pages = report.pages ?? [];
  return (
    `<section id="pages"><h2>${escapeHtml(t(lang, 'report.pages'))}</h2>` +
    `<details class="all-pages"><summary>${escapeHtml(t(lang, 'report.pages.show', { count: pages.length }))}</summary>` +
    (pages.length === 0
      ? `<p class="muted">${escapeHtml(t(lang, 'report.pages.none'))}</p>`
      : '<div class="table-wrap"><table class="pages"><thead><tr>' +
        (['report.column.page', 'report.column.http', 'report.column.type', 'report.column.depth', 'report.column.found-via', 'report.column.published',
          'report.column.retail', 'report.column.note'] as MessageId[])
          .map((h) => `<th scope="col">${escapeHtml(t(lang, h))}</th>`)
          .join('') +
        '</tr></thead><tbody>' +
        pages.map((page) => renderPageRow(page, ctx)).join('') +
        '</tbody></table></div>') +
    '</details></section>'
  );
}

function renderPageRow(page: ReportPage, ctx: RenderContext): string {
  const { lang } = ctx;
  const notes: string[] = [];
  if (page.rendered) notes.push(escapeHtml(t(lang, 'report.page.rendered')));
  if (page.contentType === 'application/pdf') notes.push(escapeHtml(t(lang, 'report.page.pdf')));
  else if (page.contentType && page.contentType !== 'text/html') notes.push(`<code translate="no">${escapeHtml(page.contentType)}</code>`);
  if (page.finalUrl && page.finalUrl !== page.url) notes.push(`→ <code class="url">${escapeHtml(displayPath(page.finalUrl, ctx.homeHost))}</code>`);
  if (page.lang) notes.push(escapeHtml(t(lang, 'report.page.lang', { lang: languageName(lang, page.lang) })));
  return (
    '<tr>' +
    `<td>${pageCell(page.url, page.title, ctx)}</td>` +
    `<td class="num">${page.httpStatus === null || page.httpStatus === undefined ? '—' : escapeHtml(String(page.httpStatus))}</td>` +
    `<td>${escapeHtml(labelOf(lang, 'label.page-type', page.type))}</td>` +
    `<td class="num">${page.depth === null || page.depth === undefined ? '—' : escapeHtml(String(page.depth))}</td>` +
    `<td>${escapeHtml(labelOf(lang, 'label.found-via', page.foundVia))}</td>` +
    `<td>${dateWithSource(lang, page.published, page.publishedSource)}</td>` +
    `<td class="num">${percent(lang, page.retailScore)}</td>` +
    `<td>${notes.join(' · ')}${page.error ? ` <span class="error" translate="no">${escapeHtml(page.error)}</span>` : ''}</td>` +
    '</tr>'
  );
}

// ---- small pieces ----

function badge(lang: Lang, status: string, extraClass = ''): string {
  return `<span class="badge badge-${statusClass(status)}${extraClass ? ` ${extraClass}` : ''}">${escapeHtml(statusLabel(lang, status))}</span>`;
}

function tick(lang: Lang, value: boolean): string {
  return value
    ? `<span class="tick yes" aria-label="${escapeAttr(t(lang, 'value.yes'))}">✓</span>`
    : `<span class="tick no" aria-label="${escapeAttr(t(lang, 'value.no'))}">✗</span>`;
}

/** Anchor ids from check ids ("P2.2.1" → "check-P2-2-1"), restricted to safe characters. */
function anchorId(checkId: string): string {
  return `check-${String(checkId).replace(/[^A-Za-z0-9]+/g, '-')}`;
}

function truncate(text: string, max: number): string {
  const chars = Array.from(text.replace(/\s+/g, ' ').trim());
  return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : chars.join('');
}

/** Title (linked when http(s)) over the URL's path, for the first column of the tables. */
function pageCell(url: string, title: string | null | undefined, ctx: RenderContext): string {
  const shown = title ? truncate(title, MAX_TITLE_CHARS) : null;
  const path = displayPath(url ?? '', ctx.homeHost);
  const href = httpHref(url);
  const titleAttr = title && shown !== title ? ` title="${escapeAttr(title)}"` : '';
  const label = escapeHtml(shown ?? path);
  // A title is the site's own words: shown as written, and kept from browser translation.
  const quoted = shown ? ' translate="no"' : '';
  const link = href
    ? `<a href="${escapeAttr(href)}" rel="noreferrer noopener"${titleAttr}${quoted}>${label}</a>`
    : `<span class="not-link"${titleAttr}${quoted}>${label}</span>`;
  return `<span class="page">${link}${shown ? `<code class="url">${escapeHtml(path)}</code>` : ''}</span>`;
}

/**
 * A click path as breadcrumbs: Home › Customers › Case study, each step with its URL path under it.
 * A null path means the page cannot be reached by following links from the homepage.
 */
function breadcrumb(path: string[] | null | undefined, url: string, ctx: RenderContext): string {
  const { lang } = ctx;
  if (!path || path.length === 0) {
    const via = ctx.foundViaByUrl.get(url);
    return (
      `<span class="unreachable">${escapeHtml(t(lang, 'report.not-linked'))}` +
      (via && via !== 'link' ? ` ${escapeHtml(t(lang, 'report.found-via', { via }))}` : '') +
      '</span>'
    );
  }
  const steps = path.map((stepUrl, i) => {
    const title = ctx.titleByUrl.get(stepUrl);
    const label = i === 0 ? t(lang, 'report.home') : title ? truncate(title, MAX_CRUMB_CHARS) : displayPath(stepUrl, ctx.homeHost);
    const href = httpHref(stepUrl);
    // The first step is labelled "Home" in the reader's words; the others by the site's own titles.
    const titleAttr = title && i > 0 ? ` title="${escapeAttr(title)}" translate="no"` : '';
    const inner = href
      ? `<a href="${escapeAttr(href)}" rel="noreferrer noopener"${titleAttr}>${escapeHtml(label)}</a>`
      : `<span class="not-link"${titleAttr}>${escapeHtml(label)}</span>`;
    const showPath = i === 0 || title !== undefined;
    return `<li>${inner}${showPath ? `<code class="url">${escapeHtml(displayPath(stepUrl, ctx.homeHost))}</code>` : ''}</li>`;
  });
  return `<ol class="crumbs" aria-label="${escapeAttr(t(lang, 'report.click-path'))}">${steps.join('')}</ol>`;
}

function dateWithSource(lang: Lang, date: string | null | undefined, source: string | null | undefined): string {
  if (!date) return `<span class="muted">${escapeHtml(t(lang, 'report.no-date-found'))}</span>`;
  return `<span class="date">${escapeHtml(formatDate(lang, date))}</span>${source ? `<span class="source">${escapeHtml(t(lang, 'value.parenthesised', { text: labelOf(lang, 'label.date-source', source) }))}</span>` : ''}`;
}

/** A page's language tag (en-US) as a name in the reader's language ("English (United States)"), else the tag. */
function languageName(lang: Lang, tag: string): string {
  try {
    return new Intl.DisplayNames([lang], { type: 'language' }).of(tag) ?? tag;
  } catch {
    return tag;
  }
}

/** A 0..1 retail score under a tick, when the report has one. */
function scoreNote(lang: Lang, score: number | null | undefined): string {
  return typeof score === 'number' && Number.isFinite(score) ? `<span class="score">${percent(lang, score)}</span>` : '';
}

/** Names read from the site (compliance standards, AWS services): shown as written. */
function listOrDash(lang: Lang, items: string[] | null | undefined): string {
  if (!items || items.length === 0) return '<span class="muted">—</span>';
  return `<span translate="no">${items.map((item) => escapeHtml(item)).join(escapeHtml(t(lang, 'list.separator')))}</span>`;
}

function formatDuration(lang: Lang, ms: number | null | undefined): string {
  if (typeof ms !== 'number' || !Number.isFinite(ms)) return '—';
  const seconds = ms / 1000;
  return seconds < 90 ? t(lang, 'report.duration.seconds', { seconds })
    : t(lang, 'report.duration.minutes', { minutes: Math.floor(seconds / 60), seconds: Math.round(seconds % 60) });
}

const REPORT_CSS = `
:root { color-scheme: light; --fg:#1f2937; --muted:#6b7280; --line:#e5e7eb; --bg-soft:#f8fafc;
  --pass:#15803d; --pass-bg:#dcfce7; --fail:#b91c1c; --fail-bg:#fee2e2; --review:#a16207; --review-bg:#fef3c7; --link:#1d4ed8; }
* { box-sizing: border-box; }
body { margin:0; color:var(--fg); background:#fff; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", "PingFang TC", "Microsoft JhengHei", "Noto Sans TC", "Noto Sans CJK TC", sans-serif; }
main { max-width: 1180px; margin: 0 auto; padding: 24px 28px 48px; }
a { color: var(--link); text-decoration: none; overflow-wrap: anywhere; }
a:hover { text-decoration: underline; }
h1 { font-size: 26px; margin: 4px 0 4px; overflow-wrap: anywhere; }
h2 { font-size: 20px; margin: 36px 0 10px; padding-bottom: 6px; border-bottom: 2px solid var(--line); }
h3 { font-size: 17px; margin: 0 0 6px; display:flex; flex-wrap:wrap; align-items:center; gap:8px; }
code, .url { font: 12px/1.4 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; color: var(--muted); overflow-wrap: anywhere; }
.eyebrow { text-transform: uppercase; letter-spacing: .06em; font-size: 12px; color: var(--muted); margin: 0; }
.meta, .lead, .muted, footer { color: var(--muted); }
.muted { font-style: italic; }
footer { margin-top: 40px; font-size: 12px; border-top: 1px solid var(--line); padding-top: 10px; }
.badge { display:inline-block; padding: 1px 9px; border-radius: 999px; font-size: 12px; font-weight: 700; letter-spacing:.03em; text-transform: uppercase; border: 1px solid currentColor; white-space: nowrap; }
.badge-pass { color: var(--pass); background: var(--pass-bg); }
.badge-fail { color: var(--fail); background: var(--fail-bg); }
.badge-review { color: var(--review); background: var(--review-bg); }
.badge-unknown { color: var(--muted); background: var(--bg-soft); }
.badge-large { font-size: 18px; padding: 4px 16px; }
.verdict { margin-top: 18px; padding: 18px 20px; border-radius: 10px; border: 1px solid var(--line); border-left-width: 8px; background: var(--bg-soft); }
.verdict.status-pass { border-left-color: var(--pass); }
.verdict.status-fail { border-left-color: var(--fail); }
.verdict.status-review { border-left-color: var(--review); }
.verdict-head { display:flex; align-items:center; gap: 14px; flex-wrap: wrap; }
.verdict-head h2 { border: 0; margin: 0; padding: 0; font-size: 22px; }
.verdict-sub { margin: 8px 0 14px; }
.cards { list-style: none; margin: 0; padding: 0; display: grid; grid-template-columns: repeat(auto-fill, minmax(250px, 1fr)); gap: 10px; }
.card { min-width: 0; overflow-wrap: anywhere; background: #fff; border: 1px solid var(--line); border-top: 4px solid var(--muted); border-radius: 8px; padding: 10px 12px; }
.card.status-pass { border-top-color: var(--pass); } .card.status-fail { border-top-color: var(--fail); } .card.status-review { border-top-color: var(--review); }
.card p { margin: 6px 0 0; font-size: 14px; }
.card-link { display:block; font-weight: 600; color: var(--fg); margin-bottom: 4px; }
.cards-info .card { border-top-width: 2px; }
.info-title { margin: 14px 0 6px; font-size: 13px; color: var(--muted); }
.check-id { font: 600 13px ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; color: var(--muted); }
.check { border: 1px solid var(--line); border-radius: 8px; padding: 14px 16px; margin: 14px 0; break-inside: avoid-page; }
.summary, .recommendation, .warn-box, .url-list { overflow-wrap: anywhere; }
.summary { margin: 4px 0 10px; }
.tag { font-size: 11px; color: var(--muted); border: 1px solid var(--line); border-radius: 4px; padding: 0 5px; font-weight: 400; }
.recommendation { background: #eff6ff; border-left: 4px solid var(--link); padding: 8px 12px; margin: 8px 0 12px; border-radius: 4px; }
.recommendation p { margin: 2px 0 0; }
.warn-box { background: var(--review-bg); border-left: 4px solid var(--review); padding: 8px 12px; border-radius: 4px; }
.table-wrap { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; font-size: 13.5px; }
th, td { text-align: left; vertical-align: top; padding: 6px 8px; border-bottom: 1px solid var(--line); overflow-wrap: anywhere; }
th { background: var(--bg-soft); font-weight: 600; white-space: nowrap; }
tr { break-inside: avoid; }
td.c { text-align: center; } td.num { text-align: right; font-variant-numeric: tabular-nums; }
.page { display:flex; flex-direction: column; gap: 1px; min-width: 160px; }
td.path-cell { min-width: 190px; }
td.cs-title .tag { display: inline-block; margin-top: 4px; }
td.cs-facts { min-width: 170px; font-size: 13px; }
dl.practice { display: grid; grid-template-columns: max-content 1fr; gap: 8px 16px; margin: 0; }
dl.practice dt { color: var(--muted); } dl.practice dd { margin: 0; }
dl.practice .elements { margin: 0; }
.customer { display:block; font-weight: 600; }
.tick.yes { color: var(--pass); font-weight: 700; } .tick.no { color: var(--fail); font-weight: 700; }
.crumbs { list-style: none; margin: 0; padding: 0; display: flex; flex-wrap: wrap; align-items: flex-start; gap: 2px 0; }
.crumbs li { display: grid; grid-template-columns: auto auto; column-gap: 6px; align-items: baseline; }
.crumbs li > * { grid-column: 2; }
.crumbs li + li::before { content: "›"; grid-column: 1; grid-row: 1 / span 2; padding-left: 8px; color: var(--muted); font-weight: 700; }
.unreachable { color: var(--fail); font-size: 13px; }
.date { font-variant-numeric: tabular-nums; white-space: nowrap; } .source { color: var(--muted); font-size: 12px; }
.elements { list-style: none; padding: 0; margin: 6px 0; }
.elements li { margin: 2px 0; }
.elements blockquote { margin: 2px 0 6px 20px; padding-left: 8px; border-left: 3px solid var(--line); color: var(--muted); font-size: 12.5px; }
details summary { cursor: pointer; color: var(--link); }
details.excerpts { min-width: 130px; } details.excerpts[open] { min-width: 300px; }
td.cs-title { min-width: 190px; }
.label { color: var(--muted); margin-right: 6px; }
.score, .modified, .attachments { display: block; font-size: 12px; color: var(--muted); white-space: nowrap; }
.attachments { white-space: normal; }
.not-counted { display: block; font-size: 12.5px; color: var(--fail); }
.tag.counted { color: var(--pass); border-color: var(--pass); }
.how { color: var(--muted); font-size: 13px; }
dl.finding { display: grid; grid-template-columns: max-content 1fr; gap: 2px 10px; margin: 0; }
dl.finding dt { color: var(--muted); font-size: 12.5px; } dl.finding dd { margin: 0; }
ul.reasons { margin: 0; padding-left: 16px; }
.note { color: var(--review); }
.facts { display: grid; grid-template-columns: repeat(auto-fill, minmax(170px, 1fr)); gap: 8px; margin: 0 0 12px; }
.facts div { border: 1px solid var(--line); border-radius: 8px; padding: 8px 12px; }
.facts dt { font-size: 12px; color: var(--muted); } .facts dd { margin: 0; font-size: 18px; font-weight: 600; }
.facts dd .text-value { font-size: 14px; font-weight: 500; }
.url-list { font-size: 13px; }
.error { color: var(--fail); }
@media print {
  body { font-size: 11px; } main { max-width: none; padding: 0; }
  a { color: inherit; }
  h2 { break-after: avoid; }
  .badge, .verdict, .card, th, .recommendation, .coverage-chart { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  .table-wrap { overflow: visible; }
  details.excerpts > summary { display: none; }
  table { font-size: 10px; } code, .url { font-size: 9px; }
  /* An A4 line is ~720 px: headers wrap (Chinese ones are long) and the widest cells give way, so no table runs off the page. */
  th { white-space: normal; } th, td { padding: 4px 5px; }
  details.excerpts { min-width: 170px; }
  .elements blockquote { font-size: 9.5px; margin-left: 12px; }
  td.path-cell { min-width: 90px; } td.cs-title, .page { min-width: 100px; } td.cs-facts { min-width: 90px; font-size: 10px; }
}
@media print { details.excerpts::details-content { content-visibility: visible; display: block; height: auto; } }
`;
