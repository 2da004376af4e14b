// The results every check shares (src/checks/result.ts): a review while pages could not be read or while
// the customer stories are on another domain lists those pages, bounded, and names how many were left out.

import { describe, expect, it } from 'vitest';
import type { SkippedUrl } from '../crawlers/types.ts';
import type { SiteEvidence } from '../src/types.ts';
import { HOME, page, retailAwsStudy, site, u, verdict } from './support/site-builder.ts';

const unreadStudies = (n: number): SkippedUrl[] =>
  Array.from({ length: n }, (_, i) => ({ url: u(`/case-studies/story-${i + 1}/`), reason: 'robots', detail: 'Disallow: /case-studies/', from: HOME }));
const offSite = (n: number): SiteEvidence['outbound'] =>
  Array.from({ length: n }, (_, i) => ({ url: `https://${i % 2 ? 'stories' : 'cases'}.partner-group.test/case-studies/story-${i + 1}/`, from: HOME, text: `Case study ${i + 1}` }));
const urlValues = (n: number, of: (i: number) => string) => Array.from({ length: n }, (_, i) => ({ type: 'url', url: of(i) }));

describe('a review while case-study pages could not be read', () => {
  it('lists at most 20 of them, each with its reason, and names the first three', () => {
    const r = verdict('P2.2.1', site([], unreadStudies(25)));
    expect(r.status).toBe('review');
    expect(r.evidence).toHaveLength(20);
    expect(r.evidence[0]).toMatchObject({ url: u('/case-studies/story-1/'), path: null, kind: 'note.unread', values: { reason: { type: 'reasons', reasons: [{ rule: 'unread.robots' }] } } });
    expect(r.outcome.values?.unread).toEqual({
      id: 'unread.sentence', values: { count: 25, shown: urlValues(3, (i) => u(`/case-studies/story-${i + 1}/`)), more: 22 },
    });
  });

  it('leaves nothing over when three or fewer could not be read', () => {
    const r = verdict('P2.1', site([], unreadStudies(2)));
    expect(r).toMatchObject({ status: 'review', outcome: { id: 'outcome.no-study.unread' }, advice: [{ id: 'advice.unread' }] });
    expect(r.outcome.values?.unread).toMatchObject({ values: { count: 2, more: 0 } });
    expect((r.outcome.values?.unread as unknown as { values: { shown: unknown[] } }).values.shown).toHaveLength(2);
  });
});

describe('a review while customer stories are on another domain', () => {
  it('lists at most 10 links with where they were found, names the first three and every host', () => {
    const r = verdict('P2.2.1', { ...site([page(u('/cases/a/'), { facts: retailAwsStudy() })]), outbound: offSite(12) });
    expect(r.status).toBe('review');
    const links = r.evidence.filter((e) => e.kind === 'note.off-site-stories');
    expect(links).toHaveLength(10);
    expect(links[0]).toEqual({
      url: 'https://cases.partner-group.test/case-studies/story-1/', path: null, kind: 'note.off-site-stories',
      values: { from: { type: 'url', url: HOME }, text: { type: 'text', text: 'Case study 1' } },
    });
    expect(r.outcome.values?.offSite).toEqual({
      id: 'off-site.sentence',
      values: {
        hosts: ['cases.partner-group.test', 'stories.partner-group.test'],
        shown: offSite(3).map((l) => ({ type: 'url', url: l.url })),
        more: 9,
      },
    });
  });

  it('leaves nothing over with one link', () => {
    const r = verdict('P2.3', { ...site([]), outbound: offSite(1) });
    expect(r).toMatchObject({ status: 'review', outcome: { id: 'outcome.no-study.off-site', values: { offSite: { values: { hosts: ['cases.partner-group.test'], more: 0 } } } } });
  });
});
