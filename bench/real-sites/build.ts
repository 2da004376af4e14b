// Rebuilds one corpus site from its snapshot: export the tree at the recorded commit (without the large
// files a snapshot may lack), run its generator with the network off, and rewrite the site's absolute
// links to its own hostname so they point at the local server. Fetches nothing.
//
// Layout under the sources directory:
//   snapshots/<owner>+<name>.git   bare repositories (from the search tool's fetch; see README)
//   work/<id>/                      exported tree while building (removed after a good build)
//   builds/<id>/<hostname>/         the built site, served by fixtures/server.ts (one folder per host)
//   builds/<id>/build.json          what was built: commit, tool, pages, missing files, spec hash
//   builds/<id>/FILES.txt           URL → file of every page and PDF, for labellers

import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join, relative, resolve, sep } from 'node:path';
import { snapshotName, type SiteSource } from './sources.ts';

/** Bump when the build steps change in a way that changes the output, so cached builds are redone. */
const BUILDER_VERSION = 1;
const BUILD_TIMEOUT_MS = 20 * 60_000;
const TEXT_EXTENSIONS = new Set(['.html', '.htm', '.xml', '.txt', '.json', '.js', '.css', '.rss', '.atom', '.svg', '.webmanifest']);
const PAGE_EXTENSIONS = new Set(['.html', '.htm', '.pdf']);

export interface BuildRecord {
  id: string;
  repository: string;
  commit: string;
  tool: SiteSource['build']['tool'];
  hostname: string;
  specHash: string;
  /** Files in the commit whose content the snapshot lacks (files of 4 MiB and more). */
  missingFiles: string[];
  htmlPages: number;
  pdfs: number;
  filesRewritten: number;
  /** Whether the generator ran with the network cut off (unshare -n). */
  networkIsolated: boolean;
  builtAt: string;
  durationMs: number;
}

export function sitePaths(sourcesDir: string, source: SiteSource) {
  const builds = join(sourcesDir, 'builds');
  return {
    snapshot: join(sourcesDir, 'snapshots', snapshotName(source)),
    work: join(sourcesDir, 'work', source.id),
    buildsRoot: builds,
    site: join(builds, source.id),
    host: join(builds, source.id, source.hostname),
    record: join(builds, source.id, 'build.json'),
    files: join(builds, source.id, 'FILES.txt'),
  };
}

function specHash(source: SiteSource): string {
  const { commit, build, hostname, aliases } = source;
  return createHash('sha1').update(JSON.stringify({ BUILDER_VERSION, commit, build, hostname, aliases })).digest('hex');
}

/** The record of a build that still matches the source entry, or null when it must be (re)built. */
export function currentBuild(sourcesDir: string, source: SiteSource): BuildRecord | null {
  const paths = sitePaths(sourcesDir, source);
  if (!existsSync(paths.record) || !existsSync(paths.host)) return null;
  const record = JSON.parse(readFileSync(paths.record, 'utf8')) as BuildRecord;
  return record.specHash === specHash(source) ? record : null;
}

