// The corpus's source list (sources.json): which public repository and commit each real site comes
// from, under which real hostname it is served, and the audit date its results are measured at. Read
// and validated here so the server and the scorer share one definition. How a site is built is not
// recorded here (see README).

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const SOURCES_FILE = fileURLToPath(new URL('./sources.json', import.meta.url));
export const LABELS_DIR = fileURLToPath(new URL('./labels/', import.meta.url));

export interface SiteSource {
  /** Short id: the folder names under the sources directory and the label file name. */
  id: string;
  company: string;
  /** One line on what the company does (never a verdict). */
  description: string;
  /** aws-partner, consultancy, software-vendor, retail-software … (what kind of site it is). */
  shape: string;
  language: string;
  /** owner/name on GitHub. */
  repository: string;
  /** Full commit id the site is built from. */
  commit: string;
  /** The site's real hostname: pages are served and audited as http://<hostname>:<port>/ */
  hostname: string;
  /** Other names of the same site (www. or apex, old domains) whose absolute links point here. */
  aliases: string[];
  /** Audit date (YYYY-MM-DD), fixed so results do not age: the day the recorded commit was made. */
  asOf: string;
  /** The homepage's path when the site lives in a folder of its host (a GitHub Pages project site:
   *  https://owner.github.io/name/); the audit starts there. Default "/". */
  homepage?: string;
}

/** The path the audit of a site starts at. */
export const homepagePath = (s: SiteSource): string => s.homepage ?? '/';

const ID = /^[a-z0-9][a-z0-9-]*$/;
const COMMIT = /^[0-9a-f]{40}$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const HOST = /^[a-z0-9.-]+$/;

/** Parses and checks sources.json text; throws one error that lists every problem. */
export function parseSources(text: string): SiteSource[] {
  const raw = JSON.parse(text) as { sites?: unknown };
  if (!Array.isArray(raw.sites)) throw new Error('sources.json: expected { "sites": [ … ] }');
  const problems: string[] = [];
  const seen = new Set<string>();
  const sites = raw.sites as SiteSource[];
  for (const [i, s] of sites.entries()) {
    const at = `sites[${i}]${typeof s?.id === 'string' ? ` (${s.id})` : ''}`;
    if (typeof s?.id !== 'string' || !ID.test(s.id)) problems.push(`${at}: id must be lower-case letters, digits and dashes`);
    else if (seen.has(s.id)) problems.push(`${at}: duplicate id`);
    else seen.add(s.id);
    for (const key of ['company', 'description', 'shape', 'language'] as const) {
      if (typeof s[key] !== 'string' || s[key].length === 0) problems.push(`${at}: ${key} is required`);
    }
    if (typeof s.repository !== 'string' || !/^[\w.-]+\/[\w.-]+$/.test(s.repository)) problems.push(`${at}: repository must be owner/name`);
    if (typeof s.commit !== 'string' || !COMMIT.test(s.commit)) problems.push(`${at}: commit must be a full 40-hex commit id`);
    if (typeof s.hostname !== 'string' || !HOST.test(s.hostname)) problems.push(`${at}: hostname must be a lower-case host name`);
    if (!Array.isArray(s.aliases) || s.aliases.some((a) => typeof a !== 'string' || !HOST.test(a))) problems.push(`${at}: aliases must be host names`);
    if (typeof s.asOf !== 'string' || !DAY.test(s.asOf)) problems.push(`${at}: asOf must be YYYY-MM-DD`);
    if (s.homepage !== undefined && (typeof s.homepage !== 'string' || !/^\/([\w.-]+\/)*$/.test(s.homepage))) problems.push(`${at}: homepage must be a folder path such as /name/`);
  }
  if (problems.length) throw new Error(`sources.json is invalid:\n  ${problems.join('\n  ')}`);
  return sites;
}

export function loadSources(file = SOURCES_FILE): SiteSource[] {
  return parseSources(readFileSync(file, 'utf8'));
}
