// Reads the applicant list for a batch run: CSV with a header, a JSON array, or JSON Lines.
// Bad rows are reported with their line numbers and skipped; a file that is none of these formats is
// one clear error, because auditing "whatever we could make of it" would waste hours of crawling.

import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { extname } from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { parse as parseHost } from 'tldts';
import type { Applicant } from '../types.ts';
import { problemText, type Problem } from '../messages/index.ts';

/** A row that was skipped: its line, why (kind and values, worded when shown), and the English words for scripts. */
export interface InputProblem extends Problem {
  line: number;
  message: string;
}

/** A skipped row's problem with its English words. */
function inputProblem(line: number, kind: string, values?: Record<string, string | number>): InputProblem {
  const problem: Problem = { kind: `input.${kind}`, ...(values ? { values } : {}) };
  return { line, ...problem, message: problemText('en', problem) };
}

export interface ApplicantList {
  format: 'csv' | 'json' | 'jsonl';
  applicants: Applicant[];
  problems: InputProblem[];
  /** Extra column names in input order, for the summary's header. */
  extraColumns: string[];
  /** SHA-256 of the file, so a resumed run can tell whether the list changed. */
  sha256: string;
}

/** The file is not an applicant list at all (or cannot be read): why, as data (list.<kind>), and in English words. */
export class ApplicantListError extends Error {
  readonly kind: string;
  readonly values: Readonly<Record<string, string | number>>;
  constructor(kind: string, values: Readonly<Record<string, string | number>>) {
    const problem = { kind: `list.${kind}`, values };
    super(problemText('en', problem));
    this.name = 'ApplicantListError';
    this.kind = problem.kind;
    this.values = values;
  }
}

const KNOWN_FIELDS = new Set(['id', 'name', 'homepage', 'notes']);
const SAFE_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,79}$/;
/** Names Windows keeps for devices, with or without an extension: reports/con.json cannot be created there. */
const WINDOWS_DEVICE = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])(\.|$)/i;

/**
 * The largest applicant list read: it is parsed whole, so its size bounds the memory a batch needs
 * to start (about 20 MB at 100 bytes a row is 200,000 partners, far beyond one run's worth of
 * crawling). A larger file is refused with this limit in the message, never half-read.
 */
export const MAX_APPLICANT_LIST_BYTES = 20 * 1024 * 1024;

interface RawRow {
  line: number;
  fields: Record<string, string>;
}

export async function readApplicants(file: string): Promise<ApplicantList> {
  let bytes: Buffer;
  try {
    bytes = await readBounded(file);
  } catch (error) {
    if (error instanceof ApplicantListError) throw error;
    throw new ApplicantListError('unreadable', { file, code: (error as NodeJS.ErrnoException).code ?? String(error) });
  }
  return parseApplicants(bytes, file);
}

