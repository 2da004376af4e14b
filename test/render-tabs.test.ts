// How the renderer spends Chromium's processes: a tab is replaced after its quota of pages (its
// renderer's memory grows with them), the browser keeps no renderer for anything but the tabs, asks
// for no image or web font, and a render's wait for the network follows what the page does after its
// load event.
import { afterEach, describe, expect, it } from 'vitest';
import { networkSettled, Renderer, type SiteRenderHooks } from '../crawlers/render.ts';
import { ourChromiumProcesses } from './crawler-helpers.ts';

const hooks: SiteRenderHooks = {
  userAgent: 'partner-presence-test',
  timeoutMs: 20_000,
  policy: { resolve: new Map(), allowPrivate: false, allowAddresses: new Set() },
  acquireHost: async () => () => undefined,
  fetchSubresource: async () => null,
  allowRequest: async () => false,
};

/** A page as the crawler fetched it. */
function htmlDocument(html: string) {
  return { status: 200, headers: { 'content-type': 'text/html' }, body: Buffer.from(html) };
}

/** A page that counts, in its tab's session storage, how many pages of its site the tab has shown. */
const counting = htmlDocument('<!doctype html><title>0</title><script>sessionStorage.n = String(Number(sessionStorage.n || 0) + 1); document.title = sessionStorage.n;</script>');
const title = (html: string) => /<title>(\d+)<\/title>/.exec(html)?.[1];

/** Chromium renderer processes started by this test process (Linux /proc). */
const ourRenderers = () => ourChromiumProcesses('--type=renderer');

let renderer: Renderer | null = null;
afterEach(async () => {
  await renderer?.close();
  renderer = null;
});

describe('tabs', () => {
  it('a tab is replaced by a fresh one after its quota of pages', async () => {
    renderer = new Renderer({ maxOpenPages: 1, tabRenders: 3 });
    const site = renderer.site(hooks);
    const counts: (string | undefined)[] = [];
    for (let i = 0; i < 7; i++) counts.push(title((await site.render(`http://www.tabs.test/page/${i}`, counting)).html));
    await site.close();
    // One tab at a time; each shows three pages, then the next starts with an empty session storage.
    expect(counts).toEqual(['1', '2', '3', '1', '2', '3', '1']);
  });

  it.runIf(process.platform === 'linux')('the browser runs a renderer process for each open tab and for nothing else', async () => {
    renderer = new Renderer({ maxOpenPages: 2 });
    const site = renderer.site(hooks);
    await Promise.all([site.render('http://www.tabs.test/a', counting), site.render('http://www.tabs.test/b', counting)]);
    // Both tabs stay open for the next pages. Headless Chromium would also run the omnibox popups of
    // an invisible window (WebUI pages) and a spare renderer for a future tab.
    await expect.poll(() => ourRenderers().length, { timeout: 5_000 }).toBe(2);
    await site.close();
  });
});

describe('what the browser does not load', () => {
  it('images, in markup or CSS, are never requested (not even to be refused), and the page is read whole', async () => {
    renderer = new Renderer({ maxOpenPages: 1 });
    const site = renderer.site(hooks);
    const page = htmlDocument(`<!doctype html><title>Gallery</title><style>main { background: url(/bg.png) }</style>
<main><h1>Our stores</h1><img src="/a.png" alt="Store A"><picture><source srcset="/b.webp"><img src="/b.jpg"></picture></main><p id="seen"></p>
<script>
const events = [];
for (const img of document.images) { img.onload = () => events.push('load'); img.onerror = () => events.push('error'); }
addEventListener('load', () => {
  const requested = performance.getEntriesByType('resource').map((entry) => new URL(entry.name).pathname);
  document.getElementById('seen').textContent = 'requested:' + requested.join(',') + ' events:' + events.join(',');
});
</script>`);
    const { html } = await site.render('http://www.gallery.test/', page);
    await site.close();
    // A request refused at the route is still made, listed in the page's resource timing and ends in
    // an error event; an image that is never requested has neither.
    expect(/<p id="seen">([^<]*)<\/p>/.exec(html)?.[1]).toBe('requested: events:');
    expect(html).toContain('<img src="/a.png" alt="Store A">');
  });

  it('web fonts, in a stylesheet or loaded by a script, are never requested, and the text is read all the same', async () => {
    renderer = new Renderer({ maxOpenPages: 1 });
    const site = renderer.site(hooks);
    const page = htmlDocument(`<!doctype html><title>Brand</title>
<style>@font-face { font-family: Brand; src: url(/brand.woff2) format('woff2'), url(/brand.ttf) } body { font-family: Brand, sans-serif }</style>
<main><h1>Retail practice</h1></main><p id="seen"></p>
<script>
const events = [];
new FontFace('Script', 'url(/script.woff2)').load().then(() => events.push('load'), () => events.push('error'));
addEventListener('load', () => setTimeout(() => {
  const fonts = performance.getEntriesByType('resource').map((entry) => new URL(entry.name).pathname).filter((path) => /[.](woff2|ttf)$/.test(path));
  document.getElementById('seen').textContent = 'requested:' + fonts.join(',') + ' events:' + events.join(',');
}, 20));
</script>`);
    const { html } = await site.render('http://www.brand.test/', page);
    await site.close();
    // A font refused at the route is still requested (one round trip through the DevTools protocol
    // each) and listed in the page's resource timing; one never requested is not. (The browser's own
    // favicon request may be listed too: it is not the page's.)
    expect(/<p id="seen">requested:([^ <]*)/.exec(html)?.[1]).toBe('');
    expect(html).toContain('<h1>Retail practice</h1>');
  });
});

describe('the wait for the network after the load event', () => {
  const loadedAt = 10_000;
  it('is short for a page that made no request since its load, and never ends with a request in flight', () => {
    expect(networkSettled({ inFlight: 0, lastActivity: loadedAt - 300, loadedAt, now: loadedAt + 49 })).toBe(false);
    expect(networkSettled({ inFlight: 0, lastActivity: loadedAt - 300, loadedAt, now: loadedAt + 50 })).toBe(true);
    expect(networkSettled({ inFlight: 1, lastActivity: loadedAt - 300, loadedAt, now: loadedAt + 5_000 })).toBe(false);
  });

  it('is longer for a page still fetching after its load: it may start the next request once it has read the last answer', () => {
    const lastActivity = loadedAt + 40;
    expect(networkSettled({ inFlight: 0, lastActivity, loadedAt, now: lastActivity + 100 })).toBe(false);
    expect(networkSettled({ inFlight: 0, lastActivity, loadedAt, now: lastActivity + 150 })).toBe(true);
  });
});
