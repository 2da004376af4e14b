// Publish-date benchmark: runs extractDates over a manifest of saved pages with reviewed original
// publication dates (default ../shared/eval/dates/manifest.json) and prints coverage, exact-day
// accuracy, precision, recall, ms/page (cheerio.load + extraction) and a per-rule breakdown.
// The pages are split deterministically into a development half and a check half (see evalHalf):
// rules are developed while looking only at the development half's misses (--misses), and a rule is
// kept only if the check half does not get worse, so the figures say something about pages not seen.
// Usage: npm run bench:dates -- [--manifest FILE] [--json FILE] [--as-of YYYY-MM-DD] [--parser htmlparser2|parse5] [--misses]

import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as cheerio from 'cheerio';
import { Command } from 'commander';
import { explainDates, extractDates } from '../analyzers/dates.ts';
import { decodeHtml } from '../analyzers/dates/decode.ts';

interface ManifestEntry {
  file: string;
  url: string;
  expected: string | null;
}

interface PageResult {
  file: string;
  half: Half;
  url: string;
  expected: string | null;
  got: string | null;
  source: string | null;
  rule: string | null;
  modified: string | null;
  ok: boolean;
  /** What every rule found (only with --json; not timed). */
  candidates?: Record<string, string | null>;
}

type Half = 'dev' | 'check';

/**
 * Which half a page belongs to: the low bit of the first byte of sha256 of its file name. The shared
 * set itself was drawn by sha1 order of the file names, so a different hash keeps the halves unrelated
 * to how the set was chosen (on the shared set: 261 development pages, 239 check pages).
 */
export function evalHalf(file: string): Half {
  return (crypto.createHash('sha256').update(path.basename(file)).digest()[0]! & 1) === 0 ? 'dev' : 'check';
}

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function today(): string {
  return new Date().toISOString().slice(0, 10);
}

const ratio = (a: number, b: number): string => (b === 0 ? '0.000' : (a / b).toFixed(3));

function main(argv: string[]): number {
  const program = new Command()
    .name('bench:dates')
    .option('--manifest <file>', 'manifest JSON (array of {file, url, expected})', path.resolve(projectRoot, '..', 'shared', 'eval', 'dates', 'manifest.json'))
    .option('--json <file>', 'write per-page results to this file')
    .option('--as-of <date>', 'audit date YYYY-MM-DD (dates after it are rejected)', today())
    .option('--parser <name>', 'cheerio parser: htmlparser2 (fast) or parse5 (spec-compliant)', 'htmlparser2')
    .option('--misses', "list the development half's misses (never the check half's)")
    .parse(argv, { from: 'user' });
  const opts = program.opts<{ manifest: string; json?: string; asOf: string; parser: string; misses?: boolean }>();
  if (!/^\d{4}-\d{2}-\d{2}$/.test(opts.asOf)) {
    console.error(`--as-of must be YYYY-MM-DD, got "${opts.asOf}"`);
    return 2;
  }
  const manifestPath = path.resolve(opts.manifest);
  if (!fs.existsSync(manifestPath)) {
    console.error(`no manifest at ${manifestPath}: the shared evaluation set sits beside the checkout (../shared/eval/dates), or pass --manifest FILE`);
    return 2;
  }
  const entries = JSON.parse(fs.readFileSync(manifestPath, 'utf8')) as ManifestEntry[];
  const baseDir = path.dirname(manifestPath);

  const results: PageResult[] = [];
  let extractMs = 0;
  // CPU time too: on a shared, busy machine wall time mostly measures the other processes.
  let extractCpuUs = 0;
  for (const e of entries) {
    // The Wayback toolbar (div#wm-ipp-base / #wm-ipp) is skipped by the extractor itself.
    const html = decodeHtml(fs.readFileSync(path.resolve(baseDir, e.file)));
    const t0 = performance.now();
    const cpu0 = process.cpuUsage();
    const $ = opts.parser === 'parse5' ? cheerio.load(html) : cheerio.load(html, { xml: { xmlMode: false, decodeEntities: true } });
    const dates = extractDates($, e.url, opts.asOf);
    extractMs += performance.now() - t0;
    const cpu = process.cpuUsage(cpu0);
    extractCpuUs += cpu.user + cpu.system;
    const got = dates.published?.date ?? null;
    results.push({
      file: e.file,
      half: evalHalf(e.file),
      url: e.url,
      expected: e.expected ?? null,
      got,
      source: dates.published?.source ?? null,
      rule: dates.published?.rule ?? null,
      modified: dates.modified?.date ?? null,
      ok: got !== null && got === e.expected,
      candidates: opts.json
        ? Object.fromEntries(explainDates($, e.url, opts.asOf).map((c) => [c.rule, c.fact ? `${c.fact.date} ${c.fact.rule}` : null]))
        : undefined,
    });
  }

  const pages = results.length;
  const withDate = results.filter((r) => r.got !== null).length;
  const correct = results.filter((r) => r.ok).length;
  const withExpected = results.filter((r) => r.expected !== null);
  const recallHits = withExpected.filter((r) => r.ok).length;
  // One-day misses are the signature of a timestamp shifted across midnight (reported for comparison).
  const dayMs = 86_400_000;
  const withinOneDay = results.filter(
    (r) => r.got !== null && r.expected !== null && Math.abs(Date.parse(r.got) - Date.parse(r.expected)) <= dayMs,
  ).length;

  const byRule = new Map<string, { n: number; ok: number }>();
  for (const r of results) {
    const key = r.rule === null ? '(none)' : r.rule.replace(/^(json-ld:)[^.]+(\.)/, '$1*$2');
    const s = byRule.get(key) ?? { n: 0, ok: 0 };
    s.n++;
    if (r.ok) s.ok++;
    byRule.set(key, s);
  }
  console.log(`manifest: ${manifestPath} (${pages} pages, as of ${opts.asOf}, parser ${opts.parser})`);
  console.log('winning rule                              pages  precision');
  for (const [rule, s] of [...byRule].sort((a, b) => b[1].n - a[1].n)) {
    console.log(`  ${rule.padEnd(40)}${String(s.n).padStart(5)}  ${rule === '(none)' ? '  -  ' : ratio(s.ok, s.n)}`);
  }
  if (opts.json) {
    fs.writeFileSync(opts.json, JSON.stringify(results, null, 1));
    console.log(`per-page results: ${path.resolve(opts.json)}`);
  }
  if (opts.misses) {
    console.log("development half's misses (file, expected, got, winning rule):");
    for (const r of results) if (r.half === 'dev' && !r.ok) console.log(`  ${r.file}  ${r.expected}  ${r.got ?? '-'}  ${r.rule ?? '-'}`);
  }
  for (const half of ['dev', 'check'] as const) {
    const inHalf = results.filter((r) => r.half === half);
    console.log(`${half.padEnd(5)} half: pages=${inHalf.length} accuracy=${ratio(inHalf.filter((r) => r.ok).length, inHalf.length)}`);
  }
  console.log(
    `within one day: ${ratio(withinOneDay, pages)}; extraction (cheerio.load + extractDates): ${(extractMs / Math.max(1, pages)).toFixed(1)} ms/page wall, ${(extractCpuUs / 1000 / Math.max(1, pages)).toFixed(1)} ms/page CPU`,
  );
  console.log(
    `pages=${pages} coverage=${ratio(withDate, pages)} accuracy=${ratio(correct, pages)} precision=${ratio(correct, withDate)} recall=${ratio(recallHits, withExpected.length)} ms_per_page=${(extractMs / Math.max(1, pages)).toFixed(1)}`,
  );
  return 0;
}

process.exitCode = main(process.argv.slice(2));
