// The JSON report written piece by piece (src/report/json.ts) is the text JSON.stringify gives for the
// whole report, byte for byte: users script against it (../shared/report-contract.md).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditDemo } from './support/demo-audit.ts';
import { jsonChunks, renderJson, writeJsonFile } from '../src/report/json.ts';
import type { Report } from '../src/types.ts';

const whole = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;
let report: Report;
const dir = mkdtempSync(join(tmpdir(), 'pp-report-json-'));

beforeAll(async () => {
  ({ report } = await auditDemo());
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the JSON report in pieces', () => {
  it('is the demo report exactly as JSON.stringify writes it, as a string and as a file', () => {
    expect(report.pages.length).toBeGreaterThan(3);
    expect(renderJson(report)).toBe(whole(report));
    const file = join(dir, 'report.json');
    writeJsonFile(file, report);
    expect(readFileSync(file, 'utf8')).toBe(whole(report));
  });

  it('writes what JSON.stringify writes for empty, missing and nested values, line breaks and Chinese in strings', () => {
    const odd = {
      empty: [], none: {}, gone: undefined, nil: null, holes: [undefined, 1, () => 1, 'a\nb'], fn: () => 1,
      nested: [[1, [2, { x: [] }]], { y: { z: '民國115年\r\n"quoted"' } }], n: 0, yes: true,
    };
    expect([...jsonChunks(odd)].join('')).toBe(whole(odd));
    expect([...jsonChunks({})].join('')).toBe(whole({}));
    expect([...jsonChunks({ gone: undefined })].join('')).toBe(whole({ gone: undefined }));
  });

  it('writes a report larger than one write in several, the same bytes', () => {
    const big = { ...report, pages: Array.from({ length: 400 }, (_, i) => ({ ...report.pages[i % report.pages.length]!, title: `頁 ${i} ${'x'.repeat(300)}` })) };
    const file = join(dir, 'big.json');
    writeJsonFile(file, big);
    expect(readFileSync(file, 'utf8')).toBe(whole(big));
  });
});
