import { describe, expect, it } from 'vitest';
import { renderHtml, REPORT_CSP } from '../src/report/html.ts';
import { escapeHtml, httpHref, linkHtml, relativeOrHttpHref } from '../src/report/escape.ts';
import { renderCoverageChart } from '../src/report/coverage-chart.ts';
import { emptyReport, hostileReport, PAYLOADS } from './support/report-builder.ts';
import { activeContent, NO_ACTIVE_CONTENT, NOTHING_RAN, openHtml, sideEffects, useChromium } from './support/open-html.ts';

describe('escape helpers', () => {
  it('escapes every character that can open markup or close an attribute', () => {
    expect(escapeHtml(`<a href="x" title='y'>&\`</a>`)).toBe('&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&#96;&lt;/a&gt;');
    expect(escapeHtml(null)).toBe('');
    expect(escapeHtml('a\u0000b\u0007c\nd')).toBe('abc\nd');
  });

  it('links only http(s) URLs', () => {
    expect(httpHref('https://www.shoptech.test/a b')).toBe('https://www.shoptech.test/a%20b');
    for (const bad of ['javascript:alert(1)', ' javascript:alert(1)', 'JAVASCRIPT:alert(1)', 'data:text/html,<script>', 'vbscript:x', '/relative', '', 'http//broken']) {
      expect(httpHref(bad)).toBeNull();
    }
    expect(linkHtml('javascript:alert(1)', 'x')).toBe('<span>x</span>');
    expect(linkHtml('https://a.test/"><b>', null)).toContain('href="https://a.test/%22%3E%3Cb%3E"');
  });

  it('allows relative report links but no scheme, protocol-relative or control characters', () => {
    expect(relativeOrHttpHref('reports/acme.html')).toBe('reports/acme.html');
    expect(relativeOrHttpHref('https://x.test/r.html')).toBe('https://x.test/r.html');
    for (const bad of ['javascript:alert(1)', 'java\nscript:alert(1)', ' javascript:x', '//evil.test/x', '\\\\evil.test\\x', 'data:text/html,x']) {
      expect(relativeOrHttpHref(bad)).toBeNull();
    }
  });
});

