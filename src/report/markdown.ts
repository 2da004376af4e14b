// The audit report as Markdown, for pasting into a ticket or an email: the verdict, the checks, what
// to do, and compact tables of case studies and thought leadership. Crawled text is escaped so that
// it stays inert text and cannot break a table row (escape.ts).

import { RETAIL_AREAS } from '../../analyzers/types.ts';
import type { CheckStatus, Report } from '../types.ts';
import { RETAIL_AREA_LABELS, percent } from './coverage-chart.ts';
import { displayPath, escapeMarkdown, hostOf, markdownLink } from './escape.ts';
import { plural } from '../checks/phrases.ts';
import {
  CASE_STUDY_ELEMENT_LABELS,
  DELIVERY_LABELS,
  KIND_LABELS,
  PRACTICE_ELEMENT_LABELS,
  STATUS_LABELS,
  STOPPED_BY_LABELS,
} from './html.ts';

const STATUS_MARKS: Record<CheckStatus, string> = { pass: '✅ Pass', fail: '❌ Fail', review: '⚠️ Review' };

export function renderMarkdown(report: Report): string {
  const homeHost = hostOf(report.homepage);
  const checks = report.checks ?? [];
  const scored = checks.filter((c) => !c.informational);
  const lines: string[] = [];

  lines.push(`# Retail web presence audit: ${escapeMarkdown(homeHost ?? report.homepage)}`, '');
  lines.push(
    `**Verdict: ${statusMark(report.verdict)}** — ${scored.filter((c) => c.status === 'pass').length} of ` +
      `${scored.length} scored checks pass · audit date ${escapeMarkdown(report.asOf)} · ` +
      `${markdownLink(report.homepage)}`,
    '',
  );

  if (checks.length === 0) lines.push('No checks were run.');
  else lines.push('| Check | Title | Status | Summary |', '|---|---|---|---|');
  for (const check of checks) {
    lines.push(
      row([
        escapeMarkdown(check.id),
        escapeMarkdown(check.title) + (check.informational ? ' _(informational)_' : ''),
        statusMark(check.status),
        escapeMarkdown(check.summary),
      ]),
    );
  }
  lines.push('');

  const recommendations = checks.filter((c) => c.recommendation);
  if (recommendations.length > 0) {
    lines.push('## Recommendations', '');
    for (const check of recommendations) {
      lines.push(`- **${escapeMarkdown(check.id)}** ${escapeMarkdown(check.recommendation)}`);
    }
    lines.push('');
  }

  lines.push('## Retail practice page', '');
  const practice = report.practicePage;
  if (practice) {
    lines.push(
      `${markdownLink(practice.url)} — ${pathText(practice.path, homeHost)}` +
        (practice.isHomepage ? ' (the homepage)' : ''),
      '',
    );
    const covered = Object.entries(PRACTICE_ELEMENT_LABELS).map(
      ([key, label]) => `${practice.elements?.[key as keyof typeof practice.elements] ? '✓' : '✗'} ${label}`,
    );
    lines.push(covered.join(' · '), '');
  } else {
    lines.push('No retail practice page was found.', '');
  }

  const studies = report.caseStudies ?? [];
  lines.push('## Case studies', '');
  if (studies.length === 0) {
    lines.push('No case studies were found.', '');
  } else {
    const elementIds = Object.keys(CASE_STUDY_ELEMENT_LABELS) as (keyof typeof CASE_STUDY_ELEMENT_LABELS)[];
    lines.push(
      '| Customer | Case study | Format | Retail | AWS | Counted | Reachable | Published | Elements | Delivery |',
      '|---|---|---|---|---|---|---|---|---|---|',
    );
    for (const study of studies) {
      const present = elementIds.filter((id) => study.elements?.[id]?.present).length;
      lines.push(
        row([
          study.customer ? escapeMarkdown(study.customer) : '_not named_',
          markdownLink(study.url, study.title || study.url),
          study.format === 'pdf' ? 'PDF' : 'HTML',
          yesNo(study.retail),
          yesNo(study.aws),
          study.counted ? '✓' : `✗${study.notCountedWhy ? ` ${escapeMarkdown(study.notCountedWhy)}` : ''}`,
          study.reachable ? `✓ ${pathText(study.path, homeHost)}` : '✗ not linked',
          dateText(study.published, study.publishedSource),
          `${present}/${elementIds.length}`,
          escapeMarkdown(DELIVERY_LABELS[study.delivery] ?? String(study.delivery)),
        ]),
      );
    }
    lines.push('');
  }

  const items = report.thoughtLeadership ?? [];
  lines.push('## Thought leadership', '');
  if (items.length === 0) {
    lines.push('No thought-leadership items were found.', '');
  } else {
    lines.push('| Kind | Title | Published | Within 12 months | Retail | Reachable |', '|---|---|---|---|---|---|');
    for (const item of items) {
      lines.push(
        row([
          escapeMarkdown(KIND_LABELS[item.kind] ?? String(item.kind)),
          markdownLink(item.url, item.title || item.url),
          dateText(item.published, item.publishedSource),
          item.published ? yesNo(item.withinWindow) : 'no date',
          yesNo(item.retail),
          yesNo(item.reachable),
        ]),
      );
    }
    lines.push('');
  }

  lines.push('## Retail coverage', '');
  lines.push(
    RETAIL_AREAS.map((area) => `${RETAIL_AREA_LABELS[area].en} ${percent(report.retailCoverage?.areas?.[area])}`).join(' · ') +
      ` · **overall ${percent(report.retailCoverage?.overall)}**`,
    '',
  );

  const crawl = report.crawl;
  lines.push('## Crawl', '');
  lines.push(
    `${plural(crawl?.pagesFetched ?? 0, 'page')} fetched, ${crawl?.pagesRendered ?? 0} rendered, ` +
      `${plural(crawl?.documents ?? 0, 'document')} read; ` +
      `${crawl?.blockedByRobots?.length ?? 0} blocked by robots.txt, ${plural(crawl?.errors?.length ?? 0, 'error')}; ` +
      `${escapeMarkdown(STOPPED_BY_LABELS[crawl?.stoppedBy ?? ''] ?? String(crawl?.stoppedBy))}.` +
      (crawl?.renderUnavailable ? ` Browser rendering unavailable: ${escapeMarkdown(crawl.renderUnavailable)}.` : ''),
    '',
  );
  lines.push(`_${escapeMarkdown(report.tool?.name ?? 'partner-presence')} ${escapeMarkdown(report.tool?.version ?? '')}_`, '');
  return lines.join('\n');
}

function row(cells: string[]): string {
  return `| ${cells.join(' | ')} |`;
}

function statusMark(status: string): string {
  return STATUS_MARKS[status as CheckStatus] ?? escapeMarkdown(STATUS_LABELS[status as CheckStatus] ?? String(status));
}

function yesNo(value: boolean): string {
  return value ? '✓' : '✗';
}

function dateText(date: string | null | undefined, source: string | null | undefined): string {
  if (!date) return 'no date';
  return `${escapeMarkdown(date)}${source ? ` (${escapeMarkdown(source)})` : ''}`;
}

/** Click path as "/ › /customers/ › /customers/acme/"; paths only, links would bloat a ticket. */
function pathText(path: string[] | null | undefined, homeHost: string | null): string {
  if (!path || path.length === 0) return 'not linked from the homepage';
  return path.map((url) => escapeMarkdown(displayPath(url, homeHost))).join(' › ');
}
