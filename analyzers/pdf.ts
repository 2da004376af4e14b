// PDF documents: text, layout blocks and metadata with unpdf (a serverless build of PDF.js), and the
// PageContent they become. Lines are rebuilt from positioned text items so that paragraphs and
// headings (larger type) survive: the case-study reader and the classifier work on headings.

import { getDocumentProxy, getMeta } from 'unpdf';
import { inflateSync } from 'node:zlib';
import type { PageContent, PageInput, TextBlock } from './types.ts';
import { collapseWhitespace } from './text.ts';
import { resolveLang } from './lang.ts';
import { parseDateString } from './dates/parse.ts';

export interface PdfDocument {
  /** Paragraphs separated by blank lines, lines inside a paragraph joined. */
  text: string;
  /** The document information dictionary as PDF.js reads it (Title, Author, CreationDate "D:…", ModDate, Language …). */
  info: Record<string, string>;
  pages: number;
  /** Pages whose text was read: the first MAX_PDF_PAGES, minus pages PDF.js could not read. */
  pagesRead: number;
  /** Paragraphs and headings in reading order (h1 = an opening title in the largest type, h2 = other larger-than-body lines). */
  blocks: TextBlock[];
}

interface Item {
  str: string;
  x: number;
  y: number;
  width: number;
  fontSize: number;
  hasEOL: boolean;
}

interface Line {
  text: string;
  y: number;
  size: number;
  page: number;
}

/**
 * Reads a PDF. Throws with a plain message when the bytes are not a readable PDF (truncated,
 * not a PDF, encrypted); the caller turns that into the page's error.
 */
export async function readPdf(bytes: Uint8Array): Promise<PdfDocument> {
  checkInflatedSize(bytes);
  // PDF.js may detach the buffer it is given; the caller's bytes stay usable.
  const data = new Uint8Array(bytes);
  let doc: PdfProxy;
  try {
    doc = await getDocumentProxy(data, { verbosity: 0 });
  } catch (err) {
    throw new Error(pdfErrorMessage(err));
  }
  try {
    const meta = await getMeta(doc);
    const info: Record<string, string> = {};
    for (const [k, v] of Object.entries(meta.info ?? {})) if (typeof v === 'string' && v.trim()) info[k] = v.trim();
    const totalPages = doc.numPages;
    const lines: Line[] = [];
    let pagesRead = 0;
    for (let n = 1; n <= Math.min(totalPages, MAX_PDF_PAGES); n++) {
      const items = await pageItems(doc, n);
      if (!items) continue;
      pagesRead++;
      lines.push(...pageLines(items, n - 1));
    }
    const blocks = layoutBlocks(dropRunningHeaders(lines, Math.min(totalPages, MAX_PDF_PAGES)));
    const text = blocks.map((b) => b.text).join('\n\n');
    return { text, info, pages: totalPages, pagesRead, blocks };
  } catch (err) {
    throw new Error(pdfErrorMessage(err));
  } finally {
    await doc.destroy().catch(() => undefined);
  }
}

/**
 * What the compressed streams PDF.js reads for text (page content, object streams, fonts; not images)
 * may inflate to, in all. Real documents stay far below: 50 pages of text and a subset CJK font are a
 * few MB. A decompression bomb (150 KB on the wire, 50 MB of content stream) is refused before PDF.js
 * spends a minute and most of a gigabyte on it.
 */
export const MAX_INFLATED_BYTES = 32 * 2 ** 20;

/** A stream keyword that opens stream data (not the "stream" of "endstream"). */
const STREAM_START = /(?<!end)stream(?:\r\n|\n|\r)/g;

/**
 * Throws (plain words) when the document's FlateDecode streams, images aside, inflate to more than
 * MAX_INFLATED_BYTES together. zlib stops at the cap, so a bomb costs no more than the cap to find.
 * Streams zlib cannot read are left for PDF.js to judge.
 */
export function checkInflatedSize(bytes: Uint8Array): void {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  let budget = MAX_INFLATED_BYTES;
  STREAM_START.lastIndex = 0;
  for (let m = STREAM_START.exec(text); m !== null; m = STREAM_START.exec(text)) {
    // The stream's dictionary: back to its "N 0 obj", looking no further than a dictionary can be long.
    const before = text.slice(Math.max(0, m.index - 4096), m.index);
    const dictionary = before.slice(Math.max(0, before.lastIndexOf('obj')));
    if (!/\/(?:FlateDecode|Fl)\b/.test(dictionary) || /\/Subtype\s*\/Image\b/.test(dictionary)) continue;
    const start = m.index + m[0].length;
    const end = text.indexOf('endstream', start);
    let inflated: number;
    try {
      inflated = inflateSync(bytes.subarray(start, end < 0 ? bytes.length : end), { maxOutputLength: budget + 1 }).length;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') inflated = budget + 1;
      else continue;
    }
    budget -= inflated;
    if (budget < 0) {
      throw new Error(`PDF not read: its compressed streams inflate to more than ${MAX_INFLATED_BYTES / 2 ** 20} MB`);
    }
  }
}

