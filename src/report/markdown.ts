// The audit report as Markdown, for pasting into a ticket or an email: the verdict, the checks, what
// to do, the evidence of every check that did not pass (drawn by value type), and compact tables of
// case studies and thought leadership. Crawled text is escaped so that it stays inert text and cannot
// break a table row (escape.ts). Words come from the message catalog.

import { RETAIL_AREAS } from '../../analyzers/types.ts';
import type { CheckStatus, Report } from '../types.ts';
import { formatDate, t, type Lang, type MessageId } from '../messages/index.ts';
import { areaLabel, percent } from './coverage-chart.ts';
import { findingMarkdown } from './details.ts';
import { displayPath, escapeMarkdown, hostOf, httpHref, markdownLink } from './escape.ts';
import {
  adviceText, CASE_STUDY_ELEMENT_IDS, checkTitle, checkValidityText, labelOf, notCountedText, outcomeText, PRACTICE_ELEMENT_IDS, reportValidityText, statusLabel,
} from './words.ts';

const STATUS_ICONS: Record<CheckStatus, string> = { pass: '✅', fail: '❌', review: '⚠️' };

export function renderMarkdown(report: Report, lang: Lang = 'en'): string {
  const homeHost = hostOf(report.homepage);
  const checks = report.checks ?? [];
  const scored = checks.filter((c) => !c.informational);
  const lines: string[] = [];
  const h = (id: MessageId, values?: Parameters<typeof t>[2]) => escapeMarkdown(t(lang, id, values));

  lines.push(`# ${h('md.title', { host: homeHost ?? report.homepage })}`, '');
  lines.push(
    `**${h('md.verdict')} ${statusMark(lang, report.verdict)}** — ${h('md.scored', { passing: scored.filter((c) => c.status === 'pass').length, count: scored.length })} · `
      + `${h('md.audit-date', { asOf: formatDate(lang, report.asOf, true) })} · ${markdownLink(report.homepage)}`,
    '',
  );
  const validity = reportValidityText(lang, report);
  if (validity) lines.push(escapeMarkdown(validity.sentence), '');

  if (checks.length === 0) lines.push(h('report.no-checks'));
  else lines.push(row([h('md.column.check'), h('report.column.title'), h('md.column.status'), h('md.column.summary')]), '|---|---|---|---|');
  for (const check of checks) {
    lines.push(
      row([
        escapeMarkdown(check.id),
        escapeMarkdown(checkTitle(lang, check)) + (check.informational ? ` _${t(lang, 'value.parenthesised', { text: h('report.tag.informational') }).trim()}_` : ''),
        statusMark(lang, check.status),
        escapeMarkdown(summaryWithValidity(lang, outcomeText(lang, check), checkValidityText(lang, check))),
      ]),
    );
  }
  lines.push('');

  const recommendations = checks.map((c) => [c, adviceText(lang, c)] as const).filter(([, advice]) => advice);
  if (recommendations.length > 0) {
    lines.push(`## ${h('md.recommendations')}`, '');
    for (const [check, advice] of recommendations) lines.push(`- **${escapeMarkdown(check.id)}** ${escapeMarkdown(advice)}`);
    lines.push('');
  }

  const shown = checks.filter((c) => c.status !== 'pass' && (c.evidence ?? []).length > 0);
  if (shown.length > 0) {
    lines.push(`## ${h('md.evidence')}`, '');
    for (const check of shown) {
      lines.push(`### ${escapeMarkdown(check.id)} ${escapeMarkdown(checkTitle(lang, check))}`, '');
      for (const finding of check.evidence) {
        let text: string;
        try { text = finding.values ? findingMarkdown(lang, finding) : escapeMarkdown(finding.note); } catch { text = escapeMarkdown(finding.note); }
        const page = httpHref(finding.url) ? markdownLink(finding.url) : h('report.not-a-web-address');
        lines.push(`- ${page} — ${text}`);
      }
      lines.push('');
    }
  }

  lines.push(`## ${h('report.practice')}`, '');
  const practice = report.practicePage;
  if (practice) {
    lines.push(`${markdownLink(practice.url)} — ${pathText(lang, practice.path, homeHost)}` + (practice.isHomepage ? t(lang, 'value.parenthesised', { text: h('md.the-homepage') }) : ''), '');
    lines.push(PRACTICE_ELEMENT_IDS.map((id) => `${practice.elements?.[id] ? '✓' : '✗'} ${h(`element.practice.${id}`)}`).join(' · '), '');
  } else {
    lines.push(h('report.practice.none'), '');
  }

  const studies = report.caseStudies ?? [];
  lines.push(`## ${h('report.case-studies')}`, '');
  if (studies.length === 0) {
    lines.push(h('report.case-studies.none'), '');
  } else {
    lines.push(
      row([h('field.customer'), h('report.column.case-study'), h('field.format'), h('report.column.retail'), h('report.column.aws'), h('md.column.counted'),
        h('md.column.reachable'), h('report.column.published'), h('md.column.elements'), h('report.delivery')]),
      '|---|---|---|---|---|---|---|---|---|---|',
    );
    for (const study of studies) {
      const present = CASE_STUDY_ELEMENT_IDS.filter((id) => study.elements?.[id]?.present).length;
      const why = notCountedText(lang, study);
      lines.push(
        row([
          study.customer ? escapeMarkdown(study.customer) : `_${h('md.not-named')}_`,
          markdownLink(study.url, study.title || study.url),
          escapeMarkdown(labelOf(lang, 'label.format', study.format)),
          yesNo(study.retail),
          yesNo(study.aws),
          study.counted ? '✓' : `✗${why ? ` ${escapeMarkdown(why)}` : ''}`,
          study.reachable ? `✓ ${pathText(lang, study.path, homeHost)}` : `✗ ${h('md.not-linked')}`,
          dateText(lang, study.published, study.publishedSource),
          `${present}/${CASE_STUDY_ELEMENT_IDS.length}`,
          escapeMarkdown(labelOf(lang, 'label.delivery', study.delivery)),
        ]),
      );
    }
    lines.push('');
  }

  const items = report.thoughtLeadership ?? [];
  const months = report.windows?.thoughtLeadership.months ?? 12;
  lines.push(`## ${h('report.thought-leadership')}`, '');
  if (items.length === 0) {
    lines.push(h('report.thought-leadership.none'), '');
  } else {
    lines.push(
      row([h('report.column.kind'), h('report.column.title'), h('report.column.published'), h('report.column.within', { months }), h('report.column.retail'), h('md.column.reachable')]),
      '|---|---|---|---|---|---|',
    );
    for (const item of items) {
      lines.push(
        row([
          escapeMarkdown(labelOf(lang, 'label.kind', item.kind)),
          markdownLink(item.url, item.title || item.url),
          dateText(lang, item.published, item.publishedSource),
          item.published ? yesNo(item.withinWindow) : h('report.no-date'),
          yesNo(item.retail),
          yesNo(item.reachable),
        ]),
      );
    }
    lines.push('');
  }

  lines.push(`## ${h('report.coverage')}`, '');
  lines.push(
    RETAIL_AREAS.map((area) => `${escapeMarkdown(areaLabel(lang, area))} ${percent(lang, report.retailCoverage?.areas?.[area])}`).join(' · ') +
      ` · **${h('md.overall', { percent: percent(lang, report.retailCoverage?.overall) })}**`,
    '',
  );

  const crawl = report.crawl;
  lines.push(`## ${h('report.crawl')}`, '');
  lines.push(
    h('md.crawl', {
      fetched: crawl?.pagesFetched ?? 0, rendered: crawl?.pagesRendered ?? 0, documents: crawl?.documents ?? 0,
      robots: crawl?.blockedByRobots?.length ?? 0, errors: crawl?.errors?.length ?? 0, stopped: labelOf(lang, 'label.stopped-by', crawl?.stoppedBy),
    }) + (crawl?.renderUnavailable ? ` ${h('md.no-browser', { why: crawl.renderUnavailable })}` : ''),
    '',
  );
  lines.push(`_${escapeMarkdown(report.tool?.name ?? 'partner-presence')} ${escapeMarkdown(report.tool?.version ?? '')}_`, '');
  return lines.join('\n');
}

