// Reads the built corpus sites under the sources directory. The builds themselves are made outside
// this repository (see README: no script or recipe that builds fetched code is committed here); this
// module only finds a site's built folder, checks it was built from the commit sources.json names,
// and lists its pages for a labeller.
//
// Layout under the sources directory:
//   builds/<id>/<hostname>/   the built site, served by fixtures/server.ts (one folder per host)
//   builds/<id>/build.json    what was built: at least { "commit": "<40 hex>", "hostname": "<host>" }
//   builds/<id>/FILES.txt     URL → file of every page and PDF, for labellers

import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { extname, join, relative, sep } from 'node:path';
import { homepagePath, type SiteSource } from './sources.ts';

const PAGE_EXTENSIONS = new Set(['.html', '.htm', '.pdf']);

/** What the bench needs to know of a build (the builder may record more). */
export interface BuildRecord {
  commit: string;
  hostname: string;
  htmlPages?: number;
  pdfs?: number;
}

export function sitePaths(sourcesDir: string, source: SiteSource) {
  const site = join(sourcesDir, 'builds', source.id);
  return {
    buildsRoot: join(sourcesDir, 'builds'),
    site,
    host: join(site, source.hostname),
    record: join(site, 'build.json'),
    files: join(site, 'FILES.txt'),
  };
}

/** The site's build record; throws in plain words when it is missing or built from another commit. */
export function readBuild(sourcesDir: string, source: SiteSource): BuildRecord {
  const paths = sitePaths(sourcesDir, source);
  if (!existsSync(paths.record) || !existsSync(paths.host)) {
    throw new Error(`${source.id} is not built: expected ${paths.host}/ and ${paths.record} (see bench/real-sites/README.md, "The sources folder")`);
  }
  const record = JSON.parse(readFileSync(paths.record, 'utf8')) as BuildRecord;
  if (record.commit !== source.commit) {
    throw new Error(`${source.id} was built from ${record.commit}, but sources.json names ${source.commit}: rebuild it`);
  }
  return record;
}

export function walk(dir: string, out: string[] = []): string[] {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) walk(p, out);
    else if (e.isFile()) out.push(p);
  }
  return out;
}

/** The URL path a built file answers at (x/index.html answers at x/). */
export function urlPathOf(hostDir: string, file: string): string {
  const rel = relative(hostDir, file).split(sep).join('/');
  return '/' + rel.replace(/(^|\/)index\.html?$/, '$1');
}

/** Writes FILES.txt: every page and PDF of the built site as "URL<TAB>file", for a labeller. */
export function writeFileList(sourcesDir: string, source: SiteSource): string {
  const paths = sitePaths(sourcesDir, source);
  const rows = walk(paths.host)
    .filter((f) => PAGE_EXTENSIONS.has(extname(f).toLowerCase()))
    .map((f) => `http://${source.hostname}${urlPathOf(paths.host, f)}\t${f}`)
    .sort();
  const head = [
    `# ${source.company} (${source.id}): ${source.description}`,
    `# built from ${source.repository}@${source.commit}; audit date (as-of) ${source.asOf}`,
    `# ${rows.length} pages and PDFs; homepage http://${source.hostname}${homepagePath(source)} ; label with these URLs (scheme and port do not matter)`,
  ];
  writeFileSync(paths.files, [...head, ...rows, ''].join('\n'));
  return paths.files;
}