// A case study or whitepaper says what it is in its first pages; a 300-page annual report does not
// need reading to the end on every audit.
const MAX_PDF_PAGES = 50;

type PdfProxy = Awaited<ReturnType<typeof getDocumentProxy>>;

/** One page's positioned text items (as unpdf's extractTextItems maps them); null when the page is unreadable. */
async function pageItems(doc: PdfProxy, pageNumber: number): Promise<Item[] | null> {
  try {
    const page = await doc.getPage(pageNumber);
    const content = await page.getTextContent();
    const items: Item[] = [];
    for (const item of content.items) {
      if (!('str' in item)) continue;
      const [, , c, d, e, f] = item.transform as number[];
      items.push({ str: item.str, x: e!, y: f!, width: item.width, fontSize: Math.hypot(c!, d!), hasEOL: item.hasEOL });
    }
    page.cleanup();
    return items;
  } catch {
    // One damaged page (bad content stream) should not cost the rest of the document.
    return null;
  }
}

function pdfErrorMessage(err: unknown): string {
  const name = (err as { name?: string })?.name ?? '';
  const message = (err as Error)?.message ?? String(err);
  if (name === 'PasswordException') return 'PDF could not be read: it is password-protected';
  return `PDF could not be read: ${message.replace(/\.$/, '')}`;
}

/** Groups one page's positioned items into lines (a new line at an end-of-line mark or a y jump). */
function pageLines(items: Item[], page: number): Line[] {
  const lines: Line[] = [];
  let text = '';
  let y = NaN;
  let size = 0;
  let lastEnd = NaN;
  const push = () => {
    const clean = collapseWhitespace(text);
    if (clean) lines.push({ text: clean, y, size, page });
    text = '';
    size = 0;
    lastEnd = NaN;
  };
  for (const item of items) {
    const sameLine = !Number.isNaN(y) && Math.abs(item.y - y) <= Math.max(item.fontSize, size, 1) * 0.5;
    if (item.str && !sameLine && text) push();
    if (item.str) {
      if (!text) y = item.y;
      // A visible gap between runs is a word space, unless CJK text runs on without spaces.
      const gap = item.x - lastEnd;
      if (text && gap > item.fontSize * 0.2 && !/\s$/.test(text) && !/^\s/.test(item.str)) text += ' ';
      text += item.str;
      size = Math.max(size, item.fontSize);
      lastEnd = item.x + item.width;
    }
    if (item.hasEOL && text) push();
  }
  push();
  return lines;
}

/**
 * Lines at the top or bottom edge of a page that repeat on most pages (running headers, "Page 3 of
 * 8" footers, confidentiality notes) are furniture, like a website's footer.
 */
function dropRunningHeaders(lines: Line[], pages: number): Line[] {
  if (pages < 2) return lines;
  const key = (l: Line) => l.text.toLowerCase().replace(/\d+/g, '0');
  const edge = new Set<Line>();
  for (let p = 0; p < pages; p++) {
    const onPage = lines.filter((l) => l.page === p);
    for (const l of [...onPage.slice(0, 2), ...onPage.slice(-2)]) if (l.text.length <= 120) edge.add(l);
  }
  const pagesWith = new Map<string, Set<number>>();
  for (const l of edge) {
    const k = key(l);
    if (!pagesWith.has(k)) pagesWith.set(k, new Set());
    pagesWith.get(k)!.add(l.page);
  }
  const needed = Math.max(2, Math.ceil(pages * 0.6));
  return lines.filter((l) => !edge.has(l) || (pagesWith.get(key(l))?.size ?? 0) < needed);
}

/** The most common type size, weighted by characters: the body text size. */
function bodySize(lines: Line[]): number {
  const weight = new Map<number, number>();
  for (const l of lines) {
    const s = Math.round(l.size * 2) / 2;
    weight.set(s, (weight.get(s) ?? 0) + l.text.length);
  }
  let best = 0;
  let bestWeight = -1;
  for (const [s, w] of weight) {
    if (w > bestWeight) {
      best = s;
      bestWeight = w;
    }
  }
  return best;
}

