import { describe, expect, it } from 'vitest';
import { renderMarkdown } from '../src/report/markdown.ts';
import { escapeMarkdown, markdownLink } from '../src/report/escape.ts';
import { emptyReport, hostileReport } from './support/report-builder.ts';

/** Cell separators of a GFM table row: pipes not escaped by a backslash. */
function unescapedPipes(line: string): number {
  return line.match(/(?<!\\)\|/g)?.length ?? 0;
}

describe('markdown escaping', () => {
  it('turns crawled text into one inert line', () => {
    expect(escapeMarkdown('a | b\n# c\r\n<b>x</b> [l](javascript:x) ![i](http://e/x.png) *s* _e_ `c` ~~d~~ $m$ &amp; \\'))
      .toBe('a \\| b # c \\<b\\>x\\</b\\> \\[l\\](javascript:x) \\!\\[i\\](http://e/x.png) \\*s\\* \\_e\\_ \\`c\\` \\~\\~d\\~\\~ \\$m\\$ \\&amp; \\\\');
    expect(escapeMarkdown(null)).toBe('');
  });

  it('links only http(s) URLs and keeps the destination from ending early or splitting a cell', () => {
    expect(markdownLink('https://a.test/x_(y)|z', 'T [1]')).toBe('[T \\[1\\]](<https://a.test/x_(y)%7Cz>)');
    expect(markdownLink('https://a.test/<b>', null)).toBe('[https://a.test/\\<b\\>](<https://a.test/%3Cb%3E>)');
    expect(markdownLink('javascript:alert(1)', 'click')).toBe('click');
    expect(markdownLink('data:text/html,x', null)).toBe('data:text/html,x');
  });
});

describe('renderMarkdown', () => {
  const md = renderMarkdown(hostileReport());
  const lines = md.split('\n');

  it('starts with the verdict and a table of every check', () => {
    expect(lines[0]).toBe('# Retail web presence audit: www.shoptech.test');
    expect(md).toContain('**Verdict: ❌ Fail** — 2 of 4 scored checks pass · audit date 2026-11-29');
    const header = lines.indexOf('| Check | Title | Status | Summary |');
    expect(header).toBeGreaterThan(0);
    const checkRows = lines.slice(header + 2, header + 8);
    expect(checkRows.map((l) => l.split(' | ')[0])).toEqual(['| P2.1', '| P2.2.1', '| P2.2.2', '| P2.3', '| P3.1', '| P3.2']);
    expect(checkRows[2]).toContain('❌ Fail');
    expect(checkRows[0]).toContain('_(informational)_');
  });

  it('lists recommendations of failing and review checks only', () => {
    const section = md.slice(md.indexOf('## Recommendations'), md.indexOf('## Retail practice page'));
    expect(section.match(/^- \*\*P[\d.]+\*\* /gm)).toEqual(['- **P2.1** ', '- **P2.2.2** ', '- **P3.2** ']);
  });

  it('keeps every table row to its column count whatever the crawled text holds', () => {
    let tableWidth = 0;
    for (const line of lines) {
      if (!line.startsWith('|')) {
        tableWidth = 0;
        continue;
      }
      if (tableWidth === 0) tableWidth = unescapedPipes(line);
      expect(unescapedPipes(line), line).toBe(tableWidth);
    }
    expect(md).toContain('| Customer | Case study | Format | Retail | AWS | Counted | Reachable | Published | Elements | Delivery |');
    expect(md).toContain('| Kind | Title | Published | Within 12 months | Retail | Reachable |');
  });

  it('lets no crawled text become HTML, a link, an image or a heading', () => {
    expect(md).not.toMatch(/(?<!\\)<(?!https?:\/\/)/); // only our own <https://…> link destinations
    expect(md).not.toMatch(/(?<!\\)\]\((?!<https?:)/); // every ](…) is ours and http(s)
    expect(md).not.toMatch(/(?<!\\)!\[/);
    expect(md).not.toContain('javascript:window');
    expect(md).not.toMatch(/^#(?! Retail web presence audit|# |## P\d)/m);
    // The title, seven sections, and the evidence of the three checks that did not pass.
    expect(md.match(/^#/gm)).toHaveLength(11);
    expect(md).toContain('Contoso \\| \\| cell \\| split # Heading \\[click\\](javascript:alert(1))');
    // A javascript: item keeps its escaped title as text and gets no link.
    expect(md).toContain('| Event / webinar | Webinar "\\>\\<svg onload="window.\\_\\_pwned=\'svg\'"\\> | no date |');
  });

  it('shows case-study reachability, dates with source and the reason a study is not counted', () => {
    expect(md).toContain('| ✓ / › /customers/ › /customers/acme-grocers/ | 2026-03-05 (structured data) | 9/10 | MSP |');
    expect(md).toContain('| ✗ not linked | no date | 9/10 | Project |');
    expect(md).toContain('✗ not AWS (primarily Microsoft Azure "\\>\\<svg');
    expect(md).toContain('[https://retail.shoptech.test/](<https://retail.shoptech.test/>) — / › /industries/ › retail.shoptech.test/');
    expect(md).toContain('✗ Technical solutions');
    expect(md).toContain('**overall 43%**');
    expect(md).toContain('42 pages fetched, 3 rendered, 1 document read; 2 blocked by robots.txt, 1 error;');
  });

  it('renders a report with nothing found', () => {
    const empty = renderMarkdown(emptyReport());
    expect(empty).toContain('**Verdict: ⚠️ Review** — 0 of 0 scored checks pass');
    expect(empty).toContain('No checks were run.');
    expect(empty).toContain('No retail practice page was found.');
    expect(empty).toContain('No case studies were found.');
    expect(empty).toContain('No thought-leadership items were found.');
    expect(empty).not.toContain('## Recommendations');
  });
});
