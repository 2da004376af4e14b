// The batch run's index page: one self-contained HTML file (works from file://, offline) with a table
// of every partner, sortable by clicking a column header and filterable by text and status. Its one
// small inline script is allowed by a CSP hash; rows are plain HTML, so the page stays readable with
// scripts off and the script never handles crawled data as code.

import { createHash } from 'node:crypto';
import type { CheckId, CheckStatus } from '../types.ts';
import { displayPath, documentStart, escapeAttr, escapeHtml, hostOf, linkHtml, relativeOrHttpHref } from './escape.ts';
import { formatDate, formatValue, t, type Lang, type MessageId } from '../messages/index.ts';

/** One partner of a batch run, as the index shows it. */
export interface BatchIndexRow {
  /** Partner id from the batch input; names the report file. */
  id: string;
  name: string;
  homepage: string;
  /** Overall verdict; null when the audit did not produce a report (see error). */
  verdict: CheckStatus | null;
  /** This run's status per check (missing when the audit failed). */
  checks: Partial<Record<CheckId, CheckStatus>>;
  /** The previous run's statuses, null when this partner has no previous run. */
  previousChecks: Partial<Record<CheckId, CheckStatus>> | null;
  /** Counted case studies (retail, on AWS: the P2.2.1 count), and how many of them are linked from home. */
  caseStudiesFound: number | null;
  caseStudiesReachable: number | null;
  /** Publish date (YYYY-MM-DD) of the newest retail thought-leadership item, null when none is dated. */
  newestThoughtLeadership: string | null;
  /** The last audit date on which every passing check still passes on its own (report.validUntil), null when none expires. */
  validUntil: string | null;
  /** URL of the retail practice page, null when none was found. */
  practicePage: string | null;
  pagesCrawled: number | null;
  /** Why the audit failed ("homepage could not be fetched: …"), null when it ran. */
  error: string | null;
  /** Relative link to this partner's HTML report (e.g. "reports/acme.html"), null when none exists. */
  reportHref: string | null;
}

/** Sort rank of a status: problems first when sorting ascending. */
const STATUS_RANK: Record<string, number> = { fail: 0, review: 1, pass: 2 };

// Sorting and filtering. Static text: rows are never read as code, only their data-* attributes
// and text. Empty cells sort last in both directions.
const INDEX_SCRIPT = `(() => {
  const table = document.getElementById('partners');
  if (!table || !table.tHead || !table.tBodies[0]) return;
  const body = table.tBodies[0];
  const headers = Array.from(table.tHead.rows[0].cells);
  const rows = Array.from(body.rows);
  const text = document.getElementById('filter-text');
  const status = document.getElementById('filter-status');
  const count = document.getElementById('row-count');
  const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });
  const keyOf = (row, index, type) => {
    const cell = row.cells[index];
    if (!cell) return null;
    const raw = (cell.hasAttribute('data-sort') ? cell.getAttribute('data-sort') : cell.textContent).trim();
    if (raw === '') return null;
    if (type === 'number') { const n = Number(raw); return Number.isFinite(n) ? n : null; }
    if (type === 'date') { const t = Date.parse(raw); return Number.isFinite(t) ? t : null; }
    return raw;
  };
  headers.forEach((th, index) => {
    const button = th.querySelector('button');
    if (!button) return;
    button.addEventListener('click', () => {
      const type = th.dataset.type || 'text';
      const direction = th.getAttribute('aria-sort') === 'ascending' ? -1 : 1;
      headers.forEach((h) => h.removeAttribute('aria-sort'));
      th.setAttribute('aria-sort', direction === 1 ? 'ascending' : 'descending');
      const keyed = Array.from(body.rows).map((row, position) => ({ row, position, key: keyOf(row, index, type) }));
      keyed.sort((a, b) => {
        if (a.key === null || b.key === null) {
          return a.key === b.key ? a.position - b.position : a.key === null ? 1 : -1;
        }
        const order = type === 'text' ? collator.compare(a.key, b.key) : a.key - b.key;
        return order === 0 ? a.position - b.position : order * direction;
      });
      body.append(...keyed.map((k) => k.row));
    });
  });
  const apply = () => {
    const query = (text ? text.value : '').trim().toLowerCase();
    const wanted = status ? status.value : 'all';
    let shown = 0;
    for (const row of rows) {
      const matchesText = query === '' || row.textContent.toLowerCase().includes(query) ||
        (row.dataset.search || '').includes(query);
      const matchesStatus = wanted === 'all' || (wanted === 'changed' ? row.dataset.changed === 'yes' : row.dataset.verdict === wanted);
      row.hidden = !(matchesText && matchesStatus);
      if (!row.hidden) shown += 1;
    }
    // The sentence comes in the page's language from the element itself ({shown} and {total} filled in
    // here, written as that language writes numbers: 1,204).
    const number = new Intl.NumberFormat(document.documentElement.lang || undefined);
    if (count) count.textContent = (count.dataset.template || '{shown}/{total}').replace('{shown}', number.format(shown)).replace('{total}', number.format(rows.length));
  };
  if (text) text.addEventListener('input', apply);
  if (status) status.addEventListener('change', apply);
  apply();
})();`;

