// P3.2's rules on literal evidence, one outcome or boundary at a time: which items count (kinds, retail,
// confident dates), and what an audit that finds no recent retail item says when it may still be wrong
// (borderline, unread, off-site, undated, future-dated) or is right (none, old, only updated recently).

import { describe, expect, it } from 'vitest';
import type { DateFact } from '../analyzers/types.ts';
import type { AnalyzedPage, SiteEvidence } from '../src/types.ts';
import { COUNTED_KINDS, isReleaseNote } from '../src/checks/p3-2-thought-leadership.ts';
import { MIN_PUBLISH_DATE_CONFIDENCE, THOUGHT_LEADERSHIP_WINDOW_MONTHS } from '../src/checks/thresholds.ts';
import { ASOF, date, facts, HOME, page, site, u, verdict, type FactsSpec } from './support/site-builder.ts';

/** A retail blog post at `path` published on `published` (null: undated). */
const post = (path: string, published: string | null, extra: FactsSpec = {}): AnalyzedPage =>
  page(u(path), { facts: facts({ type: 'thought-leadership', kind: 'blog', retail: 0.6, published: published === null ? null : date(published), ...extra }) });
const p32 = (pages: AnalyzedPage[], over: Partial<SiteEvidence> = {}) => verdict('P3.2', { ...site(pages), ...over });
const confident = (d: string, confidence: number): DateFact => ({ ...date(d), confidence });

describe('P3.2 what counts', () => {
  it('counts blog posts, news, videos, events and whitepapers, never "other" pages', () => {
    expect(COUNTED_KINDS).toEqual(['blog', 'news', 'video', 'event', 'whitepaper']);
    expect(p32([post('/insights/a/', '2026-10-01', { kind: 'other' })])).toMatchObject({ status: 'fail', outcome: { id: 'P3.2.none', values: { items: 0 } } });
    expect(p32([post('/insights/a/', '2026-10-01', { kind: 'event' })]).status).toBe('pass');
  });

  it(`passes on a publish date read with confidence ${MIN_PUBLISH_DATE_CONFIDENCE}, and reviews one read with less`, () => {
    expect(p32([post('/blog/a/', null, { published: confident('2026-10-01', MIN_PUBLISH_DATE_CONFIDENCE) })])).toMatchObject({ status: 'pass', outcome: { id: 'P3.2.pass', values: { newest: '2026-10-01' } } });
    expect(p32([post('/blog/a/', null, { published: confident('2026-10-01', MIN_PUBLISH_DATE_CONFIDENCE - 0.01) })]))
      .toMatchObject({ status: 'review', outcome: { id: 'P3.2.inferred', values: { date: { type: 'date-fact', date: '2026-10-01' } } }, advice: [{ id: 'P3.2.advice.add-dates' }] });
  });

  it('names the newest confident item and counts the recent, all and undated retail items', () => {
    const r = p32([post('/blog/a/', '2026-02-01'), post('/blog/b/', '2026-09-01'), post('/blog/c/', null), post('/blog/d/', '2024-01-01'), post('/blog/e/', '2026-10-01', { retail: 0.05 })]);
    expect(r.outcome).toMatchObject({ id: 'P3.2.pass', values: { newest: '2026-09-01', counts: { id: 'P3.2.counts', values: { count: 2, since: '2025-11-29', needs: 1, all: 4, undated: 1 } } } });
    // Retail items first, each with its kind, verdict and window; the not-retail one is not listed.
    expect(r.evidence.map((e) => e.url)).toEqual([u('/blog/b/'), u('/blog/a/'), u('/blog/d/'), u('/blog/c/')]);
    expect(r.evidence[0]!.values).toMatchObject({
      kind: { type: 'label', vocabulary: 'kind', id: 'blog' }, verdict: { type: 'label', vocabulary: 'retail-verdict', id: 'retail' },
      window: { type: 'label', vocabulary: 'window', id: 'within' }, months: THOUGHT_LEADERSHIP_WINDOW_MONTHS, modified: null,
    });
    expect(r.evidence[2]!.values).toMatchObject({ window: { id: 'before' } });
    expect(r.evidence[3]!.values).toMatchObject({ published: null, window: null });
  });
});

