// Real one-page PDFs whose content streams are small on the wire and huge once inflated: the shape of
// the decompression bombs a hostile site can serve as "case studies". Made by the tests, never committed.
import { deflateSync } from 'node:zlib';

const LINE = 'BT /F1 12 Tf 72 712 Td (Retail case study: the customer moved its stores to AWS.) Tj ET\n';

/**
 * A PDF whose page draws `streams` content streams (each its own object) that inflate to about
 * `inflatedBytes` of text-drawing operators in all. Each stream is compressed once and repeated.
 */
export function inflatingPdf(inflatedBytes: number, streams = 1): Buffer {
  const perStream = Math.ceil(inflatedBytes / streams / LINE.length);
  const content = deflateSync(Buffer.from(LINE.repeat(perStream)), { level: 9 });
  const contentIds = Array.from({ length: streams }, (_, i) => i + 5);
  const objects: Buffer[] = [
    Buffer.from('<< /Type /Catalog /Pages 2 0 R >>'),
    Buffer.from('<< /Type /Pages /Kids [3 0 R] /Count 1 >>'),
    Buffer.from(`<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents [${contentIds.map((id) => `${id} 0 R`).join(' ')}] /Resources << /Font << /F1 4 0 R >> >> >>`),
    Buffer.from('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>'),
    ...contentIds.map(() => Buffer.concat([Buffer.from(`<< /Length ${content.length} /Filter /FlateDecode >>\nstream\n`), content, Buffer.from('\nendstream')])),
  ];
  const parts: Buffer[] = [Buffer.from('%PDF-1.4\n')];
  const offsets: number[] = [];
  let at = parts[0]!.length;
  objects.forEach((body, i) => {
    const obj = Buffer.concat([Buffer.from(`${i + 1} 0 obj\n`), body, Buffer.from('\nendobj\n')]);
    offsets.push(at);
    parts.push(obj);
    at += obj.length;
  });
  const xref = `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  parts.push(Buffer.from(`${xref}trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${at}\n%%EOF\n`));
  return Buffer.concat(parts);
}