function git(gitDir: string, args: string[], env: NodeJS.ProcessEnv = {}) {
  return spawnSync('git', ['--git-dir', gitDir, ...args], { env: { ...process.env, ...env }, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
}

/**
 * Writes the tree of `commit` into `outDir` through a throw-away index. Blobs the snapshot lacks are
 * skipped and returned (git reports each as "unable to read sha1 file of <path>"); any other error throws.
 */
export function exportTree(gitDir: string, commit: string, outDir: string): string[] {
  if (!existsSync(gitDir)) throw new Error(`no snapshot at ${gitDir}: bring it with the search tool's fetch and copy it there (see README)`);
  mkdirSync(outDir, { recursive: true });
  const index = join(tmpdir(), `real-sites-index-${process.pid}-${Date.now()}`);
  try {
    const read = git(gitDir, ['read-tree', commit], { GIT_INDEX_FILE: index });
    if (read.status !== 0) throw new Error(`git read-tree ${commit} failed: ${read.stderr.trim()}`);
    const checkout = git(gitDir, ['-c', 'core.bare=false', '--work-tree', outDir, 'checkout-index', '-a', '-f'], { GIT_INDEX_FILE: index });
    const missing = new Set<string>();
    const other: string[] = [];
    for (const line of checkout.stderr.split('\n').filter(Boolean)) {
      const m = /unable to read sha1 file of (.+) \([0-9a-f]{40}\)$/.exec(line);
      if (m) missing.add(m[1]!);
      else other.push(line);
    }
    if (checkout.status !== 0 && (missing.size === 0 || other.length > 0)) throw new Error(`git checkout-index failed: ${other.join('; ')}`);
    return [...missing].sort();
  } finally {
    rmSync(index, { force: true });
  }
}

/** Applies the source entry's literal replacements; a replacement that matches nothing is an error. */
function applyReplacements(buildDir: string, source: SiteSource): void {
  for (const r of source.build.replace ?? []) {
    const file = resolve(buildDir, r.file);
    if (!file.startsWith(resolve(buildDir) + sep)) throw new Error(`${source.id}: replace file ${r.file} is outside the tree`);
    const text = readFileSync(file, 'utf8');
    if (!text.includes(r.from)) throw new Error(`${source.id}: replace "${r.from}" not found in ${r.file}`);
    writeFileSync(file, text.split(r.from).join(r.to));
  }
}

let isolation: boolean | null = null;
/** Generators run site code (templates, Jekyll plugins): cut the network when the system allows it. */
function networkIsolation(): boolean {
  isolation ??= spawnSync('unshare', ['-n', 'true']).status === 0;
  return isolation;
}

function firstExisting(dir: string, names: string[]): string | null {
  return names.find((n) => existsSync(join(dir, n))) ?? null;
}

/** The generator command for a source, run in its build directory. */
function generatorCommand(source: SiteSource, buildDir: string, outDir: string): { argv: string[]; env: Record<string, string> } {
  const { build, hostname } = source;
  if (build.tool === 'hugo') {
    const argv = ['hugo', '--quiet', '--destination', outDir, '--environment', 'production', '--baseURL', `https://${hostname}/`];
    if (build.config) {
      const primary = firstExisting(buildDir, ['hugo.toml', 'hugo.yaml', 'hugo.json', 'config.toml', 'config.yaml', 'config.yml', 'config.json']);
      if (!primary) throw new Error(`${source.id}: build.config needs a top-level Hugo config file to layer over`);
      writeFileSync(join(buildDir, '.real-sites-override.toml'), build.config);
      argv.push('--config', `${primary},.real-sites-override.toml`);
    }
    // A generous template timeout (ms; this Hugo reads no unit from the environment): a first build
    // resizes every image, and on a shared machine Hugo's default minute is not always enough.
    return { argv, env: { HUGO_ENV: 'production', HUGO_TIMEOUT: '600000', ...build.env } };
  }
  if (build.tool === 'jekyll') {
    const primary = firstExisting(buildDir, ['_config.yml', '_config.yaml', '_config.toml']);
    // The site is served at its own hostname's root, whatever GitHub Pages project path it had.
    writeFileSync(join(buildDir, '.real-sites-override.yml'), `url: "https://${hostname}"\nbaseurl: ""\n${build.config ?? ''}`);
    const configs = [...(primary ? [primary] : []), '.real-sites-override.yml'].join(',');
    const argv = ['jekyll', 'build', '--quiet', '--source', '.', '--destination', outDir, '--config', configs, ...(build.safe ? ['--safe'] : [])];
    // The Debian jekyll and plugin packages stand in for the site's Gemfile (no gem download).
    return { argv, env: { JEKYLL_ENV: 'production', JEKYLL_NO_BUNDLER_REQUIRE: 'true', ...build.env } };
  }
  throw new Error(`${source.id}: no generator for ${build.tool}`);
}

function run(argv: string[], cwd: string, env: Record<string, string>): Promise<void> {
  const full = networkIsolation() ? ['unshare', '-n', ...argv] : argv;
  return new Promise((resolvePromise, reject) => {
    const child = spawn(full[0]!, full.slice(1), { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let output = '';
    const keep = (chunk: Buffer) => { output = (output + chunk.toString()).slice(-8000); };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    const timer = setTimeout(() => { try { process.kill(-child.pid!, 'SIGKILL'); } catch { /* already gone */ } }, BUILD_TIMEOUT_MS);
    child.on('error', (err) => { clearTimeout(timer); reject(err); });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolvePromise();
      else reject(new Error(`${argv[0]} failed (${signal ?? `exit ${code}`}):\n${output.trim()}`));
    });
  });
}

function walk(dir: string, out: string[] = []): string[] {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) walk(p, out);
    else if (e.isFile()) out.push(p);
  }
  return out;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Points the site's absolute links (https://host/…, //host/…, and JSON-escaped https:\/\/host) at the
 * local server: http://<hostname>:{{PORT}} (fixtures/server.ts fills in its port). Works on bytes
 * (latin1 round trip) so Big5 and other encodings pass through untouched. Returns files changed.
 */
export function rewriteHosts(hostDir: string, hostname: string, aliases: string[]): number {
  const hosts = [hostname, ...aliases].map(escapeRegExp).join('|');
  const tail = String.raw`(?::\d+)?(?=[/"'\s?#<>)\\]|$)`;
  const plain = new RegExp(String.raw`(?:https?:)?//(?:${hosts})${tail}`, 'gi');
  const escaped = new RegExp(String.raw`(?:https?:)?\\/\\/(?:${hosts})${tail}`, 'gi');
  let changed = 0;
  for (const file of walk(hostDir)) {
    if (!TEXT_EXTENSIONS.has(extname(file).toLowerCase())) continue;
    const before = readFileSync(file).toString('latin1');
    const after = before.replace(plain, `http://${hostname}:{{PORT}}`).replace(escaped, `http:\\/\\/${hostname}:{{PORT}}`);
    if (after !== before) {
      writeFileSync(file, Buffer.from(after, 'latin1'));
      changed++;
    }
  }
  return changed;
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
    `# ${rows.length} pages and PDFs; homepage http://${source.hostname}/ ; label with these URLs (scheme and port do not matter)`,
  ];
  writeFileSync(paths.files, [...head, ...rows, ''].join('\n'));
  return paths.files;
}

