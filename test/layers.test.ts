// Imports point only down the stack: crawlers ← analyzers ← derived evidence ← checks ← evaluation ←
// reports, storage and commands. Renderers import nothing from checks/, storage nothing from batch/.

import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

function sources(dir: string): string[] {
  return readdirSync(join(ROOT, dir)).flatMap((name) => {
    const path = join(dir, name);
    return statSync(join(ROOT, path)).isDirectory() ? sources(path) : /\.(ts|mjs)$/.test(name) ? [path] : [];
  });
}

/** Every relative import of a file, as a path from the repository root. */
function importsOf(file: string): string[] {
  const text = readFileSync(join(ROOT, file), 'utf8');
  return [...text.matchAll(/(?:^|\n)\s*(?:import|export)[^'"]*?from\s+['"](\.[^'"]+)['"]/g)]
    .map((m) => relative(ROOT, resolve(ROOT, dirname(file), m[1]!)));
}

/** Which files of `from` import anything under `forbidden`. */
function offenders(from: string, forbidden: string[]): string[] {
  return sources(from).flatMap((file) => importsOf(file).filter((target) => forbidden.some((f) => target === f || target.startsWith(`${f}/`)))
    .map((target) => `${file} → ${target}`));
}

describe('imports point down the stack', () => {
  it('reads every relative import, multi-line ones included', () => {
    expect(importsOf('src/checks/index.ts')).toEqual(expect.arrayContaining(['src/checks/p3-1-practice-page.ts', 'src/types.ts', 'src/evidence/evaluation.ts']));
  });
  it('crawlers know nothing of analysis or the checklist', () => {
    expect(offenders('crawlers', ['analyzers', 'src'])).toEqual([]);
  });
  it('analyzers read one page and know nothing of the audit', () => {
    expect(offenders('analyzers', ['src'])).toEqual([]);
  });
  it('derived evidence is below the checks, evaluation and outputs', () => {
    expect(offenders('src/evidence', ['src/checks', 'src/evaluate.ts', 'src/report', 'src/store', 'src/batch', 'src/service', 'src/cli.ts'])).toEqual([]);
  });
  it('checks are below the evaluation and every output', () => {
    expect(offenders('src/checks', ['src/evaluate.ts', 'src/report', 'src/store', 'src/batch', 'src/service', 'src/cli.ts', 'src/audit.ts'])).toEqual([]);
  });
  it('the message catalogs depend on nothing of the audit', () => {
    expect(offenders('src/messages', ['src/evidence', 'src/checks', 'src/evaluate.ts', 'src/report', 'src/store', 'src/batch', 'src/service'])).toEqual([]);
  });
  it('renderers know no check, and storage nothing of batch', () => {
    expect(offenders('src/report', ['src/checks', 'src/evidence', 'src/store', 'src/batch', 'src/service'])).toEqual([]);
    expect(offenders('src/store', ['src/batch', 'src/service', 'src/cli.ts'])).toEqual([]);
  });
});
