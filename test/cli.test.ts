// The command as users run it: spawn `node bin/partner-presence.js` and check output and exit codes.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { startFixtureServer } from '../fixtures/server.ts';
import { renderTerminal, wantsColor } from '../src/report/terminal.ts';
import type { Report } from '../src/types.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BIN = join(ROOT, 'bin/partner-presence.js');
const DEMO = join(ROOT, 'bin/demo.js');
const SITE = 'static';
const expected = JSON.parse(readFileSync(join(ROOT, `fixtures/sites/${SITE}/expected.json`), 'utf8')) as {
  homepage: string; asOf: string; checks: Record<string, string>;
};

interface Run { code: number | null; stdout: string; stderr: string }

function cli(args: string[], cwd = ROOT, bin = BIN, env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], { cwd, env: { ...process.env, NO_COLOR: '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => { stdout += d; });
    child.stderr.on('data', (d) => { stderr += d; });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** A port nothing listens on: bind one, note it, close it. */
function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

let server: Awaited<ReturnType<typeof startFixtureServer>>;
let dir: string;

beforeAll(async () => {
  server = await startFixtureServer({ sites: [SITE] });
  dir = mkdtempSync(join(tmpdir(), 'pp-cli-'));
});
afterAll(async () => {
  await server?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const siteArgs = () => [
  expected.homepage.replace('{{PORT}}', String(server.port)),
  ...server.resolveArgs().flatMap((r) => ['--resolve', r]), '--allow-private', '--delay-ms', '0',
];

describe('partner-presence CLI', () => {
  it('documents every command and the audit options in --help', async () => {
    const top = await cli(['--help']);
    expect(top.code).toBe(0);
    for (const word of ['audit', 'crawl', 'batch', 'report']) expect(top.stdout).toContain(word);
    const audit = await cli(['audit', '--help']);
    expect(audit.code).toBe(0);
    for (const flag of ['--as-of', '--json', '--html', '--md', '--max-pages', '--max-depth', '--render', '--resolve', '--allow-private', 'Exit codes']) {
      expect(audit.stdout).toContain(flag);
    }
  });

  it('exits 2 with a clear message for a URL that is not a web address, and for a bad --as-of', async () => {
    const bad = await cli(['audit', 'not a url']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('"not a url" is not a web address');
    expect(bad.stderr).not.toMatch(/\n\s+at /);
    const ftp = await cli(['audit', 'ftp://partner.test/']);
    expect(ftp.code).toBe(2);
    expect(ftp.stderr).toContain('not an http(s) address');
    const date = await cli(['audit', 'https://partner.test/', '--as-of', '2026-02-30']);
    expect(date.code).toBe(2);
    expect(date.stderr).toMatch(/YYYY-MM-DD/);
    const missing = await cli(['audit']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/missing required argument/);
  });

  it('exits 2 with one clear message when the homepage cannot be reached', async () => {
    const port = await closedPort();
    const run = await cli(['audit', `http://down.test:${port}/`, '--resolve', `down.test:${port}:127.0.0.1`, '--allow-private']);
    expect(run.code).toBe(2);
    const errors = run.stderr.split('\n').filter((l) => l.startsWith('error:'));
    expect(errors).toHaveLength(1);
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(run.stdout).toBe('');
  });

  it('audits a site: JSON on stdout, Markdown and HTML files, summary on stderr, exit code from the verdicts', { timeout: 120_000 }, async () => {
    const md = join(dir, 'r.md');
    const html = join(dir, 'r.html');
    const run = await cli(['audit', ...siteArgs(), '--as-of', expected.asOf, '--json', '-', '--md', md, '--html', html]);
    const report = JSON.parse(run.stdout);
    const schema = JSON.parse(readFileSync(join(ROOT, 'schema/report.schema.json'), 'utf8'));
    const validate = new Ajv2020({ strict: false }).compile(schema);
    expect(validate(report), JSON.stringify(validate.errors)).toBe(true);
    const gating = ['P2.2.1', 'P2.2.2', 'P3.1', 'P3.2'].every((id) => expected.checks[id] === 'pass');
    expect(run.code).toBe(gating ? 0 : 1);
    expect(report.asOf).toBe(expected.asOf);
    for (const id of ['P2.1', 'P2.2.1', 'P2.2.2', 'P2.3', 'P3.1', 'P3.2']) expect(run.stderr).toMatch(new RegExp(`${report.checks.find((c: { id: string }) => c.id === id).status.toUpperCase()}\\s+${id.replaceAll('.', '\\.')}\\s`));
    expect(run.stderr).not.toContain('\x1b[');
    expect(readFileSync(md, 'utf8')).toContain('P3.2');
    expect(readFileSync(html, 'utf8')).toMatch(/^<!doctype html>/i);
  });

  it('exits 1 when a gating check does not pass (the same site audited years later)', { timeout: 120_000 }, async () => {
    const run = await cli(['audit', ...siteArgs(), '--as-of', '2031-01-01']);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/FAIL\s+P3\.2\s/);
    expect(run.stdout).toMatch(/^partner-presence .* as of 2031-01-01: FAIL/);
  });

  it('writes the summary, the progress and the Markdown report in Traditional Chinese with --lang zh-TW, and refuses a language it lacks', { timeout: 120_000 }, async () => {
    const md = join(dir, 'zh.md');
    const run = await cli(['audit', ...siteArgs(), '--as-of', '2031-01-01', '--lang', 'zh-TW', '--md', md]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^正在稽核 http:/m);
    expect(run.stderr).toContain('已將 MD 報告寫入');
    expect(run.stdout).toMatch(/^partner-presence .*，稽核日期 2031年1月1日： 未通過$/m);
    expect(run.stdout).toMatch(/^ {2}未通過 +P3\.2 +近期的零售思想領導力 /m);
    expect(readFileSync(md, 'utf8')).toMatch(/^# 零售網路形象稽核：/);
    const french = await cli(['audit', ...siteArgs(), '--lang', 'fr']);
    expect(french.code).toBe(2);
    expect(french.stderr).toMatch(/--lang.*fr.*en, zh-TW/s);
  });

  it('runs the demo offline: verdicts on stdout, demo-report.html and .json in the current directory', { timeout: 120_000 }, async () => {
    const run = await cli([], dir, DEMO);
    expect(run.code, run.stderr).toBe(0);
    for (const id of ['P2.1', 'P2.2.1', 'P2.2.2', 'P2.3', 'P3.1', 'P3.2']) expect(run.stdout).toMatch(new RegExp(`(PASS|FAIL|REVIEW)\\s+${id.replaceAll('.', '\\.')}\\s`));
    const report = JSON.parse(readFileSync(join(dir, 'demo-report.json'), 'utf8'));
    expect(report.homepage).toMatch(/^http:\/\/www\.[a-z]+\.test:\d+\/$/);
    expect(readFileSync(join(dir, 'demo-report.html'), 'utf8')).toContain(report.homepage);
  });
});

describe('the command as built', () => {
  it('runs the compiled JavaScript in dist/, with no TypeScript loader', { timeout: 120_000 }, async () => {
    // A module hook preloaded into the command notes every module its thread resolves.
    const log = join(dir, 'resolved.txt');
    const hook = [
      "import { appendFileSync } from 'node:fs';",
      'export async function resolve(specifier, context, next) {',
      '  const resolved = await next(specifier, context);',
      `  appendFileSync(${JSON.stringify(log)}, resolved.url + '\\n');`,
      '  return resolved;',
      '}',
    ].join('\n');
    const preload = join(dir, 'note-modules.mjs');
    writeFileSync(preload, `import { register } from 'node:module';\nregister(${JSON.stringify(`data:text/javascript,${encodeURIComponent(hook)}`)});\n`);
    const run = await cli(['audit', ...siteArgs(), '--as-of', expected.asOf, '--json', '-'], ROOT, BIN, { NODE_OPTIONS: `--import=${preload}` });
    expect([0, 1], run.stderr).toContain(run.code);
    expect(JSON.parse(run.stdout).checks).toHaveLength(6);
    const resolved = readFileSync(log, 'utf8').split('\n');
    expect(resolved).toContain(new URL('../dist/src/cli.js', import.meta.url).href);
    expect(resolved.filter((url) => url.includes('/node_modules/tsx/') || url.endsWith('.ts'))).toEqual([]);
    // An audit loads neither the batch commands' stores nor PostgreSQL's client and job queue: held
    // from start-up, they cost every audit ~10 MB of RSS.
    expect(resolved.filter((url) => /\/node_modules\/(pg|pg-boss)\/|\/dist\/src\/(batch\/actions|store\/(index|postgres))\.js$/.test(url))).toEqual([]);
  });

  it('starts, run as a program, with its line’s V8 flags and at most two malloc arenas', async () => {
    const seen = join(dir, 'started-with.json');
    const preload = join(dir, 'note-start.mjs');
    writeFileSync(preload, `import { writeFileSync } from 'node:fs';\nwriteFileSync(${JSON.stringify(seen)}, JSON.stringify({ arenas: process.env.MALLOC_ARENA_MAX, flags: process.execArgv }));\n`);
    // Executed itself, not through node: its #! line is what runs it.
    const run = await new Promise<number | null>((resolve, reject) => {
      const child = spawn(BIN, ['--version'], { env: { ...process.env, MALLOC_ARENA_MAX: '', NODE_OPTIONS: `--import=${preload}` }, stdio: 'ignore' });
      child.on('error', reject);
      child.on('close', resolve);
    });
    expect(run).toBe(0);
    const started = JSON.parse(readFileSync(seen, 'utf8')) as { arenas: string; flags: string[] };
    expect(started.arenas).toBe('2');
    expect(started.flags).toEqual(expect.arrayContaining(['--max-old-space-size=768', '--max-semi-space-size=2', '--interrupt-budget=400000', '--no-allocation-site-pretenuring']));
  });

  it('says how to build it when dist/ is missing', async () => {
    const unbuilt = join(dir, 'unbuilt');
    mkdirSync(unbuilt);
    cpSync(join(ROOT, 'bin'), join(unbuilt, 'bin'), { recursive: true });
    for (const bin of ['partner-presence.js', 'demo.js']) {
      const run = await cli(['--version'], dir, join(unbuilt, 'bin', bin));
      expect(run.code).toBe(1);
      expect(run.stderr).toBe('partner-presence is not built: run `npm run build` (npm ci does it).\n');
    }
  });
});

describe('terminal summary', () => {
  const report = {
    homepage: 'https://www.partner.test/', asOf: '2026-11-29', verdict: 'fail',
    checks: [
      { id: 'P2.1', title: 'Case-study elements', status: 'review', summary: 'x'.repeat(300), evidence: [], recommendation: 'Add dates.', informational: true },
      { id: 'P3.2', title: 'Recent retail thought leadership', status: 'fail', summary: 'newest 2025-01-01', evidence: [], recommendation: 'Publish.', informational: false },
    ],
    practicePage: null, caseStudies: [], thoughtLeadership: [],
    crawl: { pagesFetched: 3, pagesRendered: 0, documents: 1, blockedByRobots: [], errors: [{ url: 'https://www.partner.test/x', error: 'HTTP 500' }], stoppedBy: 'max-pages', renderUnavailable: null, durationMs: 1200 },
  } as unknown as Report;

  it('colours statuses only when asked, fits summaries to the width, and lists what to do', () => {
    const plain = renderTerminal(report, { color: false, width: 80 });
    expect(plain).not.toContain('\x1b[');
    expect(plain).toMatch(/^partner-presence https:\/\/www\.partner\.test\/ as of 2026-11-29: FAIL$/m);
    expect(plain).toMatch(/^ {2}FAIL {3}P3\.2 {3}Recent retail thought leadership +newest 2025-01-01$/m);
    expect(plain.split('\n').every((line) => [...line].length <= 80 || line.startsWith('P3.2:'))).toBe(true);
    expect(plain).toContain('…');
    expect(plain).toContain('P3.2: Publish.');
    expect(plain).not.toContain('P2.1: Add dates.');
    expect(plain).toMatch(/Crawl: +3 pages \(1 PDF, 1 error, stopped at the page limit\) in 1\.2 s$/m);
    const coloured = renderTerminal(report, { color: true, width: 80 });
    expect(coloured).toContain('\x1b[31mFAIL');
    expect(coloured).toContain('\x1b[33mREVIEW');
  });

  it('wants colour on a TTY unless NO_COLOR is set, and never when piped', () => {
    expect(wantsColor({ isTTY: true }, {})).toBe(true);
    expect(wantsColor({ isTTY: true }, { NO_COLOR: '1' })).toBe(false);
    expect(wantsColor({ isTTY: false }, {})).toBe(false);
    expect(wantsColor({}, {})).toBe(false);
  });
});