describe('P3.2 release notes', () => {
  it('are product news, not retail thought leadership, whatever retail features they list', () => {
    for (const title of ['Tracker 2.6.0 released with e-commerce events', 'Release notes: v3.1', 'What\'s new in 4.2 for online stores', 'POS 應用 v2.0 版本發布']) {
      expect(isReleaseNote(title), title).toBe(true);
      expect(p32([post('/blog/a/', '2026-10-01', { title })]).status, title).toBe('fail');
    }
    for (const title of ['Five retail trends for 2026', 'How 3 grocers released shelf space with AI', 'Checkout in 2.5 seconds: a retail story']) {
      expect(isReleaseNote(title), title).toBe(false);
      expect(p32([post('/blog/a/', '2026-10-01', { title })]).status, title).toBe('pass');
    }
  });
});

describe('P3.2 when no recent retail item was found', () => {
  it('reviews a recent borderline item, counting them', () => {
    expect(p32([post('/blog/a/', '2026-10-01', { retail: 0.25 }), post('/blog/b/', '2026-09-01', { retail: 0.25 }), post('/blog/c/', '2020-01-01')]))
      .toMatchObject({ status: 'review', outcome: { id: 'P3.2.borderline', values: { count: 2 } }, advice: [{ id: 'P3.2.advice.borderline' }] });
    expect(p32([post('/blog/a/', '2024-10-01', { retail: 0.25 }), post('/blog/c/', '2020-01-01')]).outcome.id).toBe('P3.2.old');
  });

  it('reviews while blog pages could not be read', () => {
    const unread = p32([post('/blog/old/', '2020-01-01')], { skipped: [{ url: u('/blog/'), reason: 'robots', detail: 'Disallow: /blog/', from: HOME }] });
    expect(unread).toMatchObject({ status: 'review', outcome: { id: 'outcome.unread' }, advice: [{ id: 'advice.unread' }] });
  });

  it('reviews items on other sites, listing at most 10 links and every host', () => {
    const outbound = Array.from({ length: 12 }, (_, i) => ({ url: `https://${i % 2 ? 'medium.com/@partner' : 'www.linkedin.com/pulse'}/retail-${i + 1}`, from: HOME, text: `Retail note ${i + 1}` }));
    const r = p32([post('/blog/old/', '2020-01-01')], { outbound });
    expect(r).toMatchObject({
      status: 'review', outcome: { id: 'P3.2.off-site', values: { count: 12, hosts: ['www.linkedin.com', 'medium.com'], since: '2025-11-29' } },
      advice: [{ id: 'P3.2.advice.off-site', values: { months: THOUGHT_LEADERSHIP_WINDOW_MONTHS } }],
    });
    const links = r.evidence.filter((e) => e.kind === 'note.off-site-thought-leadership');
    expect(links).toHaveLength(10);
    expect(links[0]).toEqual({ url: outbound[0]!.url, path: null, kind: 'note.off-site-thought-leadership', values: { from: { type: 'url', url: HOME }, text: { type: 'text', text: 'Retail note 1' } } });
  });

  it('does not review recordings and slides that the site\'s own event pages date before the window', () => {
    const recordings = ['https://youtu.be/retail-talk-1', 'https://www.slideshare.net/partner/retail-talk-2'];
    const event = (path: string, published: string) => {
      const p = post(path, published, { kind: 'event', retail: 0.05 });
      return { ...p, links: [...p.links, ...recordings.map((url) => ({ url, text: 'Recording', region: 'main' as const, internal: false }))] };
    };
    // A listing of past talks links them first, undated; the event they were given at dates them.
    const outbound = recordings.map((url) => ({ url, from: u('/talks/'), text: 'Download slides' }));
    const talks = page(u('/talks/'), { facts: facts({ type: 'other' }) });
    expect(p32([post('/blog/old/', '2020-01-01'), talks, event('/events/2024-06-meetup/', '2024-06-01')], { outbound })).toMatchObject({ status: 'fail', outcome: { id: 'P3.2.old' } });
    // Given at an event inside the window, they may be the recent retail material.
    expect(p32([post('/blog/old/', '2020-01-01'), talks, event('/events/2026-06-meetup/', '2026-06-01')], { outbound })).toMatchObject({ status: 'review', outcome: { id: 'P3.2.off-site', values: { count: 2 } } });
  });

  it('dates a recording that a listing card links under the title of one of the site\'s own dated items by that item', () => {
    // A podcast page: each card links its episode's video elsewhere, titled as the episode's own page is.
    const video = 'https://www.youtube.com/watch?v=episode-eight';
    const outbound = [{ url: video, from: u('/podcast/'), text: 'Ada Example, CEO @ Example Labs - Part 2 08' }];
    const listing = page(u('/podcast/'), { facts: facts({ type: 'other' }) });
    const episode = (published: string) => page(u(`/podcast/episode-8-${published}/`), {
      facts: facts({ type: 'thought-leadership', kind: 'video', retail: 0.05, published: date(published), title: 'Episode eight: Ada Example, CEO @ Example Labs - Part 2' }),
    });
    expect(p32([post('/blog/old/', '2020-01-01'), listing, episode('2021-08-17')], { outbound })).toMatchObject({ status: 'fail', outcome: { id: 'P3.2.old' } });
    // An episode inside the window may be the recent retail material; a card titled otherwise is not the episode's.
    expect(p32([post('/blog/old/', '2020-01-01'), listing, episode('2026-06-01')], { outbound })).toMatchObject({ status: 'review', outcome: { id: 'P3.2.off-site' } });
    const other = [{ ...outbound[0]!, text: 'Grace Sample on retail media - Part 1' }];
    expect(p32([post('/blog/old/', '2020-01-01'), listing, episode('2021-08-17')], { outbound: other })).toMatchObject({ status: 'review', outcome: { id: 'P3.2.off-site' } });
  });

  it('reviews undated retail items: alone, or beside old ones (they may be the recent ones)', () => {
    expect(p32([post('/blog/a/', null)])).toMatchObject({ status: 'review', outcome: { id: 'P3.2.undated-only' }, advice: [{ id: 'P3.2.advice.add-dates' }] });
    const four = p32([post('/blog/old/', '2020-01-01'), ...['a', 'b', 'c', 'd'].map((x) => post(`/events/${x}/`, null))]);
    expect(four).toMatchObject({ status: 'review', outcome: { id: 'P3.2.undated-may-be-recent', values: { count: 4, more: true } } });
    expect(four.outcome.values?.shown).toHaveLength(3);
    const three = p32([post('/blog/old/', '2020-01-01'), ...['a', 'b', 'c'].map((x) => post(`/events/${x}/`, null))]);
    expect(three.outcome.values).toMatchObject({ count: 3, more: false });
  });

  it('fails with nothing retail, counting the items it did find', () => {
    expect(p32([post('/blog/a/', '2026-10-01', { retail: 0.05 }), post('/blog/b/', '2026-10-02', { retail: 0.05 })]))
      .toMatchObject({ status: 'fail', outcome: { id: 'P3.2.none', values: { items: 2 } }, advice: [{ id: 'P3.2.advice.publish', values: { months: THOUGHT_LEADERSHIP_WINDOW_MONTHS } }] });
  });

  it('reviews an item dated after the audit date, naming at most three', () => {
    const r = p32(['2027-01-01', '2027-02-01', '2027-03-01', '2027-04-01'].map((d, i) => post(`/events/${i}/`, d)));
    expect(r).toMatchObject({ status: 'review', outcome: { id: 'P3.2.future', values: { count: 4, asOf: ASOF } }, advice: [{ id: 'P3.2.advice.add-dates' }] });
    expect(r.outcome.values?.items).toHaveLength(3);
    expect((r.outcome.values?.items as { id: string; values: { date: string } }[])[0]).toMatchObject({ id: 'P3.2.future-item', values: { date: '2027-04-01' } });
  });

  it('fails an old blog with its newest publish date, and says updates do not count when some were updated in the window', () => {
    const old = p32([post('/blog/a/', '2024-03-01'), post('/blog/b/', '2025-06-01'), post('/blog/c/', '2023-01-01')]);
    expect(old).toMatchObject({ status: 'fail', outcome: { id: 'P3.2.old', values: { newest: { date: '2025-06-01' } } }, advice: [{ id: 'P3.2.advice.publish' }] });
    expect(old.advice).toHaveLength(1);
    const updated = p32([post('/blog/a/', '2024-03-01', { modified: date('2025-11-29') }), post('/blog/b/', '2025-06-01', { modified: date('2025-11-28') })]);
    expect(updated.advice).toMatchObject([{ id: 'P3.2.advice.publish' }, { id: 'P3.2.advice.updates-do-not-count', values: { count: 1, since: '2025-11-29' } }]);
  });
});
