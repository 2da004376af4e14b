// Sitemap files: <urlset>, <sitemapindex>, gzip-compressed (.xml.gz) and plain-text lists.
import { gunzipSync } from 'node:zlib';

export interface ParsedSitemap {
  /** Nested sitemaps (from a <sitemapindex>). */
  sitemaps: string[];
  /** Page URLs (from a <urlset> or a text sitemap). */
  pages: string[];
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function unescapeXml(s: string): string {
  return s
    .replace(/<!\[CDATA\[([\s\S]*?)\]\]>/g, '$1')
    .replace(/&(amp|lt|gt|quot|apos|#\d+|#x[0-9a-f]+);/gi, (m, e: string) => {
      if (e[0] !== '#') return ENTITIES[e.toLowerCase()] ?? m;
      const code = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return Number.isFinite(code) ? String.fromCodePoint(code) : m;
    })
    .trim();
}

/** Parses a sitemap body; gzip is detected by its magic bytes, decompressed up to `maxBytes`. */
export function parseSitemap(body: Uint8Array, maxBytes: number): ParsedSitemap {
  let bytes = Buffer.from(body.buffer, body.byteOffset, body.length);
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
    try {
      bytes = gunzipSync(bytes, { maxOutputLength: maxBytes });
    } catch {
      // Over the cap or corrupt: skip the file rather than read a cut-off XML.
      return { sitemaps: [], pages: [] };
    }
  }
  const text = bytes.toString('utf8');
  if (!/<(urlset|sitemapindex)\b/i.test(text)) {
    // Text sitemap: one URL per line.
    return { sitemaps: [], pages: text.split(/\r?\n/).map((l) => l.trim()).filter((l) => /^https?:\/\//i.test(l)) };
  }
  const isIndex = /<sitemapindex\b/i.test(text);
  const locs = [...text.matchAll(/<(?:[a-z0-9]+:)?loc>([\s\S]*?)<\/(?:[a-z0-9]+:)?loc>/gi)].map((m) => unescapeXml(m[1]));
  return isIndex ? { sitemaps: locs, pages: [] } : { sitemaps: [], pages: locs };
}
