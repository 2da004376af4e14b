// npm run bench:real -- [run|serve|files|labels] [--sources DIR] [--site ID …] [--max-pages N]
//
// The real-site development bench (issue 9). Every site in sources.json, built beforehand under the
// sources directory (see README), is served on 127.0.0.1 under its real hostname, audited with the
// library (auditSite, as-of fixed per site) and scored against labels/<id>.json.
//
//   run    (default) audit, print per site and a machine-readable last line:
//          sites= checks_agree=x/y cs_P= cs_R= tl_P= tl_R= dates= review_rate= robots_forbidden= tl_R_readable=
//          Sites without a label are audited but neither scored nor shown (a labeller must not see verdicts).
//   serve  serve one site for a person to browse; prints its URL and the --resolve mapping
//   files  write builds/<id>/FILES.txt (every page's URL and file) for labellers reading the HTML
//   labels check every labels/<id>.json against the format (no audit, no verdicts)
//
// It is a development bench, not part of `npm test`: CI has no snapshots. See README.md in this folder.

import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { startFixtureServer } from '../../fixtures/server.ts';
import { auditSite } from '../../src/audit.ts';
import type { Report } from '../../src/types.ts';
import { readBuild, sitePaths, writeFileList, type BuildRecord } from './builds.ts';
import { labelledUrlsRobotsForbids } from './robots.ts';
import { homepagePath, LABELS_DIR, loadSources, type SiteSource } from './sources.ts';
import { pageKey, rate, scoreCorpus, scoreSite, summaryLine, validateLabel, type SiteScore } from './score.ts';

const DEFAULT_SOURCES = '/work/real-sites';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    sources: { type: 'string', default: DEFAULT_SOURCES },
    site: { type: 'string', multiple: true },
    'max-pages': { type: 'string' },
  },
});

const command = positionals[0] ?? 'run';
const sourcesDir = resolve(values.sources);
const all = loadSources();
const chosen = values.site?.length ? values.site.map((id) => all.find((s) => s.id === id) ?? fail(`no site "${id}" in sources.json`)) : all;

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}

/** The sites whose builds are present and current; the others are named on stderr. */
function builtSites(sites: SiteSource[]): Map<string, BuildRecord> {
  const built = new Map<string, BuildRecord>();
  for (const s of sites) {
    try {
      built.set(s.id, readBuild(sourcesDir, s));
    } catch (err) {
      console.error(`!! ${(err as Error).message}`);
    }
  }
  return built;
}

function describeBuild(s: SiteSource, r: BuildRecord): string {
  const size = r.htmlPages === undefined ? '' : `${String(r.htmlPages).padStart(5)} pages ${String(r.pdfs ?? 0).padStart(3)} PDFs  `;
  return `${s.id.padEnd(16)} ${size}${s.repository}@${r.commit.slice(0, 10)} http://${s.hostname}${homepagePath(s)} as-of ${s.asOf}`;
}

function loadLabel(s: SiteSource) {
  const file = join(LABELS_DIR, `${s.id}.json`);
  if (!existsSync(file)) return null;
  const label = validateLabel(JSON.parse(readFileSync(file, 'utf8')), s.id);
  if (label.asOf !== s.asOf) console.error(`   note: ${s.id} label asOf ${label.asOf} differs from sources.json ${s.asOf}; the audit uses ${s.asOf}`);
  return label;
}

function printScore(s: SiteSource, score: SiteScore, report: Report): void {
  console.log(`== ${s.id} (${s.company}; ${s.shape}, ${s.language}) as-of ${s.asOf}: ${report.crawl.pagesFetched} pages fetched, stopped by ${report.crawl.stoppedBy}`);
  for (const c of score.checks) {
    console.log(`   ${c.id.padEnd(7)} expected ${c.expected.padEnd(6)} actual ${(c.actual ?? 'none').padEnd(6)} ${c.agree ? 'agree' : 'DIFFER'}`);
  }
  const pp = score.practicePage;
  console.log(`   practice page: ${pp.hit ? 'hit' : 'MISS'} (expected ${pp.expected ?? 'none'}, actual ${pp.actual ?? 'none'})`);
  const key = (u: string) => pageKey(u, s.hostname, s.aliases);
  const forbidden = new Set(score.robotsForbidden.map((f) => key(f.url)));
  for (const [name, part] of [['case studies', score.caseStudies], ['retail thought leadership', score.thoughtLeadership]] as const) {
    console.log(`   ${name}: P ${rate(part.precision)} (${part.precision.hits}/${part.precision.of}) R ${rate(part.recall)} (${part.recall.hits}/${part.recall.of})`);
    for (const u of part.extra) console.log(`     extra  ${u}`);
    const unreadable = part.missed.filter((u) => forbidden.has(key(u))).length;
    for (const u of part.missed) if (!forbidden.has(key(u))) console.log(`     missed ${u}`);
    if (unreadable) console.log(`     missed ${unreadable} that robots.txt forbids (listed below)`);
  }
  const readable = score.thoughtLeadershipReadableRecall;
  console.log(`   retail thought leadership robots.txt allows: R ${rate(readable)} (${readable.hits}/${readable.of})`);
  console.log(`   robots.txt forbids our crawler ${score.robotsForbidden.length} labelled item(s)${score.robotsForbidden.length ? ' (a polite audit never reads them; counted as missed):' : ''}`);
  for (const f of score.robotsForbidden) console.log(`     ${f.url}  (${f.rule})`);
  console.log(`   dates: ${rate(score.dates)} (${score.dates.hits}/${score.dates.of})`);
  for (const w of score.dates.wrong) console.log(`     ${w.url}: expected ${w.expected ?? 'none'}, got ${w.actual ?? 'none'}`);
  console.log(`   review on decided checks: ${score.reviews.hits}/${score.reviews.of}`);
}