/** The file's bytes, refused past MAX_APPLICANT_LIST_BYTES (also for pipes and devices, whose size stat cannot tell). */
async function readBounded(file: string): Promise<Buffer> {
  const max = MAX_APPLICANT_LIST_BYTES / 1024 ** 2;
  const info = await stat(file);
  if (info.isFile() && info.size > MAX_APPLICANT_LIST_BYTES) {
    throw new ApplicantListError('too-large', { file, megabytes: Math.round(info.size / 1024 ** 2), max });
  }
  const chunks: Buffer[] = [];
  let read = 0;
  const stream = createReadStream(file);
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    read += chunk.length;
    if (read > MAX_APPLICANT_LIST_BYTES) {
      stream.destroy();
      throw new ApplicantListError('too-large-stream', { file, max });
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/** Parses an applicant list from its bytes; `file` names it in messages and picks the format by extension. */
export function parseApplicants(bytes: Buffer, file: string): ApplicantList {
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  if (bytes.includes(0)) throw new ApplicantListError('binary', { file });
  const text = bytes.toString('utf8').replace(/^\uFEFF/, '');
  if (text.trim() === '') throw new ApplicantListError('empty', { file });
  const format = detectFormat(file, text);
  const rows = format === 'csv' ? csvRows(text, file) : format === 'json' ? jsonRows(text, file) : jsonlRows(text, file);
  return { format, sha256, ...validateRows(rows.rows, rows.columns) };
}

function detectFormat(file: string, text: string): ApplicantList['format'] {
  const ext = extname(file).toLowerCase();
  if (ext === '.json') return 'json';
  if (ext === '.jsonl' || ext === '.ndjson') return 'jsonl';
  if (ext === '.csv') return 'csv';
  const start = text.trimStart();
  if (start.startsWith('[')) return 'json';
  if (start.startsWith('{')) {
    // One object per line is JSON Lines; an object spread over lines is a JSON document.
    const firstLine = start.split('\n', 1)[0]!.trim();
    try {
      JSON.parse(firstLine);
      return 'jsonl';
    } catch {
      return 'json';
    }
  }
  return 'csv';
}

function csvRows(text: string, file: string): { rows: RawRow[]; columns: string[] } {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parseCsv(text, {
      bom: true,
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
      trim: true,
    }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (error) {
    throw new ApplicantListError('csv-unparsable', { file, detail: (error as Error).message });
  }
  const header = records.shift();
  if (!header) throw new ApplicantListError('no-header', { file });
  const columns = header.record.map((name) => name.trim());
  const lowered = columns.map((name) => name.toLowerCase());
  if (!lowered.includes('homepage')) throw new ApplicantListError('no-homepage-column', { file });
  const rows = records
    // A line of empty cells (",,,") is a blank line in a spreadsheet export, not a bad row.
    .filter(({ record }) => record.some((cell) => cell !== ''))
    .map(({ record, info }) => {
      const fields: Record<string, string> = {};
      columns.forEach((name, i) => {
        const key = KNOWN_FIELDS.has(lowered[i]!) ? lowered[i]! : name;
        if (name !== '' && !(key in fields)) fields[key] = record[i] ?? '';
      });
      return { line: info.lines, fields };
    });
  return { rows, columns: columns.filter((name, i) => name !== '' && !KNOWN_FIELDS.has(lowered[i]!)) };
}

function jsonRows(text: string, file: string): { rows: RawRow[]; columns: string[] } {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new ApplicantListError('json-unparsable', { file, detail: (error as Error).message });
  }
  if (!Array.isArray(data)) throw new ApplicantListError('not-array', { file });
  const lines = topLevelElementLines(text);
  const values = data.map((value, i) => ({ value, line: lines[i] ?? 1 }));
  return objectRows(values, file);
}

function jsonlRows(text: string, file: string): { rows: RawRow[]; columns: string[] } {
  const values: { value: unknown; line: number }[] = [];
  const lines = text.split(/\r?\n/);
  let parsedAny = false;
  const problems: RawRow[] = [];
  lines.forEach((raw, i) => {
    if (raw.trim() === '') return;
    try {
      values.push({ value: JSON.parse(raw), line: i + 1 });
      parsedAny = true;
    } catch {
      // Kept as a row whose only field says why, so it is reported with its line like other bad rows.
      problems.push({ line: i + 1, fields: { [UNPARSABLE]: 'not-json' } });
    }
  });
  if (!parsedAny) throw new ApplicantListError('no-json-line', { file });
  const parsed = objectRows(values, file);
  return { rows: [...parsed.rows, ...problems].sort((a, b) => a.line - b.line), columns: parsed.columns };
}

const UNPARSABLE = '\u0000unparsable';

function objectRows(values: { value: unknown; line: number }[], file: string): { rows: RawRow[]; columns: string[] } {
  const columns: string[] = [];
  let withHomepage = 0;
  const rows = values.map(({ value, line }): RawRow => {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      return { line, fields: { [UNPARSABLE]: 'not-object' } };
    }
    const fields: Record<string, string> = {};
    for (const [key, raw] of Object.entries(value as Record<string, unknown>)) {
      const name = KNOWN_FIELDS.has(key.toLowerCase()) ? key.toLowerCase() : key;
      fields[name] = raw === null || raw === undefined ? '' : typeof raw === 'object' ? JSON.stringify(raw) : String(raw).trim();
      if (!KNOWN_FIELDS.has(name) && !columns.includes(name)) columns.push(name);
    }
    if ('homepage' in fields) withHomepage++;
    return { line, fields };
  });
  if (rows.length > 0 && withHomepage === 0) throw new ApplicantListError('no-homepage-field', { file });
  return { rows, columns };
}

/** Line on which each element of a top-level JSON array starts (the text is known to be valid JSON). */
function topLevelElementLines(text: string): number[] {
  const starts: number[] = [];
  let line = 1;
  let depth = 0;
  let inString = false;
  let expectValue = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '\n') line++;
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
      continue;
    }
    if (/\s/.test(c)) continue;
    if (depth === 1 && expectValue && c !== ']') {
      starts.push(line);
      expectValue = false;
    }
    if (c === '"') inString = true;
    else if (c === '[' || c === '{') {
      depth++;
      if (depth === 1) expectValue = true;
    } else if (c === ']' || c === '}') depth--;
    else if (c === ',' && depth === 1) expectValue = true;
  }
  return starts;
}

