// analyzePage: one fetched page (HTML or PDF) → PageFacts. Parses once, reads dates before anything
// else, then content, type, retail coverage, AWS services and, for case studies, their elements.
// Never throws: a failing stage leaves its facts empty and says why in facts.error.

import { load } from 'cheerio/slim';
import type { CheerioAPI } from 'cheerio';
import { DomHandler, Parser } from 'htmlparser2';
import { MAX_NESTING } from '../crawlers/html-scan.ts';
import { performance } from 'node:perf_hooks';
import type { PageClassification, PageContent, PageDates, PageFacts, PageInput } from './types.ts';
import { emptyFacts, NO_DATES } from './facts.ts';
import { extractContent, MAX_MAIN_TEXT } from './extract.ts';
import { pdfContent, readPdf } from './pdf.ts';
import { announcementPhrases, classifyPage, otherIndustries, withoutAwsCredentials } from './classify.ts';
import { extractDates, pdfDates } from './dates.ts';
import { scoreRetail } from './retail.ts';
import { detectAws, withoutOwnHosting } from './aws.ts';
import { customerStoryInPost, readCaseStudy } from './case-study.ts';
import { countHan, excerpt } from './text.ts';

export { extractContent } from './extract.ts';
export { readPdf, pdfContent } from './pdf.ts';
export { classifyPage } from './classify.ts';

type DocumentKind = { kind: 'html' } | { kind: 'pdf' } | { kind: 'unsupported'; type: string };

/** What the bytes are: the declared type first, the PDF signature when the server says "octet-stream". */
export function documentKind(input: PageInput): DocumentKind {
  const type = (input.contentType ?? '').split(';')[0]!.trim().toLowerCase();
  const pdfMagic = input.bytes !== null && input.bytes.length >= 5 && String.fromCharCode(...input.bytes.subarray(0, 5)) === '%PDF-';
  if (type === 'application/pdf' || type === 'application/x-pdf' || pdfMagic) return { kind: 'pdf' };
  if (input.html !== null && (type === '' || type.includes('html'))) return { kind: 'html' };
  return { kind: 'unsupported', type: type || 'unknown type' };
}

/**
 * htmlparser2 rather than parse5: several times faster on real pages, forgiving of broken markup,
 * and the parser the date extractor is measured with (bench:dates). It builds no implied
 * <html>/<head>/<body>, which the readers allow for. `nestingCut`: the markup went deeper than
 * MAX_NESTING (the crawler's link scan stops there too, for the same reason), and only what came
 * before that point was read.
 */
export function readHtml(html: string): { $: CheerioAPI; nestingCut: boolean } {
  const handler = new DomHandler();
  let depth = 0;
  let nestingCut = false;
  const parser = new Parser({
    onparserinit: (p) => handler.onparserinit(p),
    onreset: () => handler.onreset(),
    onend: () => handler.onend(),
    onerror: (e) => handler.onerror(e),
    onopentag: (name, attribs) => {
      handler.onopentag(name, attribs);
      if (++depth > MAX_NESTING && !nestingCut) {
        nestingCut = true;
        parser.pause();
      }
    },
    onclosetag: () => {
      depth--;
      handler.onclosetag();
    },
    ontext: (t) => handler.ontext(t),
    oncomment: (c) => handler.oncomment(c),
    oncommentend: () => handler.oncommentend(),
    oncdatastart: () => handler.oncdatastart(),
    oncdataend: () => handler.oncdataend(),
    onprocessinginstruction: (n, d) => handler.onprocessinginstruction(n, d),
  });
  parser.write(html);
  if (!nestingCut) parser.end();
  return { $: load(handler.root, { xml: false }), nestingCut };
}

export function parseHtml(html: string): CheerioAPI {
  return readHtml(html).$;
}

/**
 * Lets the document `$` was loaded from go of its nodes, once no reader will ask it again. cheerio's
 * load makes a class for each document, and V8 keeps a class's hidden class in the old generation
 * from the start: through it, the class's methods and the closure they share reach the document's
 * root, so every node of every page outlived the young generation's collections until the next full
 * one, copied and promoted on the way (reading 1,000 of the bench site's pages in one thread: 99 KB
 * promoted a page, 1 KB with this). In the audit it pays with V8's allocation-site pretenuring off
 * (see bin/partner-presence.js), which otherwise keeps the nodes from young collections as well.
 */