/** Lines → paragraphs and headings, by type size and vertical spacing. */
function layoutBlocks(lines: Line[]): TextBlock[] {
  if (!lines.length) return [];
  const body = bodySize(lines);
  const largest = Math.max(...lines.map((l) => l.size));
  // Typical distance between two consecutive body lines of one paragraph.
  const spacings: number[] = [];
  for (let i = 1; i < lines.length; i++) {
    const a = lines[i - 1]!;
    const b = lines[i]!;
    if (a.page === b.page && Math.abs(a.size - body) < 0.5 && Math.abs(b.size - body) < 0.5 && a.y > b.y) spacings.push(a.y - b.y);
  }
  spacings.sort((p, q) => p - q);
  const lineSpacing = spacings.length ? spacings[Math.floor(spacings.length / 4)]! : body * 1.3;

  const isHeading = (l: Line) => l.size >= body * 1.15 && l.text.length <= 160;
  const blocks: TextBlock[] = [];
  let current: Line[] = [];
  // The document title is the first heading in the largest type; later headings (even in that
  // size, as section headings often are) are h2, so "The challenge" reads as a section.
  const flush = () => {
    if (!current.length) return;
    const first = current[0]!;
    let tag = 'p';
    if (isHeading(first)) tag = blocks.length === 0 && first.size >= largest - 0.25 ? 'h1' : 'h2';
    blocks.push({ text: joinLines(current.map((l) => l.text)), tag });
    current = [];
  };
  for (const line of lines) {
    const prev = current[current.length - 1];
    if (prev) {
      const newPage = line.page !== prev.page;
      const sizeChange = Math.abs(line.size - prev.size) >= 0.75;
      const gap = prev.y - line.y;
      // A page break inside body text continues the paragraph; a wide gap or a size change ends it.
      const paragraphGap = !newPage && gap > lineSpacing * 1.35;
      if (sizeChange || paragraphGap || (newPage && isHeading(line))) flush();
    }
    current.push(line);
  }
  flush();
  return blocks;
}

/** Joins wrapped lines: no space between CJK characters, de-hyphenates English line ends. */
function joinLines(lines: string[]): string {
  let out = '';
  for (const line of lines) {
    if (!out) {
      out = line;
    } else if (/\p{Script=Han}$|[，。、；：！？）」』]$/u.test(out) && /^[\p{Script=Han}，。、；：！？（「『]/u.test(line)) {
      out += line;
    } else if (/[a-z]-$/.test(out) && /^[a-z]/.test(line)) {
      out = out.slice(0, -1) + line;
    } else {
      out += ` ${line}`;
    }
  }
  return out;
}

// Titles that authoring tools write on their own, which say nothing about the document.
const PLACEHOLDER_TITLE = /^(?:untitled|title|document\d*|presentation\d*|powerpoint presentation|slide \d+|microsoft (?:word|powerpoint) - .*|.*\.(?:docx?|pptx?|pdf|indd|ai))$/i;

/** The PageContent of a PDF: title from Info Title (unless a tool placeholder) or the first heading / line. */
/**
 * The file name a download answer gives its document (Content-Disposition, RFC 6266: the UTF-8
 * `filename*` form first, then `filename`): on an extensionless download address it is all the
 * address-like evidence of what the document is ("Northwind-CaseStudy.pdf").
 */
export function attachmentFileName(disposition: string | undefined): string | null {
  if (!disposition) return null;
  const extended = /\bfilename\*\s*=\s*(?:utf-8|iso-8859-1)'[^']*'([^;]+)/i.exec(disposition);
  if (extended) {
    try {
      return decodeURIComponent(extended[1]!.trim());
    } catch {
      // a malformed escape: fall back to the plain form
    }
  }
  const plain = /\bfilename\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;\s]+))/i.exec(disposition);
  const name = plain ? (plain[1]?.replace(/\\(.)/g, '$1') ?? plain[2]) : null;
  return name?.trim() || null;
}

export function pdfContent(pdf: PdfDocument, input: PageInput): PageContent {
  const blocks = pdf.blocks;
  const infoTitle = collapseWhitespace(pdf.info['Title'] ?? '');
  const firstHeading = blocks.find((b) => b.tag === 'h1') ?? blocks.find((b) => b.tag === 'h2');
  const firstLine = blocks[0]?.text.split(/(?<=[.。!?！？])\s/)[0] ?? '';
  const title = infoTitle && !PLACEHOLDER_TITLE.test(infoTitle) ? infoTitle : firstHeading?.text ?? firstLine.slice(0, 200);
  const mainText = blocks.map((b) => b.text).join('\n');
  const documentInfo: Record<string, string> = {};
  const put = (key: string, value: string | null | undefined) => {
    if (value) documentInfo[key] = value;
  };
  put('title', infoTitle);
  put('author', pdf.info['Author']);
  put('subject', pdf.info['Subject']);
  put('keywords', pdf.info['Keywords']);
  put('creator', pdf.info['Creator']);
  put('producer', pdf.info['Producer']);
  put('creationDate', pdf.info['CreationDate'] ? parseDateString(pdf.info['CreationDate']) : null);
  put('modDate', pdf.info['ModDate'] ? parseDateString(pdf.info['ModDate']) : null);
  put('fileName', attachmentFileName(input.headers['content-disposition']));
  put('pages', String(pdf.pages));
  if (pdf.pagesRead < pdf.pages) put('pagesRead', String(pdf.pagesRead));
  const url = input.finalUrl || input.url;
  return {
    title,
    lang: resolveLang([pdf.info['Language'], input.headers['content-language']], `${title}\n${mainText}`, url),
    description: pdf.info['Subject'] ? collapseWhitespace(pdf.info['Subject']) : null,
    headings: blocks.filter((b) => /^h[1-6]$/.test(b.tag)).map((b) => ({ level: Number(b.tag[1]), text: b.text })),
    blocks,
    mainText,
    jsonLd: [],
    meta: {},
    documentInfo,
    links: input.links,
    embeds: [],
  };
}

