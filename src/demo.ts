// `npm run demo`: serves the bundled demo partner site on 127.0.0.1, audits it, prints the verdicts and
// writes demo-report.html, demo-report.md and demo-report.json in the current directory, in the language
// --lang names (en, zh-TW; the JSON has no prose). No network access needed.

import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PACKAGE_ROOT } from '../crawlers/package-files.ts';
import { startFixtureServer } from '../fixtures/server.ts';
import { auditSite, validateAsOf } from './audit.ts';
import { renderHtml } from './report/html.ts';
import { renderJson } from './report/json.ts';
import { renderMarkdown } from './report/markdown.ts';
import { renderTerminal, wantsColor } from './report/terminal.ts';
import { isLang, LANGS, t, type Lang } from './messages/index.ts';

const DEMO_SITE = 'demo';
const SITES_ROOT = join(PACKAGE_ROOT, 'fixtures', 'sites');

/** The demo site's homepage host and audit date: from its expected.json, else its www host and today. */
function demoSettings(): { host: string; asOf: string | undefined } {
  const dir = resolve(SITES_ROOT, DEMO_SITE);
  const expectedFile = resolve(dir, 'expected.json');
  const expected = existsSync(expectedFile) ? JSON.parse(readFileSync(expectedFile, 'utf8')) as { startUrl?: string; homepage?: string; asOf?: string } : {};
  const start = expected.startUrl ?? expected.homepage;
  const hosts = readdirSync(dir, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name);
  const host = start ? new URL(start.replace('{{PORT}}', '80')).hostname : hosts.find((h) => h.startsWith('www.')) ?? hosts[0];
  if (!host) throw new Error(`the demo site has no host folder under ${dir}`);
  return { host, asOf: expected.asOf };
}

/** `--as-of DATE` overrides the demo's fixed audit date (its dates are written relative to it). */
function asOfFromArgv(argv: string[]): string | undefined {
  const i = argv.indexOf('--as-of');
  return i >= 0 && argv[i + 1] ? validateAsOf(argv[i + 1]!) : undefined;
}

/** `--lang en|zh-TW`: the language of the summary and the HTML and Markdown reports. */
function langFromArgv(argv: string[]): Lang {
  const i = argv.indexOf('--lang');
  if (i < 0) return 'en';
  const lang = argv[i + 1];
  if (!isLang(lang)) throw new RangeError(`--lang must be one of ${LANGS.join(', ')}, not ${JSON.stringify(lang ?? '')}`);
  return lang;
}

export async function runDemo(argv: string[]): Promise<number> {
  const settings = demoSettings();
  const asOf = asOfFromArgv(argv) ?? settings.asOf;
  const lang = langFromArgv(argv);
  const server = await startFixtureServer({ sites: [DEMO_SITE] });
  try {
    const url = server.url(settings.host, '/');
    process.stderr.write(`${t(lang, asOf ? 'demo.serving.as-of' : 'demo.serving', { port: server.port, url, asOf: asOf ?? null })}\n`);
    const { report } = await auditSite(url, { resolve: server.resolveArgs(), allowPrivate: true, delayMs: 20, asOf });
    const files = { html: resolve('demo-report.html'), md: resolve('demo-report.md'), json: resolve('demo-report.json') };
    writeFileSync(files.html, renderHtml(report, lang));
    writeFileSync(files.md, renderMarkdown(report, lang));
    writeFileSync(files.json, renderJson(report));
    process.stdout.write(renderTerminal(report, { color: wantsColor(process.stdout), width: process.stdout.isTTY ? process.stdout.columns || 120 : Number.POSITIVE_INFINITY }, lang));
    process.stdout.write(`\n${t(lang, 'demo.wrote', { files: Object.values(files) })}\n`);
    // The demo succeeded when it produced the report, whatever the demo partner's verdict.
    return 0;
  } finally {
    await server.close();
  }
}
