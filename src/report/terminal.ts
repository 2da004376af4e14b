// The terminal summary: the verdict, then one line per check (status, id, title, outcome), then the
// practice page, case studies, thought leadership and crawl in one line each. Colour only when asked.
// Words come from the message catalog.

import type { CheckStatus, Report } from '../types.ts';
import { t, type Lang } from '../messages/index.ts';
import { adviceText, outcomeText } from './words.ts';

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
/** "REVIEW", the longest status. */
const BADGE_WIDTH = 6;

/** Whether to colour a stream: a TTY, and NO_COLOR unset or empty (https://no-color.org). */
export function wantsColor(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv = process.env): boolean {
  return Boolean(stream.isTTY) && !env.NO_COLOR;
}

function fit(text: string, width: number): string {
  const chars = [...text];
  return chars.length <= width ? text : `${chars.slice(0, Math.max(1, width - 1)).join('')}…`;
}

export function renderTerminal(report: Report, options: TerminalOptions, lang: Lang = 'en'): string {
  const paint = (code: string, text: string) => (options.color ? `${code}${text}${RESET}` : text);
  const badge = (status: CheckStatus) => paint(COLORS[status], status.toUpperCase().padEnd(BADGE_WIDTH));
  const lines: string[] = [];
  lines.push(`${paint(BOLD, 'partner-presence')} ${t(lang, 'terminal.head', { homepage: report.homepage, asOf: report.asOf })} ${badge(report.verdict).trimEnd()}`);
  lines.push('');
  const info = ` ${t(lang, 'terminal.info')}`;
  const titleWidth = Math.max(...report.checks.map((c) => c.title.length + (c.informational ? info.length : 0)));
  for (const c of report.checks) {
    const title = `${c.title}${c.informational ? info : ''}`.padEnd(titleWidth);
    const room = Math.max(20, options.width - (2 + BADGE_WIDTH + 1 + 7 + title.length + 2));
    lines.push(`  ${badge(c.status)} ${c.id.padEnd(7)}${title}  ${fit(outcomeText(lang, c), room)}`);
  }
  lines.push('');
  const p = report.practicePage;
  const practice = !p ? t(lang, 'terminal.practice.none')
    : t(lang, p.path ? 'terminal.practice.linked' : 'terminal.practice.unlinked', { page: p.isHomepage ? t(lang, 'md.the-homepage') : p.url, count: p.path ? p.path.length - 1 : 0 });
  lines.push(t(lang, 'terminal.practice', { practice }));
  const counted = report.caseStudies.filter((c) => c.counted);
  lines.push(t(lang, 'terminal.case-studies', { counted: counted.length, reachable: counted.filter((c) => c.reachable).length, found: report.caseStudies.length }));
  const retailTl = report.thoughtLeadership.filter((i) => i.retail);
  const newest = retailTl.map((i) => i.published).filter((d): d is string => d !== null && d <= report.asOf).sort().at(-1) ?? null;
  lines.push(t(lang, 'terminal.thought-leadership', {
    count: retailTl.length, recent: retailTl.filter((i) => i.withinWindow).length, months: report.windows?.thoughtLeadership.months ?? 12, newest,
  }));
  const c = report.crawl;
  lines.push(t(lang, 'terminal.crawl', {
    pages: c.pagesFetched, rendered: c.pagesRendered, documents: c.documents, errors: c.errors.length, robots: c.blockedByRobots.length,
    stopped: c.stoppedBy !== 'done' ? c.stoppedBy : null, browser: c.renderUnavailable, seconds: (c.durationMs / 1000).toFixed(1),
  }));
  const todo = report.checks.filter((ch) => ch.status !== 'pass' && !ch.informational).map((ch) => [ch, adviceText(lang, ch)] as const).filter(([, advice]) => advice);
  if (todo.length) {
    lines.push('');
    for (const [ch, advice] of todo) lines.push(paint(DIM, `${ch.id}: ${advice}`));
  }
  return `${lines.join('\n')}\n`;
}
