// Builds a PageInput from a saved page the way the crawler would: links come from the crawler's own
// HTML scan (crawlers/html-scan.ts) with regions, normalized and scoped.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { scanHtml } from '../../crawlers/html-scan.ts';
import { inScope, normalizeUrl, scopeDomainOf, unfollowableScheme } from '../../crawlers/url.ts';
import type { LinkRecord } from '../../crawlers/types.ts';
import type { PageInput } from '../../analyzers/types.ts';

const here = dirname(fileURLToPath(import.meta.url));

export function readPage(name: string): string {
  return readFileSync(join(here, name), 'utf8');
}

export function htmlInput(html: string, url: string, headers: Record<string, string> = {}): PageInput {
  const scope = scopeDomainOf(new URL(url).hostname);
  const links: LinkRecord[] = [];
  for (const raw of scanHtml(html).links) {
    if (unfollowableScheme(raw.href)) continue;
    const abs = normalizeUrl(raw.href, url);
    if (abs) links.push({ url: abs, text: raw.text, region: raw.region, internal: inScope(abs, scope) });
  }
  return { url, finalUrl: url, contentType: 'text/html', html, bytes: null, headers, links };
}

export function pageInput(name: string, url: string, headers: Record<string, string> = {}): PageInput {
  return htmlInput(readPage(name), url, headers);
}

export function pdfInput(path: string, url: string): PageInput {
  return { url, finalUrl: url, contentType: 'application/pdf', html: null, bytes: new Uint8Array(readFileSync(path)), headers: {}, links: [] };
}
