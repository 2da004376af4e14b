// `partner-presence crawl <url>`: crawl only, for debugging a site: a summary, and the page records
// as JSON lines when asked. Exit codes: 0 crawled, 2 usage error or a site that cannot be crawled.
import { createWriteStream, type WriteStream } from 'node:fs';
import type { Command } from 'commander';
import { crawlSite } from '../crawlers/crawl.ts';
import { CrawlStartError } from '../crawlers/errors.ts';
import type { CrawlResult, PageRecord } from '../crawlers/types.ts';
import { addCrawlOptions, crawlOptionsFromCli } from './cli-options.ts';
import { withoutControls } from './report/escape.ts';

export function registerCrawlCommand(program: Command): void {
  const crawl = program
    .command('crawl')
    .description('crawl a site from its homepage (no checks) and print what the crawl saw')
    .argument('<url>', "the site's homepage (https:// is added when no scheme is given)")
    .option('--jsonl <file>', 'write each page record (without its body) as a JSON line to FILE; "-" for stdout');
  addCrawlOptions(crawl);
  crawl.action(async (url: string, opts: Record<string, unknown>, cmd: Command) => {
    cmd.setOptionValue('exitCode', await crawlAction(url, opts));
  });
}

async function crawlAction(url: string, opts: Record<string, unknown>): Promise<number> {
  const jsonlPath = opts.jsonl as string | undefined;
  const out = jsonlPath === '-' ? process.stderr : process.stdout;
  let jsonl: WriteStream | NodeJS.WriteStream | null = null;
  try {
    const options = crawlOptionsFromCli(opts);
    jsonl = jsonlPath === '-' ? process.stdout : jsonlPath ? createWriteStream(jsonlPath) : null;
    const controller = new AbortController();
    const onSigint = () => controller.abort();
    process.once('SIGINT', onSigint);
    let result: CrawlResult;
    try {
      result = await crawlSite(url, { ...options, signal: controller.signal }, {
        page: (page) => {
          jsonl?.write(`${JSON.stringify({ ...page, body: undefined, bytes: undefined })}\n`);
        },
      });
    } finally {
      process.off('SIGINT', onSigint);
    }
    out.write(withoutControls(crawlSummary(result)));
    return 0;
  } catch (err) {
    if (err instanceof CrawlStartError || err instanceof RangeError) {
      process.stderr.write(`error: ${withoutControls(err.message)}\n`);
      return 2;
    }
    throw err;
  } finally {
    if (jsonl && jsonl !== process.stdout) await new Promise((r) => (jsonl as WriteStream).end(r));
  }
}

/** Plain-text summary: pages, depth histogram, rendering, robots, errors. */
export function crawlSummary(result: CrawlResult): string {
  const lines: string[] = [];
  const count = (pred: (p: PageRecord) => boolean) => result.pages.filter(pred).length;
  lines.push(`Crawled ${result.homepage} (scope ${result.scopeDomain}) in ${(result.durationMs / 1000).toFixed(1)} s, stopped: ${result.stoppedBy}`);
  lines.push(`Pages: ${result.pages.length} fetched, ${count((p) => p.httpStatus !== null && p.httpStatus < 300)} OK, ${count((p) => p.foundVia === 'sitemap' && p.depth === null)} only in sitemaps`);
  const depths = new Map<number, number>();
  for (const page of result.pages) {
    const path = result.paths[page.url];
    if (path) depths.set(path.length - 1, (depths.get(path.length - 1) ?? 0) + 1);
  }
  const unreachable = result.pages.filter((p) => !result.paths[p.url]).length;
  lines.push('Clicks from the homepage:');
  for (const [depth, n] of [...depths].sort((a, b) => a[0] - b[0])) lines.push(`  ${String(depth).padStart(2)}  ${String(n).padStart(5)}  ${'#'.repeat(Math.min(n, 50))}`);
  if (unreachable) lines.push(`  --  ${String(unreachable).padStart(5)}  not reachable by links`);
  lines.push(`Rendered: ${count((p) => p.rendered)}${result.renderUnavailable ? ` (${result.renderUnavailable})` : ''}`);
  const bySkip = new Map<string, number>();
  for (const s of result.skipped) bySkip.set(s.reason, (bySkip.get(s.reason) ?? 0) + 1);
  // Past the crawl's listing limit, skips are only counted.
  for (const [reason, n] of Object.entries(result.unlisted.skipped)) bySkip.set(reason, (bySkip.get(reason) ?? 0) + n);
  lines.push(`Blocked by robots.txt: ${bySkip.get('robots') ?? 0}`);
  const other = [...bySkip].filter(([r]) => r !== 'robots');
  if (other.length) lines.push(`Skipped: ${other.map(([r, n]) => `${n} ${r}`).join(', ')}`);
  const robots = result.robots.map((r) => `${r.host} ${r.status}${r.crawlDelayS ? ` (Crawl-delay ${r.crawlDelayS} s)` : ''}`);
  if (robots.length) lines.push(`robots.txt: ${robots.join('; ')}`);
  const blocked = result.pages.filter((p) => p.blocked);
  if (blocked.length) lines.push(`Refused by bot protection: ${blocked.length} (${blocked.slice(0, 3).map((p) => p.url).join(', ')}${blocked.length > 3 ? ' …' : ''})`);
  const errors = result.pages.filter((p) => p.error && !p.blocked);
  lines.push(`Errors: ${errors.length}`);
  for (const p of errors.slice(0, 10)) lines.push(`  ${p.url}: ${p.error}`);
  if (errors.length > 10) lines.push(`  … ${errors.length - 10} more`);
  lines.push(`Outbound links: ${result.outbound.length}`);
  return `${lines.join('\n')}\n`;
}