describe('renderHtml (strings)', () => {
  const html = renderHtml(hostileReport());

  it('is self-contained with a CSP that forbids scripts and external loads', () => {
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="${escapeHtml(REPORT_CSP)}">`);
    expect(REPORT_CSP).toContain("default-src 'none'");
    expect(REPORT_CSP).not.toMatch(/script-src|unsafe-eval/);
    // No element of ours loads anything: no script, link, img, iframe; only inline <style> and <svg>.
    expect(html).not.toMatch(/<(script|link|img|iframe|object|embed)\b/i);
    expect(html.match(/<style>/g)).toHaveLength(1);
  });

  it('escapes every payload in every place crawled text appears', () => {
    for (const payload of Object.values(PAYLOADS)) {
      if (/[<>"']/.test(payload)) expect(html).not.toContain(payload);
    }
    expect(html).not.toMatch(/<(svg onload|img src|iframe|b>)/i);
    expect(html).not.toMatch(/\son\w+=["']?window/i);
    expect(html).toContain('&lt;script&gt;window.__pwned = &#39;script&#39;');
    expect(html).toContain('&lt;img src=x onerror=&quot;window.__pwned=&#39;img&#39;');
    expect(html).toContain('&quot;&gt;&lt;svg onload=&quot;window.__pwned=&#39;svg&#39;&quot;&gt;');
    // The title element carries the host and verdict only, never crawled titles.
    expect(html).toMatch(/<title>Retail web presence: www\.shoptech\.test — Fail<\/title>/);
    // javascript: URLs are shown as text, never as hrefs.
    expect(html).not.toMatch(/href="(?!https?:|#check-)/);
    expect(html).toContain('<span class="not-link" translate="no">JS &lt;iframe srcdoc=');
    expect(html).toContain('<code class="url">javascript:window.__pwned=&#39;href&#39;');
  });

  it('shows verdict, checks, evidence breadcrumbs and dates with their source', () => {
    expect(html).toContain('Does not yet meet the web-presence prerequisites');
    expect(html).toContain('2 of 4 scored checks pass');
    for (const id of ['P2.1', 'P2.2.1', 'P2.2.2', 'P2.3', 'P3.1', 'P3.2']) {
      expect(html).toContain(`id="check-${id.replace(/\./g, '-')}"`);
    }
    expect(html).toMatch(/<ol class="crumbs" aria-label="Click path"><li><a href="https:\/\/www\.shoptech\.test\/"[^>]*>Home<\/a><code class="url">\/<\/code><\/li><li><a href="https:\/\/www\.shoptech\.test\/customers\/"/);
    // Off-host steps show their host (the retail.* microsite).
    expect(html).toContain('<code class="url">retail.shoptech.test/</code>');
    expect(html).toContain('<span class="date">2026-03-05</span><span class="source"> (structured data)</span>');
    expect(html).toContain('not linked from the homepage (found via sitemap)');
    // Advice is worded from its message at render time, URL values included.
    expect(html).toContain('from the homepage, ideally from the main navigation (e.g. Industries › Retail).');
  });

  it('lists case-study elements with excerpts, practice elements, crawl facts and all pages', () => {
    expect(html).toContain('<summary>9 of 10 present</summary>');
    expect(html).toContain('Reduced checkout time by 40%');
    expect(html).toMatch(/<li class="no"><span class="tick no" aria-label="no">✗<\/span> Technical solutions <span class="how">— 1 AWS services named outside case-study links; needs 2<\/span><\/li>/);
    expect(html).toContain('<dt>Pages fetched</dt><dd>42</dd>');
    expect(html).toContain('Browser rendering was wanted but unavailable');
    expect(html).toContain('<summary>Show all 7 pages</summary>');
    expect(html).toContain('customer not named');
    expect(html).toContain('<span class="label">Delivery</span> MSP');
    expect(html).toContain('<span class="label">Compliance</span> <span translate="no">PCI DSS, GDPR &#39; onmouseover=');
    expect(html).toContain('3 found; 2 counted (retail, on AWS); 1 of those reachable');
    // The reason is worded from its rule (reason.not-aws) and values, the crawled cloud name escaped.
    expect(html).toContain('<span class="not-counted">not counted: not AWS (primarily Microsoft Azure &quot;&gt;&lt;svg');
    expect(html).toContain('Attached: <a href="https://www.shoptech.test/files/acme-grocers.pdf" rel="noreferrer noopener">/files/acme-grocers.pdf</a>, <span>javascript:');
    expect(html).toContain('<span class="modified">updated 2026-10-01</span>');
    expect(html).toContain('<span class="score">72%</span>');
  });

  it('renders a report with nothing found', () => {
    const empty = renderHtml(emptyReport());
    expect(empty).toContain('No retail practice page was found.');
    expect(empty).toContain('No case studies were found.');
    expect(empty).toContain('No thought-leadership items were found.');
    expect(empty).toContain('0 of 0 scored checks pass');
    expect(empty).toContain('Needs a human review');
  });

  it('draws the six areas with English and Chinese labels, clamping bad values', () => {
    const svg = renderCoverageChart({
      areas: {
        'customer-engagement': 0.8,
        'merchandising-planning': Number.NaN,
        'supply-chain-distribution': 7,
        stores: -1,
        'retail-data-science': 0.25,
        'business-applications': 0,
      },
      overall: 0.5,
    });
    expect(svg.match(/class="cc-row"/g)).toHaveLength(6);
    expect(svg).toContain('Customer engagement<tspan class="cc-zh" dx="6" lang="zh-TW">顧客互動</tspan>');
    expect(svg).toContain('width="264.0"'); // 0.8 × 330
    expect(svg).toContain('>100%<'); // 7 clamped to 1
    expect(svg).not.toContain('NaN');
    expect(svg).toContain('overall 50%');
  });
});

describe('renderHtml in Chromium', () => {
  const browser = useChromium();

  it('runs nothing from the hostile report, loads nothing, and shows the verdict', async () => {
    const opened = await openHtml(browser(), renderHtml(hostileReport()), 'report.html');
    try {
      const { page } = opened;
      // Give any event handler (onload/onerror) a chance to fire.
      await page.hover('text=Acme Grocers moves checkout');
      await page.waitForTimeout(200);
      expect(await sideEffects(opened)).toEqual(NOTHING_RAN);
      expect(await activeContent(page)).toEqual(NO_ACTIVE_CONTENT);
      const verdict = page.locator('#verdict-title');
      expect(await verdict.isVisible()).toBe(true);
      expect(await verdict.innerText()).toBe('Does not yet meet the web-presence prerequisites');
      // The payload is visible as text, as the site wrote it.
      expect(await page.locator('#check-P2-2-1 .summary').innerText()).toContain(`<img src=x onerror="window.__pwned='img';alert('img')">`);
      await page.locator('details.excerpts').first().evaluate((d) => ((d as HTMLDetailsElement).open = true));
      await page.screenshot({ path: '/tmp/partner-presence-report.png', fullPage: true });
    } finally {
      await opened.close();
    }
  });

  it('stays inert on escaping alone, with the CSP removed', async () => {
    const withoutCsp = renderHtml(hostileReport()).replace(/<meta http-equiv="Content-Security-Policy"[^>]*>/, '');
    expect(withoutCsp).not.toContain('Content-Security-Policy');
    const opened = await openHtml(browser(), withoutCsp, 'report-no-csp.html');
    try {
      await opened.page.waitForTimeout(200);
      expect(await sideEffects(opened)).toEqual(NOTHING_RAN);
    } finally {
      await opened.close();
    }
  });

  it('opens a report with nothing found without errors', async () => {
    const opened = await openHtml(browser(), renderHtml(emptyReport()), 'empty.html');
    try {
      expect(await sideEffects(opened)).toEqual(NOTHING_RAN);
      expect(await opened.page.locator('#verdict-title').innerText()).toBe('Needs a human review before a decision');
    } finally {
      await opened.close();
    }
  });
});
