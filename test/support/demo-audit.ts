// The demo partner site audited once per test file, as `npm run demo` audits it: served on 127.0.0.1,
// crawled and analysed for real, at the demo's own audit date.

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { startFixtureServer } from '../../fixtures/server.ts';
import { auditSite } from '../../src/audit.ts';
import type { Report, SiteEvidence } from '../../src/types.ts';

const EXPECTED = fileURLToPath(new URL('../../fixtures/sites/demo/expected.json', import.meta.url));

export async function auditDemo(): Promise<{ report: Report; evidence: SiteEvidence }> {
  const { homepage, asOf } = JSON.parse(readFileSync(EXPECTED, 'utf8')) as { homepage: string; asOf: string };
  const server = await startFixtureServer({ sites: ['demo'] });
  try {
    const url = server.url(new URL(homepage.replace('{{PORT}}', '80')).hostname, '/');
    return await auditSite(url, { resolve: server.resolveArgs(), allowPrivate: true, delayMs: 0, asOf });
  } finally {
    await server.close();
  }
}
