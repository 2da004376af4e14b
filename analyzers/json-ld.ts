// JSON-LD (<script type="application/ld+json">), read once per page for every analyzer that uses it:
// the content extractor keeps the objects (page type, case-study subjects), the date extractor reads
// their dates and, from a script too broken to parse, the date fields themselves.

/** The script types that hold JSON-LD ("application/ld+json", with or without parameters). */
export function isJsonLdType(type: string): boolean {
  return type.toLowerCase().includes('ld+json');
}

/** A page's JSON-LD: its objects, flattened out of @graph and arrays, and the scripts that did not parse. */
export interface JsonLd {
  objects: Record<string, unknown>[];
  unparsed: string[];
}

/** Parses a page's JSON-LD scripts (their text, in document order); blank scripts are skipped. */
export function readJsonLd(scripts: string[]): JsonLd {
  const objects: Record<string, unknown>[] = [];
  const unparsed: string[] = [];
  for (const script of scripts) {
    if (!script.trim()) continue;
    const parsed = parseJsonLenient(script);
    if (parsed === undefined) unparsed.push(script);
    else flattenJsonLd(parsed, objects);
  }
  return { objects, unparsed };
}

/**
 * JSON.parse, then a second try after the repairs real CMS output needs: HTML comment / CDATA
 * wrappers, JS comments, raw newlines and tabs inside strings, trailing commas, several objects
 * back to back. Undefined when it still does not parse.
 */
export function parseJsonLenient(raw: string): unknown {
  const text = raw.trim();
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    // fall through to the repairs
  }
  let fixed = text
    .replace(/^\s*(?:<!--|\/\/\s*<!\[CDATA\[|<!\[CDATA\[)/, '')
    .replace(/(?:-->|\/\/\s*\]\]>|\]\]>)\s*$/, '')
    .trim();
  fixed = escapeControlCharsInStrings(stripJsComments(fixed))
    .replace(/,\s*([}\]])/g, '$1')
    .replace(/;\s*$/, '');
  if (!fixed.startsWith('[') && /\}\s*\{/.test(fixed)) {
    fixed = `[${fixed.replace(/\}\s*\{/g, '},{')}]`;
  }
  try {
    return JSON.parse(fixed);
  } catch {
    return undefined;
  }
}

/** Removes // and /* *\/ comments outside strings (URLs inside strings keep their "//"). */
function stripJsComments(text: string): string {
  let out = '';
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (inString) {
      out += ch;
      if (ch === '\\') out += text[++i] ?? '';
      else if (ch === '"') inString = false;
    } else if (ch === '"') {
      inString = true;
      out += ch;
    } else if (ch === '/' && text[i + 1] === '/') {
      while (i < text.length && text[i] !== '\n') i++;
    } else if (ch === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      i = end < 0 ? text.length : end + 1;
    } else {
      out += ch;
    }
  }
  return out;
}

function escapeControlCharsInStrings(text: string): string {
  let out = '';
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (inString) {
      if (ch === '\\') {
        out += ch + (text[++i] ?? '');
        continue;
      }
      if (ch === '"') inString = false;
      if (ch === '\n') out += '\\n';
      else if (ch === '\r') out += '\\r';
      else if (ch === '\t') out += '\\t';
      else out += ch;
    } else {
      if (ch === '"') inString = true;
      out += ch;
    }
  }
  return out;
}

function flattenJsonLd(value: unknown, out: Record<string, unknown>[]): void {
  if (Array.isArray(value)) {
    for (const v of value) flattenJsonLd(v, out);
    return;
  }
  if (!value || typeof value !== 'object') return;
  const obj = value as Record<string, unknown>;
  const graph = obj['@graph'];
  if (graph !== undefined) {
    const { '@graph': _graph, ...rest } = obj;
    // A @graph wrapper usually carries only @context; keep it when it says more.
    if (Object.keys(rest).some((k) => k !== '@context')) out.push(rest);
    flattenJsonLd(graph, out);
    return;
  }
  out.push(obj);
}
