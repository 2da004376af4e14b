// Test helpers for batch runs: copies of the static fixture site under other host names (so a batch
// has several realistic partners with known statuses), served from a temporary fixture root.

import { cpSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SITES_ROOT } from '../fixtures/server.ts';

const TEXT = /\.(html|xml|txt|json)$/;

/**
 * Copies fixtures/sites/static as site `name` served at www.<name>.test (apex redirecting to www, as
 * the original does), every page delayed by `delayMs` when given.
 */
export function cloneStaticSite(root: string, name: string, delayMs = 0): { host: string; startUrl: (port: number) => string } {
  const host = `www.${name}.test`;
  const target = join(root, name, host);
  mkdirSync(join(root, name), { recursive: true });
  cpSync(join(SITES_ROOT, 'static', 'www.northwind.test'), target, { recursive: true });
  for (const file of walk(target)) {
    if (TEXT.test(file)) writeFileSync(file, readFileSync(file, 'utf8').replaceAll('northwind.test', `${name}.test`));
  }
  const routes: Record<string, unknown> = {
    [`${name}.test/*`]: { status: 301, location: `http://${host}:{{PORT}}/` },
    '/search': { status: 404, body: '<h1>Not found</h1>' },
  };
  if (delayMs > 0) routes['/*'] = { delayMs };
  writeFileSync(join(root, name, 'site.json'), JSON.stringify({ routes }, null, 2));
  return { host, startUrl: (port) => `http://${name}.test:${port}/` };
}

function* walk(dir: string): Generator<string> {
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) yield* walk(path);
    else yield path;
  }
}

/** Expected check statuses of a fixture site (fixtures/sites/<site>/expected.json). */
export interface ExpectedSite {
  site: string;
  homepage: string;
  startUrl: string;
  asOf: string;
  checks: Record<string, string>;
}

export function expectedSites(port: number): ExpectedSite[] {
  return readdirSync(SITES_ROOT)
    .filter((site) => {
      try {
        return statSync(join(SITES_ROOT, site, 'expected.json')).isFile();
      } catch {
        return false;
      }
    })
    .map((site) => {
      const raw = JSON.parse(readFileSync(join(SITES_ROOT, site, 'expected.json'), 'utf8').replaceAll('{{PORT}}', String(port)));
      return { site, homepage: raw.homepage, startUrl: raw.startUrl ?? raw.homepage, asOf: raw.asOf, checks: raw.checks };
    });
}
