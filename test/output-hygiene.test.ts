// What the tool prints and writes stays inert whatever a site or an input file contains: no control
// character from robots.txt, titles or applicant names reaches a terminal or summary.csv, Markdown
// pings nobody, and a reader that closes the pipe early ends the command quietly. The real CLI against
// a real fixture server.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startFixtureServer, type FixtureServer } from '../fixtures/server.ts';
import { escapeMarkdown, withoutControls } from '../src/report/escape.ts';

const ROOT = join(import.meta.dirname, '..');
const BIN = join(ROOT, 'bin', 'partner-presence.js');
// Clears the screen, homes the cursor and prints a green fake verdict; CR and a C1 CSI try the same.
const FAKE_PASS = '\x1b[2J\x1b[H\x1b[32maudit PASSED\x1b[0m\r\x9b2J';
const CONTROL = /[\x00-\x08\x0b-\x1f\x7f-\x9f]/;
let server: FixtureServer;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'pp-hygiene-'));
  const sites = join(dir, 'sites');
  mkdirSync(join(sites, 'evil', 'www.evil.test'), { recursive: true });
  writeFileSync(join(sites, 'evil', 'www.evil.test', 'robots.txt'), `User-agent: *\nDisallow: / # ${FAKE_PASS}\n`);
  writeFileSync(join(sites, 'evil', 'www.evil.test', 'index.html'), '<title>x</title>');
  mkdirSync(join(sites, 'calm', 'www.calm.test'), { recursive: true });
  writeFileSync(join(sites, 'calm', 'www.calm.test', 'index.html'), `<html><head><title>Calm ${FAKE_PASS}</title></head><body><h1>Calm</h1><p>${'Retail stores. '.repeat(500)}</p></body></html>`);
  server = await startFixtureServer({ root: sites });
});

afterAll(async () => {
  await server?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function run(args: string[], options: { closeStdout?: boolean } = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  // A reader that went away before the command wrote anything, like `| head` after its first line.
  if (options.closeStdout) child.stdout!.destroy();
  else child.stdout!.on('data', (d: Buffer) => (stdout += d.toString('latin1')));
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString('latin1')));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

const crawlArgs = () => ['--allow-private', '--delay-ms', '0', '--render', 'never', ...server.resolveArgs().flatMap((r) => ['--resolve', r])];

describe('terminal and file output hygiene', () => {
  it('strips control characters of a robots.txt comment from audit and crawl errors', async () => {
    for (const command of ['audit', 'crawl']) {
      const result = await run([command, `http://www.evil.test:${server.port}/`, ...crawlArgs()]);
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/may not be crawled: robots\.txt line 2: Disallow: \/ # \[2J\[H\[32maudit PASSED\[0m/);
      expect(result.stderr + result.stdout).not.toMatch(CONTROL);
    }
  });

  it('strips them from applicant names in summary.csv, the summary table and the progress lines', async () => {
    // JSON, which can carry NUL (a CSV with NUL is refused as binary).
    const list = join(dir, 'hostile.json');
    writeFileSync(list, [
      '[',
      `${JSON.stringify({ name: `Calm\x00 ${FAKE_PASS}`, homepage: `http://www.calm.test:${server.port}/`, notes: 'note\x1b]0;title\x07' })},`,
      `${JSON.stringify({ name: 'Bad', homepage: 'http://exa\x1b[2Jmple.test/' })}`,
      ']',
    ].join('\n'));
    const out = join(dir, 'out');
    const result = await run(['batch', list, '--out', out, '--as-of', '2026-11-29', ...crawlArgs()]);
    expect(result.code, result.stderr).toBe(1); // one row skipped
    expect(result.stderr).toMatch(/hostile\.json:3: malformed homepage "http:\/\/exa\[2Jmple\.test\/"/);
    expect(result.stdout + result.stderr).not.toMatch(CONTROL);
    const csv = readFileSync(join(out, 'summary.csv'), 'utf8');
    expect(csv).toContain('Calm [2J[H[32maudit PASSED[0m2J');
    expect(csv).toContain('note]0;title');
    expect(csv.replaceAll('\r\n', '')).not.toMatch(CONTROL);
  });

  it('ends quietly when the reader closes the pipe: --help, and --json - to stdout', async () => {
    const help = await run(['audit', '--help'], { closeStdout: true });
    expect([help.code, help.stderr]).toEqual([0, '']);
    const json = await run(['audit', `http://www.calm.test:${server.port}/`, '--as-of', '2026-11-29', '--json', '-', ...crawlArgs()], { closeStdout: true });
    expect(json.stderr).not.toMatch(/EPIPE|^\s+at /m);
    expect(json.stderr).toMatch(/partner-presence http:\/\/www\.calm\.test/); // the summary still goes to stderr
    expect(json.code).toBe(1); // the audit's own exit code: not every check passes
  });
});

describe('escaping helpers', () => {
  it('withoutControls keeps text, tabs and newlines and drops C0, C1, DEL and bidi controls', () => {
    expect(withoutControls('a\tb\nc\x1b[2Jd\x00e\x7ff\x9bg\u202eh\u2066i')).toBe('a\tb\nc[2Jdefghi');
  });

  it('Markdown notifies nobody, links no issue and drops bidi overrides', () => {
    expect(escapeMarkdown('thanks @octocat, fixes #123 and GH#9 \u202Egnp.exe\u202C')).toBe(
      'thanks @\u200boctocat, fixes #\u200b123 and GH#\u200b9 gnp.exe',
    );
    expect(escapeMarkdown('mail a@b.test or #retail')).toBe('mail a@\u200bb.test or #retail');
  });
});
