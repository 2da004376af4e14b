// The terminal summary: the verdict, then one line per check (status, id, title, outcome), then the
// practice page, case studies, thought leadership, crawl and how long the result holds, one line each.
// Colour only when asked. Words come from the message catalog; columns are counted as the terminal
// shows them (a Chinese character takes two), so the table lines up in every language.

import type { CheckStatus, Report } from '../types.ts';
import { t, type Lang, type MessageValue } from '../messages/index.ts';
import { displayWidth, fit, padEnd } from './columns.ts';
import { adviceText, checkTitle, outcomeText, reportValidityText, statusLabel } from './words.ts';

export interface TerminalOptions {
  /** ANSI colour (a TTY without NO_COLOR). */
  color: boolean;
  /** Line width to fit summaries in (a terminal's columns); longer ones are cut with an ellipsis. */
  width: number;
}

const COLORS: Record<CheckStatus, string> = { pass: '\x1b[32m', fail: '\x1b[31m', review: '\x1b[33m' };
const RESET = '\x1b[0m';
const BOLD = '\x1b[1m';
const DIM = '\x1b[2m';
const ID_WIDTH = 7;

/** Whether to colour a stream: a TTY, and NO_COLOR unset or empty (https://no-color.org). */
export function wantsColor(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv = process.env): boolean {
  return Boolean(stream.isTTY) && !env.NO_COLOR;
}

export function renderTerminal(report: Report, options: TerminalOptions, lang: Lang = 'en'): string {
  const paint = (code: string, text: string) => (options.color ? `${code}${text}${RESET}` : text);
  const statusWord = (status: CheckStatus) => statusLabel(lang, status).toLocaleUpperCase(lang);
  const badgeWidth = Math.max(...(['pass', 'fail', 'review'] as const).map((s) => displayWidth(statusWord(s))));
  const badge = (status: CheckStatus) => paint(COLORS[status], padEnd(statusWord(status), badgeWidth));
  const lines: string[] = [];
  lines.push(`${paint(BOLD, 'partner-presence')} ${t(lang, 'terminal.head', { homepage: report.homepage, asOf: report.asOf })} ${badge(report.verdict).trimEnd()}`);
  lines.push('');
  // An informational check's title with its mark: "Case-study elements (info)", 「…要素（參考）」 (no space before a full-width bracket).
  const titles = report.checks.map((c) => (c.informational ? t(lang, 'terminal.title.informational', { title: checkTitle(lang, c) }) : checkTitle(lang, c)));
  const titleWidth = Math.max(...titles.map(displayWidth));
  report.checks.forEach((c, i) => {
    const room = Math.max(20, options.width - (2 + badgeWidth + 1 + ID_WIDTH + titleWidth + 2));
    lines.push(`  ${badge(c.status)} ${c.id.padEnd(ID_WIDTH)}${padEnd(titles[i]!, titleWidth)}  ${fit(outcomeText(lang, c), room)}`);
  });
  lines.push('');

  const facts: [label: string, value: string][] = [];
  const p = report.practicePage;
  facts.push([t(lang, 'terminal.label.practice'), !p ? t(lang, 'terminal.practice.none')
    : t(lang, p.path ? 'terminal.practice.linked' : 'terminal.practice.unlinked', { page: p.isHomepage ? t(lang, 'md.the-homepage') : p.url, count: p.path ? p.path.length - 1 : 0 })]);
  const counted = report.caseStudies.filter((c) => c.counted);
  facts.push([t(lang, 'terminal.label.case-studies'),
    t(lang, 'terminal.case-studies', { counted: counted.length, reachable: counted.filter((c) => c.reachable).length, found: report.caseStudies.length })]);
  const retailTl = report.thoughtLeadership.filter((i) => i.retail);
  const newest = retailTl.map((i) => i.published).filter((d): d is string => d !== null && d <= report.asOf).sort().at(-1) ?? null;
  facts.push([t(lang, 'terminal.label.thought-leadership'), t(lang, 'terminal.thought-leadership', {
    count: retailTl.length, recent: retailTl.filter((i) => i.withinWindow).length, months: report.windows?.thoughtLeadership.months ?? 12, newest,
  })]);
  const c = report.crawl;
  const browser: MessageValue = c.renderUnavailable && { type: 'text', text: c.renderUnavailable };
  facts.push([t(lang, 'terminal.label.crawl'), t(lang, 'terminal.crawl', {
    pages: c.pagesFetched, rendered: c.pagesRendered, documents: c.documents, errors: c.errors.length, robots: c.blockedByRobots.length,
    stopped: c.stoppedBy !== 'done' ? { type: 'label', vocabulary: 'stopped-by', id: c.stoppedBy } : null, browser,
    seconds: c.durationMs / 1000,
  })]);
  const validity = reportValidityText(lang, report);
  if (validity) facts.push([t(lang, 'terminal.label.valid-until'), validity.terminal]);
  const labelWidth = Math.max(...facts.map(([label]) => displayWidth(label)));
  for (const [label, value] of facts) lines.push(`${padEnd(label, labelWidth)} ${value}`);

  const todo = report.checks.filter((ch) => ch.status !== 'pass' && !ch.informational).map((ch) => [ch, adviceText(lang, ch)] as const).filter(([, advice]) => advice);
  if (todo.length) {
    lines.push('');
    for (const [ch, advice] of todo) lines.push(paint(DIM, `${ch.id}: ${advice}`));
  }
  return `${lines.join('\n')}\n`;
}