/** Builds a site unless a build for the same spec exists (or `rebuild`). Throws with the generator's output. */
export async function buildSite(sourcesDir: string, source: SiteSource, opts: { rebuild?: boolean } = {}): Promise<BuildRecord> {
  const cached = opts.rebuild ? null : currentBuild(sourcesDir, source);
  if (cached) return cached;
  const started = Date.now();
  const paths = sitePaths(sourcesDir, source);
  rmSync(paths.work, { recursive: true, force: true });
  rmSync(paths.site, { recursive: true, force: true });
  const missingFiles = exportTree(paths.snapshot, source.commit, paths.work);
  const buildDir = resolve(paths.work, source.build.dir);
  if (!existsSync(buildDir)) throw new Error(`${source.id}: build.dir ${source.build.dir} is not in the tree`);
  applyReplacements(buildDir, source);
  mkdirSync(paths.site, { recursive: true });
  if (source.build.tool === 'copy') {
    cpSync(buildDir, paths.host, { recursive: true, filter: (src) => !src.split(sep).includes('.git') });
  } else {
    const { argv, env } = generatorCommand(source, buildDir, paths.host);
    await run(argv, buildDir, env);
  }
  const filesRewritten = rewriteHosts(paths.host, source.hostname, source.aliases);
  const files = walk(paths.host);
  const record: BuildRecord = {
    id: source.id,
    repository: source.repository,
    commit: source.commit,
    tool: source.build.tool,
    hostname: source.hostname,
    specHash: specHash(source),
    missingFiles,
    htmlPages: files.filter((f) => /\.html?$/i.test(f)).length,
    pdfs: files.filter((f) => /\.pdf$/i.test(f)).length,
    filesRewritten,
    networkIsolated: source.build.tool === 'copy' || networkIsolation(),
    builtAt: new Date().toISOString(),
    durationMs: Date.now() - started,
  };
  writeFileSync(paths.record, JSON.stringify(record, null, 2) + '\n');
  writeFileList(sourcesDir, source);
  rmSync(paths.work, { recursive: true, force: true });
  return record;
}