/** CSP of the index page: only its own script (by hash), inline styles, nothing external. */
export const INDEX_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'; " +
  `script-src 'sha256-${createHash('sha256').update(INDEX_SCRIPT, 'utf8').digest('base64')}'`;

interface Column {
  label: string;
  type: 'text' | 'number' | 'date';
  title?: string;
}

export interface BatchIndexMeta {
  /** The checks' ids in report order (from the check registry): one column each. */
  checkIds: readonly CheckId[];
  title?: string;
  generatedAt?: string;
}

export function renderBatchIndex(rows: BatchIndexRow[], meta: BatchIndexMeta, lang: Lang = 'en'): string {
  const checkIds = meta.checkIds;
  const w = (id: MessageId, values?: Parameters<typeof t>[2]) => escapeHtml(t(lang, id, values));
  const columns: Column[] = [
    { label: t(lang, 'index.column.partner'), type: 'text', title: t(lang, 'index.column.partner.title') },
    { label: t(lang, 'index.column.verdict'), type: 'number', title: t(lang, 'index.column.verdict.title') },
    ...checkIds.map((id): Column => ({ label: id, type: 'number', title: t(lang, 'index.column.check.title', { check: id }) })),
    { label: t(lang, 'index.column.case-studies'), type: 'number', title: t(lang, 'index.column.case-studies.title') },
    { label: t(lang, 'index.column.linked'), type: 'number', title: t(lang, 'index.column.linked.title') },
    { label: t(lang, 'index.column.newest'), type: 'date', title: t(lang, 'index.column.newest.title') },
    { label: t(lang, 'index.column.valid-until'), type: 'date', title: t(lang, 'index.column.valid-until.title') },
    { label: t(lang, 'index.column.practice'), type: 'text' },
    { label: t(lang, 'index.column.pages'), type: 'number', title: t(lang, 'index.column.pages.title') },
    { label: t(lang, 'index.column.report'), type: 'text' },
  ];
  const counts = { pass: 0, fail: 0, review: 0, error: 0, changed: 0 };
  for (const row of rows) {
    counts[verdictKey(row)] += 1;
    if (changedChecks(row, checkIds).length > 0) counts.changed += 1;
  }
  const title = meta.title ?? t(lang, 'index.default-title');
  const option = (value: string, id: MessageId) => `<option value="${value}">${w(id)}</option>`;
  return [
    ...documentStart(title, INDEX_CSP, INDEX_CSS, lang),
    '<body>',
    `<header><h1>${escapeHtml(title)}</h1>`,
    `<p class="meta">${w('index.partners', { count: rows.length })} · <span class="badge badge-pass">${w('index.count.pass', { count: counts.pass })}</span> ` +
      `<span class="badge badge-fail">${w('index.count.fail', { count: counts.fail })}</span> <span class="badge badge-review">${w('index.count.review', { count: counts.review })}</span> ` +
      `<span class="badge badge-error">${w('index.count.error', { count: counts.error })}</span> · ${w('index.changed', { count: counts.changed })}` +
      (meta.generatedAt ? ` · ${w('index.generated', { at: meta.generatedAt })}` : '') +
      '</p></header>',
    '<div class="controls">',
    `<label>${w('index.filter')} <input id="filter-text" type="search" placeholder="${escapeAttr(t(lang, 'index.filter.placeholder'))}" autocomplete="off"></label>`,
    `<label>${w('index.show')} <select id="filter-status">` +
      option('all', 'index.show.all') + option('fail', 'index.show.fail') + option('review', 'index.show.review') + option('pass', 'index.show.pass') +
      option('error', 'index.show.error') + option('changed', 'index.show.changed') +
      '</select></label>',
    `<span id="row-count" aria-live="polite" data-template="${escapeAttr(t(lang, 'index.shown', { shown: '{shown}', total: '{total}' }))}">`
      + `${w('index.partners', { count: rows.length })}</span>`,
    '</div>',
    '<div class="table-wrap"><table id="partners">',
    '<thead><tr>' +
      columns
        .map(
          (c) =>
            `<th scope="col" data-type="${c.type}"${c.title ? ` title="${escapeAttr(c.title)}"` : ''}>` +
            `<button type="button">${escapeHtml(c.label)}</button></th>`,
        )
        .join('') +
      '</tr></thead>',
    '<tbody>',
    ...rows.map((row) => renderRow(row, checkIds, lang)),
    '</tbody></table></div>',
    rows.length === 0 ? `<p class="muted">${w('index.empty')}</p>` : '',
    `<p class="legend">${w('index.legend')}</p>`,
    `<script>${INDEX_SCRIPT}</script>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

function verdictKey(row: BatchIndexRow): 'pass' | 'fail' | 'review' | 'error' {
  if (row.verdict === 'pass' || row.verdict === 'fail' || row.verdict === 'review') return row.verdict;
  return 'error';
}

/** A check's status in this run as the change marker names it: an audit that failed is "error". */
function currentStatus(row: BatchIndexRow, id: CheckId): string | undefined {
  return row.checks[id] ?? (row.error ? 'error' : undefined);
}

function changedChecks(row: BatchIndexRow, checkIds: readonly CheckId[]): CheckId[] {
  const previous = row.previousChecks;
  if (!previous) return [];
  return checkIds.filter((id) => {
    const now = currentStatus(row, id);
    return previous[id] !== undefined && now !== undefined && previous[id] !== now;
  });
}

/** A status (pass, fail, review, error) in the page's words; an unknown one as it is. */
function statusWord(lang: Lang, status: string): string {
  return ['pass', 'fail', 'review', 'error', 'not audited'].includes(status) ? t(lang, `batch.status.${status}` as MessageId) : status;
}

function statusCell(lang: Lang, status: CheckStatus | null | undefined, change: { from: string; to: string } | null): string {
  const known = status === 'pass' || status === 'fail' || status === 'review';
  const rank = known ? STATUS_RANK[status] : '';
  const badge = known ? `<span class="badge badge-${status}">${escapeHtml(statusWord(lang, status))}</span>` : '<span class="muted">—</span>';
  const marker = change
    ? `<span class="changed" title="${escapeAttr(t(lang, 'index.changed-marker'))}">${escapeHtml(statusWord(lang, change.from))} → ${escapeHtml(statusWord(lang, change.to))}</span>`
    : '';
  return `<td class="status" data-sort="${rank}">${badge}${marker}</td>`;
}

function numberCell(lang: Lang, value: number | null | undefined): string {
  const ok = typeof value === 'number' && Number.isFinite(value);
  return `<td class="num" data-sort="${ok ? value : ''}">${ok ? escapeHtml(formatValue(lang, value)) : '<span class="muted">—</span>'}</td>`;
}

/** A day sorted by its ISO form and shown as the page's language writes it. */
function dateCell(lang: Lang, date: string | null, none: string): string {
  return `<td class="date" data-sort="${escapeAttr(date ?? '')}">${date ? escapeHtml(formatDate(lang, date)) : `<span class="muted">${escapeHtml(none)}</span>`}</td>`;
}

function renderRow(row: BatchIndexRow, checkIds: readonly CheckId[], lang: Lang): string {
  const changed = changedChecks(row, checkIds);
  const homeHost = hostOf(row.homepage);
  const reportHref = relativeOrHttpHref(row.reportHref);
  const verdict = verdictKey(row);
  const cells = [
    `<td class="partner" data-sort="${escapeAttr(row.name || row.id)}"><span class="name">${escapeHtml(row.name)}</span>` +
      `<code>${escapeHtml(row.id)}</code>${linkHtml(row.homepage, homeHost ?? row.homepage, 'home')}` +
      (row.error ? `<span class="error">${escapeHtml(row.error)}</span>` : '') +
      '</td>',
    statusCell(lang, row.verdict, null),
    ...checkIds.map((id) =>
      statusCell(lang, row.checks[id], changed.includes(id) ? { from: row.previousChecks![id]!, to: currentStatus(row, id)! } : null),
    ),
    numberCell(lang, row.caseStudiesFound),
    numberCell(lang, row.caseStudiesReachable),
    dateCell(lang, row.newestThoughtLeadership, t(lang, 'index.none-dated')),
    dateCell(lang, row.validUntil, '—'),
    `<td class="practice" data-sort="${escapeAttr(row.practicePage ?? '')}">${row.practicePage ? linkHtml(row.practicePage, displayPath(row.practicePage, homeHost)) : `<span class="muted">${escapeHtml(t(lang, 'index.none'))}</span>`}</td>`,
    numberCell(lang, row.pagesCrawled),
    `<td data-sort="${reportHref ? 1 : ''}">${reportHref ? `<a href="${escapeAttr(reportHref)}">${escapeHtml(t(lang, 'index.report'))}</a>` : '<span class="muted">—</span>'}</td>`,
  ];
  return (
    `<tr data-verdict="${verdict}" data-changed="${changed.length > 0 ? 'yes' : 'no'}"` +
    ` data-search="${escapeAttr(`${row.homepage} ${row.practicePage ?? ''} ${changed.length > 0 ? 'changed' : ''}`.toLowerCase())}">` +
    cells.join('') +
    '</tr>'
  );
}

const INDEX_CSS = `
:root { color-scheme: light; --fg:#1f2937; --muted:#6b7280; --line:#e5e7eb; --soft:#f8fafc; --link:#1d4ed8;
  --pass:#15803d; --pass-bg:#dcfce7; --fail:#b91c1c; --fail-bg:#fee2e2; --review:#92400e; --review-bg:#fef3c7; }
* { box-sizing: border-box; }
body { margin: 0; padding: 20px 24px 40px; color: var(--fg); font: 13.5px/1.45 system-ui, -apple-system, "Segoe UI", "PingFang TC", "Microsoft JhengHei", "Noto Sans TC", "Noto Sans CJK TC", sans-serif; }
h1 { font-size: 22px; margin: 0 0 4px; }
.meta, .legend, .muted { color: var(--muted); }
.muted { font-style: italic; }
a { color: var(--link); text-decoration: none; overflow-wrap: anywhere; } a:hover { text-decoration: underline; }
code { display: block; font: 11.5px ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; color: var(--muted); }
.controls { display: flex; flex-wrap: wrap; gap: 16px; align-items: center; margin: 14px 0 10px; }
.controls input, .controls select { font: inherit; padding: 4px 8px; border: 1px solid #cbd5e1; border-radius: 6px; margin-left: 4px; }
.controls input { width: 260px; }
#row-count { color: var(--muted); }
.table-wrap { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; vertical-align: top; padding: 6px 7px; border-bottom: 1px solid var(--line); }
th { background: var(--soft); position: sticky; top: 0; }
th button { all: unset; cursor: pointer; font-weight: 600; }
th button::after { content: " ↕"; color: #cbd5e1; }
th[aria-sort="ascending"] button::after { content: " ▲"; color: var(--fg); }
th[aria-sort="descending"] button::after { content: " ▼"; color: var(--fg); }
th button:focus-visible { outline: 2px solid var(--link); }
tbody tr:hover { background: var(--soft); }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
td.date { white-space: nowrap; font-variant-numeric: tabular-nums; }
td.partner { min-width: 170px; max-width: 300px; overflow-wrap: anywhere; }
td.practice { max-width: 180px; overflow-wrap: anywhere; }
td.partner .error { display: block; color: var(--fail); font-size: 12.5px; }
td.partner .home { display: block; font-size: 12.5px; }
.name { font-weight: 600; }
.badge { display: inline-block; padding: 0 6px; border-radius: 999px; font-size: 10.5px; font-weight: 700; text-transform: uppercase; border: 1px solid currentColor; white-space: nowrap; }
.badge-pass { color: var(--pass); background: var(--pass-bg); }
.badge-fail { color: var(--fail); background: var(--fail-bg); }
.badge-review { color: var(--review); background: var(--review-bg); }
.badge-error { color: var(--muted); background: var(--soft); }
.changed { display: block; font-size: 11px; color: #7c3aed; white-space: nowrap; font-weight: 600; }
@media print { .controls { display: none; } th { position: static; } body { padding: 0; font-size: 11px; }
  .badge { -webkit-print-color-adjust: exact; print-color-adjust: exact; } }
`;
