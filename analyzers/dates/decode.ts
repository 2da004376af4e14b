// Byte → string decoding for saved HTML pages (the date benchmark and its test read files from disk):
// BOM first, then the <meta charset> the page declares, then UTF-8 if the bytes are valid UTF-8,
// else windows-1252 (what browsers assume for legacy Western pages).

import iconv from 'iconv-lite';

export function decodeHtml(bytes: Uint8Array): string {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) return buf.subarray(3).toString('utf8');
  if (buf[0] === 0xff && buf[1] === 0xfe) return iconv.decode(buf.subarray(2), 'utf-16le');
  if (buf[0] === 0xfe && buf[1] === 0xff) return iconv.decode(buf.subarray(2), 'utf-16be');
  const head = buf.subarray(0, 4096).toString('latin1');
  const declared = /<meta[^>]+charset\s*=\s*["']?\s*([\w-]+)/i.exec(head)?.[1]?.toLowerCase();
  if (declared && !/^utf-?8$/.test(declared) && iconv.encodingExists(declared)) {
    // Browsers read ISO-8859-1 and ASCII labels as windows-1252.
    const charset = /^(iso-8859-1|latin-?1|us-ascii|ascii)$/.test(declared) ? 'windows-1252' : declared;
    return iconv.decode(buf, charset);
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(buf);
  } catch {
    return iconv.decode(buf, 'windows-1252');
  }
}