export function releaseDocument($: CheerioAPI): void {
  const root = $.root()[0];
  if (root) root.children = [];
}

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** Analyses one page. Never throws; errors are in facts.error with whatever could still be read. */
export async function analyzePage(input: PageInput, asOf: string): Promise<PageFacts> {
  const url = input.finalUrl || input.url;
  const doc = documentKind(input);
  if (doc.kind === 'unsupported') return emptyFacts(`not analysed: ${doc.type}`);

  const errors: string[] = [];
  // Each stage is guarded on its own: a bug or odd input in one analyzer must not cost the others.
  const attempt = <T>(stage: string, fallback: T, run: () => T): T => {
    try {
      return run();
    } catch (err) {
      errors.push(`${stage} failed: ${message(err)}`);
      return fallback;
    }
  };

  let content: PageContent | null = null;
  let dates: PageDates = NO_DATES;
  if (doc.kind === 'pdf') {
    try {
      const pdf = await readPdf(input.bytes ?? new Uint8Array());
      // A scanned document: readable, but nothing to analyse without OCR.
      if (!pdf.text.trim()) errors.push('PDF has no text layer (scanned pages?): nothing to analyse');
      content = pdfContent(pdf, input);
      dates = attempt('dates', NO_DATES, () => pdfDates(pdf.info, pdf.text, url, asOf));
    } catch (err) {
      const facts = emptyFacts(message(err));
      // The URL may still carry a date; it is all there is to know about an unreadable document.
      facts.dates = attempt('dates', NO_DATES, () => pdfDates({}, '', url, asOf));
      return facts;
    }
  } else {
    let $: CheerioAPI;
    try {
      const read = readHtml(input.html ?? '');
      $ = read.$;
      if (read.nestingCut) errors.push(`markup nested deeper than ${MAX_NESTING} elements: read up to that point`);
    } catch (err) {
      return emptyFacts(`HTML could not be parsed: ${message(err)}`);
    }
    // Neither reader changes the document. The content extractor reads the JSON-LD once for both;
    // the dates read the whole document, bylines and sidebars included.
    content = attempt<PageContent | null>('content extraction', null, () => extractContent($, input));
    if (content?.textCut) errors.push(`main text longer than ${MAX_MAIN_TEXT.toLocaleString('en')} characters: the rest was not read`);
    const jsonLd = content ? { objects: content.jsonLd, unparsed: content.unparsedJsonLd ?? [] } : undefined;
    dates = attempt('dates', NO_DATES, () => extractDates($, url, asOf, jsonLd));
    releaseDocument($);
  }

  const facts = emptyFacts(null);
  facts.dates = dates;
  if (content) {
    const page = content;
    facts.title = page.title;
    facts.lang = page.lang;
    facts.description = page.description;
    facts.classification = attempt<PageClassification>('classification', facts.classification, () => classifyPage(page, url, dates));
    facts.retail = attempt('retail scoring', facts.retail, () => scoreRetail(page));
    const titledText = `${page.title}\n${page.mainText}`;
    facts.otherIndustries = attempt('industry detection', [], () => otherIndustries(titledText));
    // "Our back office runs on AWS" says what the partner's own product runs on, not what it delivers
    // for customers on AWS: such sentences name no AWS use (nor services) for the page.
    const awsText = attempt('AWS detection', titledText, () => withoutOwnHosting(titledText));
    const aws = attempt('AWS detection', null, () => detectAws(awsText));
    if (aws) {
      facts.awsServices = aws.services;
      // Naming no service, the page may mention AWS only as the partner's badge ("AWS Advanced Tier
      // Services Partner" in a call to action): that is no use of AWS.
      facts.mentionsAws = aws.mentionsAws && (aws.services.length > 0
        || attempt('AWS detection', false, () => detectAws(withoutAwsCredentials(awsText)).mentionsAws));
      facts.otherClouds = aws.otherClouds;
    }
    if (facts.classification.type === 'case-study') {
      facts.caseStudy = attempt('case-study reading', null, () => readCaseStudy(page, url, facts.awsServices));
      facts.announcement = attempt('announcement reading', [], () => announcementPhrases(page.mainText));
    } else if (facts.classification.type === 'thought-leadership' && (facts.classification.kind === 'blog' || facts.classification.kind === 'news')) {
      // A customer's story published as a post or a news item is a case study too (and stays a post).
      const story = attempt('case-study reading', null, () => customerStoryInPost(page, url, facts.awsServices));
      if (story) {
        facts.caseStudy = story;
        facts.announcement = attempt('announcement reading', [], () => announcementPhrases(page.mainText));
        facts.classification = { ...facts.classification, signals: [...facts.classification.signals, `story:${story.customer ?? 'anonymised customer'}`] };
      }
    }
    facts.excerpt = leadExcerpt(page);
  }
  if (errors.length) facts.error = errors.join('; ');
  return facts;
}

/** The first real paragraph (not a heading, byline or list), else the description, else the text. */
function leadExcerpt(content: PageContent): string {
  const substantial = (text: string) => text.length >= 80 || countHan(text) >= 20;
  const lead = content.blocks.find((b) => b.tag === 'p' && substantial(b.text))
    ?? content.blocks.find((b) => !/^h[1-6]$/.test(b.tag) && substantial(b.text));
  return excerpt(lead?.text ?? content.description ?? content.mainText, 300);
}

/**
 * Analysis cost per page for benchmarks: analyses the inputs `rounds` times after one warm-up pass;
 * returns the mean and the median wall-clock milliseconds per page (the median shrugs off pauses
 * caused by other processes on a shared machine).
 */
export async function measureAnalyzeCost(
  inputs: PageInput[],
  asOf: string,
  rounds = 5,
): Promise<{ pages: number; msPerPage: number; medianMs: number }> {
  for (const input of inputs) await analyzePage(input, asOf);
  const samples: number[] = [];
  for (let r = 0; r < rounds; r++) {
    for (const input of inputs) {
      const start = performance.now();
      await analyzePage(input, asOf);
      samples.push(performance.now() - start);
    }
  }
  samples.sort((a, b) => a - b);
  const total = samples.reduce((sum, ms) => sum + ms, 0);
  return {
    pages: samples.length,
    msPerPage: samples.length ? total / samples.length : 0,
    medianMs: samples.length ? samples[Math.floor(samples.length / 2)]! : 0,
  };
}
