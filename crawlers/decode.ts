// HTML decoding as browsers do it: BOM, then the HTTP charset, then <meta charset> in the first bytes.
import iconv from 'iconv-lite';

/**
 * WHATWG label aliases where the standard picks a superset: Big5 means Big5-HKSCS, GB2312 means GBK,
 * Latin-1 / ASCII mean windows-1252, Shift_JIS variants mean windows-31j.
 */
const ALIASES: Record<string, string> = {
  big5: 'big5hkscs', 'big5-hkscs': 'big5hkscs', 'x-x-big5': 'big5hkscs', 'cn-big5': 'big5hkscs', 'csbig5': 'big5hkscs',
  gb2312: 'gbk', gb_2312: 'gbk', 'gb_2312-80': 'gbk', 'x-gbk': 'gbk', chinese: 'gbk', csgb2312: 'gbk',
  'iso-8859-1': 'windows-1252', latin1: 'windows-1252', 'us-ascii': 'windows-1252', ascii: 'windows-1252', 'iso8859-1': 'windows-1252',
  shift_jis: 'windows-31j', 'shift-jis': 'windows-31j', sjis: 'windows-31j', 'x-sjis': 'windows-31j', 'ms_kanji': 'windows-31j',
  'euc-kr': 'cp949', 'ks_c_5601-1987': 'cp949',
  'utf8': 'utf-8', 'unicode-1-1-utf-8': 'utf-8',
};

/** Name reported in PageRecord.charset (the label as the standard names it). */
const REPORTED: Record<string, string> = { big5hkscs: 'big5', 'windows-31j': 'shift_jis', cp949: 'euc-kr' };

function charsetFromContentType(value: string | undefined): string | null {
  const m = /charset\s*=\s*["']?([^"';\s]+)/i.exec(value ?? '');
  return m ? m[1].toLowerCase() : null;
}

/** <meta charset> or <meta http-equiv=content-type content="…charset=…"> in the first 4 KB. */
function charsetFromMeta(bytes: Uint8Array): string | null {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, 4096)).toString('latin1');
  for (const tag of head.match(/<meta\b[^>]*>/gi) ?? []) {
    const direct = /\bcharset\s*=\s*["']?([^"'\s/>;]+)/i.exec(tag);
    if (direct) return direct[1].toLowerCase();
  }
  return null;
}

function bomCharset(bytes: Uint8Array): string | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  return null;
}

function usable(label: string | null): string | null {
  if (!label) return null;
  const name = ALIASES[label] ?? label;
  return iconv.encodingExists(name) ? name : null;
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** Decodes an HTML (or other text) body; returns the text and the charset that was used. */
export function decodeBody(bytes: Uint8Array, contentTypeHeader: string | undefined): { text: string; charset: string } {
  let name = usable(bomCharset(bytes)) ?? usable(charsetFromContentType(contentTypeHeader)) ?? usable(charsetFromMeta(bytes));
  if (!name) {
    // Undeclared: UTF-8 when the bytes are valid UTF-8, else the web's legacy default.
    try {
      strictUtf8.decode(bytes);
      name = 'utf-8';
    } catch {
      name = 'windows-1252';
    }
  }
  // A page cannot declare itself UTF-16 from inside its own bytes; a meta saying so means UTF-8.
  if (name.startsWith('utf-16') && !bomCharset(bytes)) name = 'utf-8';
  const text = iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length), name);
  return { text, charset: REPORTED[name] ?? name };
}
