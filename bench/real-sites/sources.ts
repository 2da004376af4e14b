// The corpus's source list (sources.json): which public repository and commit each real site is built
// from, how, under which real hostname, and the audit date its results are measured at. Read and
// validated here so the builder, the server and the scorer share one definition.

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const SOURCES_FILE = fileURLToPath(new URL('./sources.json', import.meta.url));
export const LABELS_DIR = fileURLToPath(new URL('./labels/', import.meta.url));

export type BuildTool = 'hugo' | 'jekyll' | 'copy';

/** A literal text replacement applied to the exported tree before building (old generator APIs). */
export interface SourceReplacement {
  /** Path inside the exported tree, relative to the build directory. */
  file: string;
  from: string;
  to: string;
}

export interface BuildSpec {
  tool: BuildTool;
  /** Folder of the exported tree the generator runs in (or that `copy` serves). Default ".". */
  dir: string;
  /** Extra generator configuration layered over the site's own (Hugo TOML text, Jekyll YAML text). */
  config?: string;
  /** Environment variables for the generator (e.g. Hugo's HUGO_* config overrides). */
  env?: Record<string, string>;
  /** Jekyll only: build in safe mode (no site plugins), as GitHub Pages did. */
  safe?: boolean;
  replace?: SourceReplacement[];
}

export interface SiteSource {
  /** Short id: the folder names under the sources directory and the label file name. */
  id: string;
  company: string;
  /** One line on what the company does (never a verdict). */
  description: string;
  /** aws-partner, consultancy, software-vendor, retail-software … (what kind of site it is). */
  shape: string;
  language: string;
  /** owner/name on GitHub; its snapshot is <sources>/snapshots/<owner>+<name>.git */
  repository: string;
  /** Full commit id the site is built from. */
  commit: string;
  /** The site's real hostname: pages are served and audited as http://<hostname>:<port>/ */
  hostname: string;
  /** Other names of the same site (www. or apex, old domains) whose absolute links point here. */
  aliases: string[];
  build: BuildSpec;
  /** Audit date (YYYY-MM-DD), fixed so results do not age: the day the recorded commit was made. */
  asOf: string;
  /** What had to be done to build it, and what is missing (large files the snapshot lacks). */
  notes?: string;
}

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
    const b = s.build;
    if (!b || !['hugo', 'jekyll', 'copy'].includes(b.tool)) problems.push(`${at}: build.tool must be hugo, jekyll or copy`);
    else {
      b.dir ??= '.';
      if (b.dir.split('/').includes('..')) problems.push(`${at}: build.dir must stay inside the tree`);
      for (const r of b.replace ?? []) {
        if (typeof r.file !== 'string' || r.file.split('/').includes('..') || typeof r.from !== 'string' || typeof r.to !== 'string') {
          problems.push(`${at}: build.replace entries need file (inside the tree), from and to`);
        }
      }
    }
  }
  if (problems.length) throw new Error(`sources.json is invalid:\n  ${problems.join('\n  ')}`);
  return sites;
}

export function loadSources(file = SOURCES_FILE): SiteSource[] {
  return parseSources(readFileSync(file, 'utf8'));
}

/** Where a site's snapshot lives under the sources directory (as the search tool's fetch names it). */
export function snapshotName(source: SiteSource): string {
  return `${source.repository.replace('/', '+')}.git`;
}