function validateRows(rows: RawRow[], extraColumns: string[]): Omit<ApplicantList, 'format' | 'sha256'> {
  const problems: InputProblem[] = [];
  const accepted: (Omit<Applicant, 'id'> & { givenId: string })[] = [];
  const lineBySite = new Map<string, number>();
  const lineById = new Map<string, number>();
  for (const { line, fields } of rows) {
    if (UNPARSABLE in fields) {
      problems.push(inputProblem(line, fields[UNPARSABLE]!));
      continue;
    }
    const homepageRaw = fields.homepage ?? '';
    if (homepageRaw === '') {
      problems.push(inputProblem(line, 'no-homepage'));
      continue;
    }
    const checked = checkHomepage(homepageRaw);
    if ('error' in checked) {
      problems.push(inputProblem(line, `homepage-${checked.error}`, { homepage: homepageRaw, ...checked.values }));
      continue;
    }
    const givenId = fields.id ?? '';
    if (givenId !== '' && !SAFE_ID.test(givenId)) {
      problems.push(inputProblem(line, 'bad-id', { id: givenId }));
      continue;
    }
    if (givenId !== '' && (WINDOWS_DEVICE.test(givenId) || givenId.endsWith('.'))) {
      problems.push(inputProblem(line, givenId.endsWith('.') ? 'id-ends-with-dot' : 'id-device-name', { id: givenId }));
      continue;
    }
    const siteKey = sameSiteKey(checked.url);
    const earlierSite = lineBySite.get(siteKey);
    if (earlierSite !== undefined) {
      problems.push(inputProblem(line, 'duplicate-site', { earlierLine: earlierSite, homepage: checked.url.href }));
      continue;
    }
    if (givenId !== '') {
      const earlierId = lineById.get(givenId.toLowerCase());
      if (earlierId !== undefined) {
        problems.push(inputProblem(line, 'duplicate-id', { id: givenId, earlierLine: earlierId }));
        continue;
      }
      lineById.set(givenId.toLowerCase(), line);
    }
    lineBySite.set(siteKey, line);
    const extra: Record<string, string> = {};
    for (const column of extraColumns) extra[column] = fields[column] ?? '';
    accepted.push({
      givenId,
      name: fields.name || checked.url.hostname,
      homepage: checked.url.href,
      notes: fields.notes ?? '',
      extra,
      line,
    });
  }
  // Given ids first, so a slug never takes an id the list spells out explicitly.
  const taken = new Set(accepted.filter((a) => a.givenId !== '').map((a) => a.givenId.toLowerCase()));
  const applicants = accepted.map(({ givenId, ...rest }): Applicant => {
    if (givenId !== '') return { id: givenId, ...rest };
    const base = slug(rest.name) || slug(siteName(new URL(rest.homepage).hostname)) || 'partner';
    let id = base;
    for (let n = 2; taken.has(id.toLowerCase()) || WINDOWS_DEVICE.test(id); n++) id = `${base}-${n}`;
    taken.add(id.toLowerCase());
    return { id, ...rest };
  });
  return { applicants, problems: problems.sort((a, b) => a.line - b.line), extraColumns };
}

/** The homepage as a URL, or why it is none (input.homepage-<error> words it). */
function checkHomepage(raw: string): { url: URL } | { error: 'not-url' | 'scheme' | 'host' | 'credentials'; values?: Record<string, string> } {
  const withScheme = /^[a-z][a-z0-9+.-]*:/i.test(raw) ? raw : `https://${raw}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    return { error: 'not-url' };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return { error: 'scheme', values: { scheme: url.protocol } };
  const host = url.hostname;
  const isIp = /^\d{1,3}(\.\d{1,3}){3}$/.test(host) || host.startsWith('[');
  if (!isIp && host !== 'localhost' && !/^[a-z0-9-]+(\.[a-z0-9-]+)+$/i.test(host)) {
    return { error: 'host', values: { host } };
  }
  if (url.username || url.password) return { error: 'credentials' };
  return { url };
}

/** Two rows name the same site when they differ only in scheme, www., case or a trailing slash. */
function sameSiteKey(url: URL): string {
  return `${url.hostname.replace(/^www\./, '')}${url.port ? `:${url.port}` : ''}${url.pathname.replace(/\/+$/, '')}${url.search}`;
}

/** A host without www. and its public suffix: www.partner.com.tw → partner, retail.x.com → retail.x. */
function siteName(hostname: string): string {
  const { subdomain, domainWithoutSuffix } = parseHost(hostname);
  if (!domainWithoutSuffix) return hostname;
  return [subdomain?.replace(/^www\d*(\.|$)/, ''), domainWithoutSuffix].filter(Boolean).join('.');
}

/** ASCII slug for ids; names in other scripts fall back to the host name. */
export function slug(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
}
