// The crawler's link scan reads text and element names through fast paths (crawlers/html-scan.ts):
// text nodes already single-spaced are not copied, and elements with neither id nor class skip the
// region-word expressions. These tests pin both against their plain definitions.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { scanHtml } from '../crawlers/html-scan.ts';

/** The plain definition of a collapsed text: runs of white space as one space, trimmed. */
const collapsed = (s: string) => s.replace(/\s+/g, ' ').trim();

/** Deterministic pseudo-random numbers, so a failure names its case. */
function rng(seed: number): () => number {
  let x = seed >>> 0;
  return () => (x = (Math.imul(x, 1103515245) + 12345) >>> 0) / 2 ** 32;
}

const PIECES = [' ', '  ', '\t', '\n', '\r\n', '\u00a0', '\u3000', '\u2028', '\u200b', '\ufeff', 'a', 'Retail', 'store', '零售', 'é', '2026'];

describe('scanHtml text', () => {
  it('collapses every text as /\\s+/ → one space and trim() would, whatever its white space', () => {
    const random = rng(7);
    for (let n = 0; n < 3000; n++) {
      let text = '';
      const parts = Math.floor(random() * 8);
      for (let i = 0; i < parts; i++) text += PIECES[Math.floor(random() * PIECES.length)];
      const scan = scanHtml(`<html><head><title>${text}</title></head><body><main><a href="/x">${text}</a><p>${text}</p></main></body></html>`);
      const expected = collapsed(text);
      expect(scan.title, JSON.stringify(text)).toBe(expected || null);
      expect(scan.links[0], JSON.stringify(text)).toEqual({ href: '/x', text: expected, region: 'main' });
      expect(scan.textLength, JSON.stringify(text)).toBe(2 * expected.length);
      expect(scan.mainText.length, JSON.stringify(text)).toBe(2 * expected.length);
    }
  });

  it('hashes the main text by its words, so pages that differ only in white space share the hash', () => {
    const a = scanHtml('<body><p>Store  operations\n on AWS</p><p> Retail </p></body>');
    const b = scanHtml('<body><p>Store operations on AWS</p>\n<p>Retail</p></body>');
    const c = scanHtml('<body><p>Store operations on AWS</p><p>Retail media</p></body>');
    expect(a.mainText).toEqual(b.mainText);
    expect(c.mainText.hash).not.toBe(a.mainText.hash);
  });
});

describe('scanHtml regions from ids and classes', () => {
  const regionOf = (html: string) => scanHtml(`<html><body>${html}</body></html>`).links.map((l) => `${l.href} ${l.region}`);

  it('reads regions from id and class words, and none from empty or absent ones', () => {
    expect(regionOf('<div id="" class=""><a href="/a">A</a></div><div><a href="/b">B</a></div>')).toEqual(['/a main', '/b main']);
    expect(regionOf('<div class="navbar"><a href="/a">A</a></div><div id="site-footer"><a href="/b">B</a></div>')).toEqual(['/a nav', '/b footer']);
    expect(regionOf('<div class="x sidebar"><a href="/a">A</a></div><div id="masthead"><a href="/b">B</a></div>')).toEqual(['/a aside', '/b header']);
  });

  it('keeps a header or footer inside sectioning content (by tag or class word) in its section, unless it says it is the site\'s', () => {
    expect(regionOf('<article><header><a href="/a">A</a></header></article>')).toEqual(['/a main']);
    expect(regionOf('<div class="post"><footer><a href="/a">A</a></footer></div>')).toEqual(['/a main']);
    expect(regionOf('<footer class="entry-footer"><a href="/a">A</a></footer>')).toEqual(['/a main']);
    expect(regionOf('<section><header class="site-header"><a href="/a">A</a></header></section>')).toEqual(['/a header']);
    expect(regionOf('<section><footer id=""><a href="/a">A</a></footer></section>')).toEqual(['/a main']);
    expect(regionOf('<footer><a href="/a">A</a></footer>')).toEqual(['/a footer']);
  });

  it('reads <body class="single-post"> as the page, not as a post container', () => {
    expect(scanHtml('<html><body class="single-post"><footer><a href="/a">A</a></footer></body></html>').links[0]!.region).toBe('footer');
  });
});

describe('scanHtml links from click handlers', () => {
  it('reads an element whose whole onclick handler changes location as a link, its text the link text', () => {
    const scan = scanHtml(`<body><main>
      <div class="card" onclick="window.location.href='/posts/shelf-gaps/'"><h3>Shelf gaps</h3><p>Cameras count them.</p></div>
      <button onclick=" location.assign(&quot;/contact&quot;); ">Talk to us</button>
      <tr onclick='location = "/posts/older/"'><td>Older post</td></tr>
    </main></body>`);
    expect(scan.links).toEqual([
      { href: '/posts/shelf-gaps/', text: 'Shelf gaps Cameras count them.', region: 'main' },
      { href: '/contact', text: 'Talk to us', region: 'main' },
      { href: '/posts/older/', text: 'Older post', region: 'main' },
    ]);
  });

  it('reads no link from a handler that does anything besides changing location, nor a second one from a real link', () => {
    const scan = scanHtml(`<body><main>
      <div onclick="track('card'); location.href='/tracked/'">Tracked card</div>
      <div onclick="if (ok) location.href='/maybe/'">Conditional card</div>
      <div onclick="openModal()">Modal</div>
      <a href="/real/" onclick="location.href='/other/'">Real link</a>
      <div onclick="location.href='/card/'"><a href="/inner/">Inner link</a></div>
    </main></body>`);
    expect(scan.links.map((link) => link.href)).toEqual(['/real/', '/card/', '/inner/']);
  });
});

describe('scanHtml and memory', () => {
  it('keeps no slice of the page in the link texts and the title it returns (a kept slice keeps the whole page)', () => {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const kept: string[] = [];
    gc();
    const before = process.memoryUsage().heapUsed;
    for (let i = 0; i < 200; i++) {
      // ~90 KB of HTML decoded from bytes, as the crawler reads it; its link text and title need no collapsing.
      const html = Buffer.from(`<html><head><title>Case study ${i} of Contoso</title></head><body><p>${'filler words here '.repeat(5000)}</p><a href="/p${i}">Customer story number ${i}</a></body></html>`).toString();
      const scan = scanHtml(html);
      kept.push(scan.links[0]!.text, scan.title!);
      // One word with nothing to collapse: the text node itself would be returned, unless copied.
      const oneWord = Buffer.from(`<html><head><title>Sustainability${i}</title></head><body><p>${'filler words here '.repeat(5000)}</p><a href="/q${i}">Transformations${i}</a></body></html>`).toString();
      const scanned = scanHtml(oneWord);
      kept.push(scanned.links[0]!.text, scanned.title!);
    }
    gc();
    const retainedMb = (process.memoryUsage().heapUsed - before) / 1e6;
    expect(kept.slice(0, 4)).toEqual(['Customer story number 0', 'Case study 0 of Contoso', 'Transformations0', 'Sustainability0']);
    // 400 pages of 90 KB held by their slices would be ~36 MB.
    expect(retainedMb).toBeLessThan(4);
  });
});