function row(cells: string[]): string {
  return `| ${cells.join(' | ')} |`;
}

function statusMark(lang: Lang, status: string): string {
  const icon = STATUS_ICONS[status as CheckStatus];
  return icon ? `${icon} ${escapeMarkdown(statusLabel(lang, status))}` : escapeMarkdown(statusLabel(lang, status));
}

function yesNo(value: boolean): string {
  return value ? '✓' : '✗';
}

function dateText(lang: Lang, date: string | null | undefined, source: string | null | undefined): string {
  if (!date) return escapeMarkdown(t(lang, 'report.no-date'));
  return `${escapeMarkdown(formatDate(lang, date))}${source ? t(lang, 'value.parenthesised', { text: escapeMarkdown(labelOf(lang, 'label.date-source', source)) }) : ''}`;
}

/** Click path as "/ › /customers/ › /customers/acme/"; paths only, links would bloat a ticket. */
function pathText(lang: Lang, path: string[] | null | undefined, homeHost: string | null): string {
  if (!path || path.length === 0) return escapeMarkdown(t(lang, 'report.not-linked'));
  return path.map((url) => escapeMarkdown(displayPath(url, homeHost))).join(' › ');
}

/** A check's outcome and, when it has one, the sentence saying until when it holds. */
function summaryWithValidity(lang: Lang, summary: string, validity: string | null | undefined): string {
  return validity ? (summary ? t(lang, 'md.summary.validity', { summary, validity }) : validity) : summary;
}
