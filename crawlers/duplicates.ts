// One page under two addresses.
//
// /index.html, /index.php, /default.aspx usually answer the same page as their directory URL, but a
// server may serve something else there, so normalizeUrl keeps them apart and we decide on what
// came back: the same bytes, or a canonical naming the other address (or both naming one), make
// the later of the two fetched a duplicate. Rewriting such links to the directory URL before
// fetching would be cheaper (one request per alias saved) but is a guess that hides a different
// page, and depends on which address the crawl happened to see first.
import { createHash } from 'node:crypto';
import { addValue, valuesAt, type OneOrMany } from './one-or-many.ts';
import type { PageRecord } from './types.ts';
import { indexDocumentDirectory } from './url.ts';

/**
 * The directory URL a page may be an alias of: itself for /dir/ and /dir/index.html for …/dir/
 * (query kept: /index.php?p=1 goes with /?p=1). Null for any other address.
 */
function directoryKey(url: string): string | null {
  const u = new URL(url);
  return u.pathname.endsWith('/') ? u.href : indexDocumentDirectory(url);
}

/** A fetched HTML page at a directory address, for recognising the same page under the other one. */
interface DirectoryPage {
  url: string;
  bodyHash: string;
  canonical: string | null;
}

export class DirectoryAliases {
  /** By directory URL, the page or pages read there. */
  readonly #pages = new Map<string, OneOrMany<DirectoryPage>>();

  /**
   * Registers an HTML page read at a directory address (`body`: the bytes as served); returns the URL
   * of the page fetched before that it duplicates, if any.
   */
  originalOf(record: PageRecord, body: Buffer): string | null {
    if (record.body === null || record.error !== null || record.blocked !== null || (record.httpStatus ?? 0) >= 300) return null;
    const directory = directoryKey(record.finalUrl);
    if (!directory) return null;
    // The page's own address string when the key is the same text (a string of its own was ~0.1 KB).
    const key = directory === record.finalUrl ? record.finalUrl : directory;
    const page: DirectoryPage = { url: record.finalUrl, bodyHash: createHash('sha1').update(body).digest('base64'), canonical: record.canonical };
    const identity = (p: DirectoryPage) => p.canonical ?? p.url;
    const original = valuesAt(this.#pages, key).find((p) => p.bodyHash === page.bodyHash || identity(p) === identity(page));
    if (original) return original.url;
    addValue(this.#pages, key, page);
    return null;
  }
}
