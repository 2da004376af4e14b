import { describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApplicantListError, MAX_APPLICANT_LIST_BYTES, parseApplicants, readApplicants } from '../src/batch/input.ts';

const parse = (text: string, file = 'list.csv') => parseApplicants(Buffer.from(text, 'utf8'), file);

describe('applicant list input', () => {
  it('reads CSV with a header, keeps extra columns and reports bad rows by line', () => {
    const list = parse(
      [
        '\uFEFFName,Homepage,region,notes',
        'Shop Tech,https://www.shoptech.test/,north,"first, with comma"',
        'No Home,,south,',
        'Bad URL,http://exa mple.test/,east,',
        'Dup,http://shoptech.test,west,',
        '"Multi',
        'line",ftp://files.test/,x,',
        'Bare Host,partner.example.com.tw,"q ""quoted""",',
        ',,,',
        'Single,localhostish,,',
      ].join('\n'),
    );
    expect(list.format).toBe('csv');
    expect(list.extraColumns).toEqual(['region']);
    expect(list.applicants.map((a) => [a.id, a.name, a.homepage, a.line, a.extra.region, a.notes])).toEqual([
      ['shop-tech', 'Shop Tech', 'https://www.shoptech.test/', 2, 'north', 'first, with comma'],
      ['bare-host', 'Bare Host', 'https://partner.example.com.tw/', 8, 'q "quoted"', ''],
    ]);
    expect(list.problems).toEqual([
      { line: 3, kind: 'input.no-homepage', message: 'no homepage; skipped' },
      { line: 4, kind: 'input.homepage-not-url', values: { homepage: 'http://exa mple.test/' }, message: 'malformed homepage "http://exa mple.test/": not a URL; skipped' },
      { line: 5, kind: 'input.duplicate-site', values: { earlierLine: 2, homepage: 'http://shoptech.test/' }, message: 'duplicate of line 2 (same homepage http://shoptech.test/); skipped' },
      { line: 7, kind: 'input.homepage-scheme', values: { homepage: 'ftp://files.test/', scheme: 'ftp:' }, message: 'malformed homepage "ftp://files.test/": scheme ftp: is not http or https; skipped' },
      { line: 10, kind: 'input.homepage-host', values: { homepage: 'localhostish', host: 'localhostish' }, message: 'malformed homepage "localhostish": "localhostish" is not a host name; skipped' },
    ]);
  });

  it('takes ids from the id column, else slugs of the name or host, always unique', () => {
    const list = parse(
      ['id,name,homepage', 'acme,Acme,https://acme.test/', ',Acme,https://acme2.test/', ',零售科技,https://www.retail-tw.test/',
        ',Café Ünï,https://cafe.test/', ',門市,https://retail.shop.com.tw/', 'acme,Other,https://other.test/', 'a/b,Evil,https://evil.test/'].join('\n'),
    );
    expect(list.applicants.map((a) => a.id)).toEqual(['acme', 'acme-2', 'retail-tw', 'cafe-uni', 'retail-shop']);
    expect(list.problems.map((p) => [p.line, p.message.split(' (')[0]])).toEqual([
      [7, 'duplicate id "acme"'],
      [8, 'id "a/b" must start with a letter or digit and use only letters, digits, ".", "_" and "-"; skipped'],
    ]);
  });

  it('reads a JSON array with the line each entry starts on', () => {
    const list = parse(
      '[\n  {"name": "A", "homepage": "https://a.test/", "tier": 2},\n  {\n    "name": "B, \\"the\\" [one]"\n  },\n  "x",\n  {"name": "C", "homepage": "c.test"}\n]\n',
      'list.json',
    );
    expect(list.applicants.map((a) => [a.id, a.line, a.extra.tier])).toEqual([['a', 2, '2'], ['c', 7, '']]);
    expect(list.problems).toEqual([
      { line: 3, kind: 'input.no-homepage', message: 'no homepage; skipped' },
      { line: 6, kind: 'input.not-object', message: 'not a JSON object; skipped' },
    ]);
  });

  it('reads JSON Lines and reports a broken line', () => {
    const list = parse('{"name":"A","homepage":"https://a.test/"}\n\n{broken\n{"name":"B","homepage":"https://b.test/"}\n', 'list.txt');
    expect(list.format).toBe('jsonl');
    expect(list.applicants.map((a) => [a.id, a.line])).toEqual([['a', 1], ['b', 4]]);
    expect(list.problems).toEqual([{ line: 3, kind: 'input.not-json', message: 'not valid JSON; skipped' }]);
  });

  it('refuses a file that is not an applicant list with one clear error', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pp-input-'));
    const pdf = join(dir, 'list.pdf');
    writeFileSync(pdf, Buffer.from([0x25, 0x50, 0x44, 0x46, 0x2d, 0x31, 0x00, 0x01]));
    await expect(readApplicants(pdf)).rejects.toThrow(/list\.pdf is not an applicant list \(it is a binary file\)/);
    expect(() => parse('Dear team,\nplease audit these partners.\n', 'mail.txt')).toThrow(/no "homepage" column/);
    expect(() => parse('[1, 2', 'list.json')).toThrow(ApplicantListError);
    expect(() => parse('{"partners": []}', 'list.json')).toThrow(/not an array/);
    await expect(readApplicants(join(dir, 'missing.csv'))).rejects.toThrow(/cannot read .*missing\.csv: ENOENT/);
  });

  it('refuses ids Windows cannot use as file names, and never makes one from a name', () => {
    const list = parse(
      ['id,name,homepage', 'CON,Con,https://con.test/', 'nul.partner,Nul,https://nul.test/', 'com1,Com,https://com.test/',
        'acme.,Acme,https://acme.test/', ',Con,https://con2.test/', ',Aux Systems,https://aux.test/', 'console,Console,https://console.test/'].join('\n'),
    );
    expect(list.applicants.map((a) => a.id)).toEqual(['con-2', 'aux-systems', 'console']);
    expect(list.problems.map((p) => [p.line, p.message])).toEqual([
      [2, 'id "CON" cannot name a file on Windows (a reserved device name such as CON, NUL or COM1); skipped'],
      [3, 'id "nul.partner" cannot name a file on Windows (a reserved device name such as CON, NUL or COM1); skipped'],
      [4, 'id "com1" cannot name a file on Windows (a reserved device name such as CON, NUL or COM1); skipped'],
      [5, 'id "acme." cannot name a file on Windows (it ends with a dot); skipped'],
    ]);
  });

  it('refuses a list past MAX_APPLICANT_LIST_BYTES before reading it, and a device that never ends', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pp-input-'));
    const big = join(dir, 'big.csv');
    // 100 MB of well-formed rows: read whole, it used to run the batch out of memory.
    const row = (i: number) => `Partner ${i},https://www.partner-${i}.example.com/,${'x'.repeat(40)}\n`;
    const block = Buffer.from(Array.from({ length: 10_000 }, (_, i) => row(i)).join(''));
    writeFileSync(big, Buffer.concat([Buffer.from('name,homepage,notes\n'), ...Array.from({ length: Math.ceil(100 * 1024 ** 2 / block.length) }, () => block)]));
    await expect(readApplicants(big)).rejects.toThrow(/big\.csv is 10\d MB; an applicant list may be at most 20 MB .*split it/);
    await expect(readApplicants('/dev/zero')).rejects.toThrow(/\/dev\/zero is larger than 20 MB/);
    expect(MAX_APPLICANT_LIST_BYTES).toBe(20 * 1024 ** 2);
    rmSync(dir, { recursive: true, force: true });
  });
});
