// The terminal summary: the verdict, then one line per check (status, id, title, summary), then the
// practice page, case studies, thought leadership and crawl in one line each. Colour only when asked.

import type { CheckStatus, Report } from '../types.ts';
import { plural } from '../checks/phrases.ts';

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

export function renderTerminal(report: Report, options: TerminalOptions): string {
  const paint = (code: string, text: string) => (options.color ? `${code}${text}${RESET}` : text);
  const badge = (status: CheckStatus) => paint(COLORS[status], status.toUpperCase().padEnd(BADGE_WIDTH));
  const lines: string[] = [];
  lines.push(`${paint(BOLD, 'partner-presence')} ${report.homepage} as of ${report.asOf}: ${badge(report.verdict).trimEnd()}`);
  lines.push('');
  const titleWidth = Math.max(...report.checks.map((c) => c.title.length + (c.informational ? 7 : 0)));
  for (const c of report.checks) {
    const title = `${c.title}${c.informational ? ' (info)' : ''}`.padEnd(titleWidth);
    const room = Math.max(20, options.width - (2 + BADGE_WIDTH + 1 + 7 + title.length + 2));
    lines.push(`  ${badge(c.status)} ${c.id.padEnd(7)}${title}  ${fit(c.summary, room)}`);
  }
  lines.push('');
  const p = report.practicePage;
  lines.push(`Practice page:      ${p ? `${p.isHomepage ? 'the homepage' : p.url}${p.path ? ` (${p.path.length - 1} click${p.path.length === 2 ? '' : 's'} from the homepage)` : ' (not linked from the homepage)'}` : 'none found'}`);
  const counted = report.caseStudies.filter((c) => c.counted);
  lines.push(`Case studies:       ${counted.length} retail AWS (${counted.filter((c) => c.reachable).length} reachable) of ${report.caseStudies.length} found`);
  const retailTl = report.thoughtLeadership.filter((t) => t.retail);
  const newest = retailTl.map((t) => t.published).filter((d): d is string => d !== null && d <= report.asOf).sort().at(-1);
  lines.push(`Thought leadership: ${plural(retailTl.length, 'retail item')}, ${retailTl.filter((t) => t.withinWindow).length} in the last 12 months${newest ? `, newest ${newest}` : ''}`);
  const c = report.crawl;
  const extras = [
    c.pagesRendered ? `${c.pagesRendered} rendered` : '', c.documents ? `${c.documents} PDF${c.documents === 1 ? '' : 's'}` : '',
    c.errors.length ? `${c.errors.length} error${c.errors.length === 1 ? '' : 's'}` : '', c.blockedByRobots.length ? `${c.blockedByRobots.length} blocked by robots.txt` : '',
    c.stoppedBy !== 'done' ? `stopped by ${c.stoppedBy}` : '', c.renderUnavailable ? `no browser: ${c.renderUnavailable}` : '',
  ].filter(Boolean);
  lines.push(`Crawl:              ${c.pagesFetched} pages${extras.length ? ` (${extras.join(', ')})` : ''} in ${(c.durationMs / 1000).toFixed(1)} s`);
  const todo = report.checks.filter((ch) => ch.status !== 'pass' && ch.recommendation && !ch.informational);
  if (todo.length) {
    lines.push('');
    for (const ch of todo) lines.push(paint(DIM, `${ch.id}: ${ch.recommendation}`));
  }
  return `${lines.join('\n')}\n`;
}
