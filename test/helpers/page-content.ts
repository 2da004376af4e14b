// Builds a PageContent the way analyzers/extract.ts would, from a compact description, so analyzer
// tests can state realistic pages without depending on HTML extraction.

import type { LinkRecord } from '../../crawlers/types.ts';
import type { PageContent, TextBlock } from '../../analyzers/types.ts';

export interface PageSpec {
  title: string;
  lang?: string;
  /** [tag, text] pairs in document order; tag h1..h6, p, li, td … */
  blocks: [string, string][];
  links?: Partial<LinkRecord>[];
  jsonLd?: Record<string, unknown>[];
  meta?: Record<string, string>;
}

export function pageContent(spec: PageSpec): PageContent {
  const blocks: TextBlock[] = spec.blocks.map(([tag, text]) => ({ tag, text }));
  return {
    title: spec.title,
    lang: spec.lang ?? 'en',
    description: null,
    headings: blocks.filter((b) => /^h[1-6]$/.test(b.tag)).map((b) => ({ level: Number(b.tag[1]), text: b.text })),
    blocks,
    mainText: blocks.map((b) => b.text).join('\n'),
    jsonLd: spec.jsonLd ?? [],
    meta: spec.meta ?? {},
    documentInfo: null,
    links: (spec.links ?? []).map((l) => ({ url: l.url ?? '', text: l.text ?? '', region: l.region ?? 'main', internal: l.internal ?? false })),
  };
}