async function runBench(): Promise<void> {
  const built = builtSites(chosen);
  const sites = chosen.filter((s) => built.has(s.id));
  if (sites.length === 0) fail('no site is built: see the errors above');
  const server = await startFixtureServer({ root: join(sourcesDir, 'builds'), sites: sites.map((s) => s.id), folderRedirects: true });
  const scores: SiteScore[] = [];
  const unlabelled: string[] = [];
  const failed: string[] = [];
  mkdirSync(join(sourcesDir, 'reports'), { recursive: true });
  try {
    for (const s of sites) {
      const label = loadLabel(s);
      const started = Date.now();
      let report: Report;
      try {
        ({ report } = await auditSite(server.url(s.hostname, homepagePath(s)), {
          resolve: server.resolveArgs(), allowPrivate: true, asOf: s.asOf, delayMs: 0,
          ...(values['max-pages'] ? { maxPages: Number(values['max-pages']) } : {}),
        }));
      } catch (err) {
        console.error(`!! ${s.id}: audit failed: ${(err as Error).message}`);
        failed.push(s.id);
        continue;
      }
      // Kept outside the repository (it quotes the site) so a result can be studied without re-running.
      writeFileSync(join(sourcesDir, 'reports', `${s.id}.json`), JSON.stringify(report, null, 2));
      if (!label) {
        console.log(`== ${s.id}: unlabelled; audited ${report.crawl.pagesFetched} pages in ${((Date.now() - started) / 1000).toFixed(1)}s (verdicts not shown)`);
        unlabelled.push(s.id);
        continue;
      }
      const forbidden = await labelledUrlsRobotsForbids(label, s.hostname, s.aliases, server.port);
      const score = scoreSite(label, report, s.hostname, s.aliases, forbidden);
      scores.push(score);
      printScore(s, score, report);
    }
  } finally {
    await server.close();
  }
  const corpus = scoreCorpus(scores);
  if (unlabelled.length) console.log(`unlabelled (audited, not scored): ${unlabelled.join(', ')}`);
  if (failed.length) console.log(`audit failed: ${failed.join(', ')}`);
  console.log(`practice pages hit ${corpus.practicePages.hits}/${corpus.practicePages.of}`);
  console.log(summaryLine(corpus));
}

async function serveOne(): Promise<void> {
  const id = positionals[1] ?? values.site?.[0] ?? fail('serve needs a site id: npm run bench:real -- serve <id>');
  const s = all.find((x) => x.id === id) ?? fail(`no site "${id}" in sources.json`);
  let record: BuildRecord;
  try { record = readBuild(sourcesDir, s); } catch (err) { fail((err as Error).message); }
  const server = await startFixtureServer({ root: join(sourcesDir, 'builds'), sites: [s.id], folderRedirects: true });
  const port = server.port;
  console.log(describeBuild(s, record));
  console.log(`serving ${s.company} at ${server.url(s.hostname, homepagePath(s))}`);
  console.log(`  the name must resolve to 127.0.0.1 (it is the real site's name):`);
  console.log(`  curl --resolve ${s.hostname}:${port}:127.0.0.1 ${server.url(s.hostname, homepagePath(s))}`);
  console.log(`  chromium --host-resolver-rules="MAP ${s.hostname} 127.0.0.1" ${server.url(s.hostname, homepagePath(s))}`);
  console.log(`  partner-presence audit ${server.url(s.hostname, homepagePath(s))} --resolve ${s.hostname}:${port}:127.0.0.1 --allow-private --as-of ${s.asOf}`);
  console.log(`  files: ${sitePaths(sourcesDir, s).files}`);
  console.log('Ctrl-C stops the server.');
  await new Promise<void>((done) => process.once('SIGINT', done));
  await server.close();
}

function checkLabels(): void {
  let problems = 0;
  for (const s of chosen) {
    try {
      const label = loadLabel(s);
      console.log(`${s.id.padEnd(16)} ${label ? `ok (${label.labeller}, ${label.labelledAt}, ${label.corrections.length} corrections)` : 'no label'}`);
    } catch (err) {
      problems++;
      console.log(`${s.id.padEnd(16)} ${(err as Error).message}`);
    }
  }
  if (problems) process.exitCode = 1;
}

async function main(): Promise<void> {
  if (command === 'run') return runBench();
  if (command === 'labels') return checkLabels();
  if (command === 'serve') return serveOne();
  if (command === 'files') {
    const built = builtSites(chosen);
    for (const s of chosen) if (built.has(s.id)) console.log(`${describeBuild(s, built.get(s.id)!)}\n  ${writeFileList(sourcesDir, s)}`);
    if (built.size < chosen.length) process.exitCode = 1;
    return;
  }
  fail(`unknown command "${command}": run, serve, files or labels`);
}

await main();
