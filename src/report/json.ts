// The JSON report: the Report as built by evaluate(), serialised as is (schema/report.schema.json).
import { closeSync, openSync, writeSync } from 'node:fs';
import type { Report } from '../types.ts';

export function renderJson(report: Report): string {
  return [...jsonChunks(report)].join('');
}

/**
 * The text of renderJson in pieces (each top-level value, each item of a top-level list), so a file
 * can be written without the whole text in memory: a 5,000-page report is ~30 MB of JSON, two bytes
 * per character once one page is in Chinese, and as one string it was the audit's memory peak.
 */
export function* jsonChunks(value: object): Generator<string> {
  const entries = Object.entries(value).filter(([, v]) => v !== undefined && typeof v !== 'function');
  yield '{';
  let firstKey = true;
  for (const [key, v] of entries) {
    yield `${firstKey ? '' : ','}\n  ${JSON.stringify(key)}: `;
    firstKey = false;
    if (!Array.isArray(v) || v.length === 0) {
      yield indented(JSON.stringify(v, null, 2), '\n  ');
      continue;
    }
    yield '[';
    let firstItem = true;
    for (const item of v) {
      // JSON.stringify writes an undefined or function item of a list as null.
      const text = item === undefined || typeof item === 'function' ? 'null' : JSON.stringify(item, null, 2);
      yield `${firstItem ? '' : ','}\n    ${indented(text, '\n    ')}`;
      firstItem = false;
    }
    yield '\n  ]';
  }
  yield entries.length === 0 ? '}\n' : '\n}\n';
}

/** JSON text nested one level deeper: JSON escapes every line break inside a string, so each "\n" is a line of the layout. */
const indented = (json: string, newline: string) => json.replaceAll('\n', newline);

/** Writes the JSON report to `file` piece by piece (see jsonChunks), in writes of ~64 KB. */
export function writeJsonFile(file: string, report: Report): void {
  const fd = openSync(file, 'w');
  try {
    let pending = '';
    for (const chunk of jsonChunks(report)) {
      pending += chunk;
      if (pending.length >= 65_536) {
        write(fd, pending);
        pending = '';
      }
    }
    write(fd, pending);
  } finally {
    closeSync(fd);
  }
}

function write(fd: number, text: string): void {
  const bytes = Buffer.from(text);
  for (let at = 0; at < bytes.length; ) at += writeSync(fd, bytes, at);
}
