// Unread pages and off-site links turn a short check's `fail` into `review` only when they could
// plausibly hold what the check needs (src/evidence/focus.ts PLAUSIBILITY_RULES).

import { describe, expect, it } from 'vitest';
import type { SiteEvidence } from '../src/types.ts';
import { implausibleBy, MIN_PAGES_TO_JUDGE_FOCUS, PLAUSIBILITY_RULES, siteFocusOf } from '../src/evidence/focus.ts';
import { date, facts, HOME, page, site, u, verdict } from './support/site-builder.ts';
import { LANGS, t, type MessageId } from '../src/messages/index.ts';

/** A site of `n` read posts, `retail` of them about retail, `aws` of them naming AWS, plus unread pages and off-site links. */
function blogSite(n: number, opts: { retail?: number; aws?: number; unread?: string[]; outbound?: { url: string; text: string }[] } = {}): SiteEvidence {
  const pages = Array.from({ length: n }, (_, i) => page(u(`/blog/post-${i}/`), {
    facts: facts({ type: 'thought-leadership', kind: 'blog', retail: i < (opts.retail ?? 0) ? 0.8 : 0, mentionsAws: i < (opts.aws ?? 0), published: date('2020-01-15') }),
  }));
  const evidence = site(pages, (opts.unread ?? []).map((path) => ({ url: u(path), reason: 'robots' as const, detail: 'Disallow', from: HOME })));
  evidence.outbound = (opts.outbound ?? []).map((l) => ({ ...l, from: HOME }));
  return evidence;
}

describe('site focus', () => {
  it('is a named, ordered list of rules', () => {
    expect(PLAUSIBILITY_RULES.map((r) => r.id)).toEqual(['holds-nothing-checked', 'archive', 'release-note', 'other-industry', 'no-retail-focus', 'no-aws']);
  });

  it('judges a site only once enough of it was read, and needs more than one retail page in twenty', () => {
    expect(siteFocusOf(blogSite(MIN_PAGES_TO_JUDGE_FOCUS - 2).pages)).toMatchObject({ judged: false, retail: true, aws: true });
    expect(siteFocusOf(blogSite(39, { retail: 1 }).pages)).toMatchObject({ judged: true, retailPages: 1, retail: false, aws: false });
    expect(siteFocusOf(blogSite(39, { retail: 2 }).pages)).toMatchObject({ retail: true });
    expect(siteFocusOf(blogSite(59, { retail: 2 }).pages)).toMatchObject({ retail: false });
    expect(siteFocusOf(blogSite(39, { aws: 1 }).pages)).toMatchObject({ aws: true });
  });

  it('reads page n of a listing with the crawler\'s one pagination rule, and a page parameter that is no number as no page', () => {
    const retailFocus = siteFocusOf(blogSite(30, { retail: 10, aws: 10 }).pages);
    for (const path of ['/case-studies/page/3/', '/case-studies/page-3/', '/blog/?paged=2', '/stories?pg=4', '/blog/tag/retail/']) {
      expect(implausibleBy(retailFocus, u(path), '', true), path).toBe('archive');
    }
    expect(implausibleBy(retailFocus, u('/solutions/?page=retail-solutions'), '', true)).toBeNull();
  });
});

describe('unread pages on a site with no retail work', () => {
  const unread = ['/docs/case-studies/shipyard-report.pdf', '/blog/tag/kubernetes/'];

  it('leave a short check failing when their addresses name no retail topic', () => {
    const evidence = blogSite(30, { aws: 5, unread });
    for (const id of ['P2.1', 'P2.2.1', 'P2.2.2', 'P2.3', 'P3.2'] as const) expect(verdict(id, evidence).status, id).toBe('fail');
  });

  it('still make it review when an address names retail, or when too little was read to judge', () => {
    expect(verdict('P2.2.1', blogSite(30, { aws: 5, unread: ['/docs/case-studies/grocery-chain-loyalty.pdf'] })).status).toBe('review');
    expect(verdict('P3.2', blogSite(30, { unread: ['/blog/零售趨勢/'] })).status).toBe('review');
    expect(verdict('P2.2.1', blogSite(MIN_PAGES_TO_JUDGE_FOCUS - 2, { unread })).status).toBe('review');
  });

  it('keep a retail-focused site in review', () => {
    const retailSite = blogSite(30, { retail: 10, aws: 5, unread });
    expect(verdict('P2.2.1', retailSite).status).toBe('review');
  });

  it('leave the AWS checks failing on a retail site that never mentions AWS, unless the address names AWS', () => {
    const retailNoAws = blogSite(30, { retail: 20, unread: ['/uploads/fashion-brand-case-study.pdf'] });
    expect(verdict('P2.2.1', retailNoAws).status).toBe('fail');
    expect(verdict('P3.1', retailNoAws).status).toBe('fail');
    expect(verdict('P2.2.1', blogSite(30, { retail: 20, unread: ['/uploads/fashion-brand-case-study-on-aws.pdf'] })).status).toBe('review');
  });
});

describe('unread addresses that hold nothing a check needs', () => {
  it('job ads, legal pages, archives and other industries\' pages leave a retail site\'s short checks failing', () => {
    const unread = ['/careers/data-engineer/', '/privacy-policy/', '/blog/tag/retail/', '/case-studies/page/3/', '/bfsi/churn-prediction/', '/solutions/healthcare-analytics/'];
    const evidence = blogSite(30, { retail: 10, aws: 5, unread });
    evidence.crawl.stoppedBy = 'max-pages';
    for (const path of unread) evidence.skipped.push({ url: u(path), reason: 'max-pages', detail: '', from: HOME });
    for (const id of ['P2.2.1', 'P3.1', 'P3.2'] as const) expect(verdict(id, evidence).status, id).toBe('fail');
  });

  it('an address of another industry that names retail stays worth a look', () => {
    const evidence = blogSite(30, { retail: 10, aws: 5, unread: ['/banking/case-studies/retail-bank-and-grocer-loyalty/'] });
    expect(verdict('P2.2.1', evidence).status).toBe('review');
  });
});

describe('a fail beside unread pages that were set aside', () => {
  const setAsideRows = (evidence: SiteEvidence, id: 'P2.1' | 'P2.2.1' | 'P2.2.2' | 'P2.3' | 'P3.1' | 'P3.2') =>
    verdict(id, evidence).evidence.filter((e) => e.kind === 'note.set-aside');

  it('lists each of them with why it was not read and the rule that set it aside, on every check that fails', () => {
    const evidence = blogSite(30, { aws: 5, unread: ['/docs/case-studies/shipyard-report.pdf', '/blog/tag/kubernetes/'] });
    for (const id of ['P2.1', 'P2.2.1', 'P2.2.2', 'P2.3'] as const) {
      expect(verdict(id, evidence).status, id).toBe('fail');
      expect(setAsideRows(evidence, id), id).toEqual([{
        url: u('/docs/case-studies/shipyard-report.pdf'), path: null, kind: 'note.set-aside',
        values: { reason: { type: 'reasons', reasons: [{ rule: 'unread.robots', values: { detail: { type: 'text', text: 'Disallow' } } }] },
          setAsideBy: { type: 'reasons', reasons: [{ rule: 'set-aside.no-retail-focus' }] } },
      }]);
    }
    // The tag archive is of the kind P3.2 looks for (a blog address) and set aside as an archive.
    expect(verdict('P3.2', evidence).status).toBe('fail');
    expect(setAsideRows(evidence, 'P3.2').map((r) => [r.url, r.values.setAsideBy])).toEqual([
      [u('/blog/tag/kubernetes/'), { type: 'reasons', reasons: [{ rule: 'set-aside.archive' }] }],
    ]);
  });

  it('lists none on a review: the pages that keep it in review are listed instead', () => {
    const evidence = blogSite(30, { aws: 5, unread: ['/docs/case-studies/shipyard-report.pdf', '/docs/case-studies/grocery-chain-loyalty.pdf'] });
    const review = verdict('P2.2.1', evidence);
    expect(review.status).toBe('review');
    expect(review.evidence.filter((e) => e.kind === 'note.set-aside')).toEqual([]);
    expect(review.evidence.filter((e) => e.kind === 'note.unread').map((e) => e.url)).toEqual([u('/docs/case-studies/grocery-chain-loyalty.pdf')]);
  });

  it('words every rule, and the row, in each language', () => {
    for (const lang of LANGS) {
      for (const id of [...PLAUSIBILITY_RULES.map((r) => r.id), 'not-linked', 'post-address', 'before-window']) expect(t(lang, `reason.set-aside.${id}` as MessageId).length, `${lang} ${id}`).toBeGreaterThan(10);
      const [row] = setAsideRows(blogSite(30, { aws: 5, unread: ['/docs/case-studies/shipyard-report.pdf'] }), 'P2.2.1');
      expect(t(lang, 'note.set-aside', row!.values)).toContain(t(lang, 'reason.set-aside.no-retail-focus'));
    }
  });
});

describe('an unread page only a sitemap lists', () => {
  const withSkips = (skips: { path: string; from: string | null }[]) => {
    const evidence = blogSite(30, { retail: 10, aws: 10 });
    evidence.crawl.stoppedBy = 'max-pages';
    for (const { path, from } of skips) evidence.skipped.push({ url: u(path), reason: 'max-pages', detail: '', from });
    return evidence;
  };

  it('cannot be the practice page P3.1 needs (reachable by links) once every page found by links that could lead to it was read', () => {
    const r = verdict('P3.1', withSkips([{ path: '/industries/retail/', from: null }, { path: '/blog/tag/retail/', from: HOME }]));
    expect(r.status).toBe('fail');
    expect(r.evidence.filter((e) => e.kind === 'note.set-aside').map((e) => [e.url, e.values.setAsideBy])).toEqual([
      [u('/industries/retail/'), { type: 'reasons', reasons: [{ rule: 'set-aside.not-linked' }] }],
      [u('/blog/tag/retail/'), { type: 'reasons', reasons: [{ rule: 'set-aside.archive' }] }],
    ]);
  });

  it('may still be it while a page found by links that could lead to it is unread, and a linked one keeps P3.1 in review', () => {
    expect(verdict('P3.1', withSkips([{ path: '/industries/retail/', from: null }, { path: '/company/overview/', from: HOME }])).status).toBe('review');
    expect(verdict('P3.1', withSkips([{ path: '/industries/retail/', from: HOME }])).status).toBe('review');
  });

  it('may still hold a case study or a post: those need no click path to count', () => {
    const evidence = withSkips([{ path: '/case-studies/grocer-loyalty/', from: null }]);
    expect(verdict('P2.2.1', evidence).status).toBe('review');
  });
});

describe('the text of the link to an unread page', () => {
  it('says what it may hold, beside its address', () => {
    const skipped = (text: string) => {
      const evidence = blogSite(30, { aws: 5 });
      evidence.skipped.push({ url: u('/p/4711'), reason: 'robots', detail: 'Disallow', from: HOME, text });
      return evidence;
    };
    // A site with no retail work: an opaque address whose link names retail stays worth a look; one naming nothing retail does not.
    expect(verdict('P2.2.1', skipped('Case study: a grocery chain\'s loyalty app')).status).toBe('review');
    expect(verdict('P2.2.1', skipped('Case study: a shipyard\'s scheduling')).status).toBe('fail');
    expect(verdict('P2.2.1', skipped('Careers')).status).toBe('fail');
  });
});

describe('off-site links on a site with no retail work', () => {
  it('leave P3.2 failing unless the link names retail', () => {
    const video = { url: 'https://www.youtube.com/watch?v=abc', text: 'Our talk on infrastructure as code' };
    expect(verdict('P3.2', blogSite(30, { outbound: [video] })).status).toBe('fail');
    expect(verdict('P3.2', blogSite(30, { outbound: [{ ...video, text: 'Our talk on retail checkout at scale' }] })).status).toBe('review');
  });
});

describe('off-site links that are not the partner\'s own material', () => {
  const retailSite = (outbound: { url: string; text: string; from?: string }[]) => {
    const evidence = blogSite(30, { retail: 10 });
    evidence.outbound = outbound.map((l) => ({ from: HOME, ...l }));
    return evidence;
  };

  it('a citation inside a post does not keep P3.2 in review; the same link from the menu does', () => {
    const cited = { url: 'https://www.youtube.com/watch?v=xyz', text: 'Keynote recording by the conference', from: u('/blog/post-3/') };
    expect(verdict('P3.2', retailSite([cited])).status).toBe('fail');
    expect(verdict('P3.2', retailSite([{ ...cited, from: HOME }])).status).toBe('review');
    expect(verdict('P3.2', retailSite([{ ...cited, text: 'Watch our talk on store analytics' }])).status).toBe('review');
  });

  it('share buttons are not stories or posts published elsewhere', () => {
    const shares = [
      { url: `https://www.reddit.com/submit?url=${encodeURIComponent(u('/case-studies/grocer/'))}`, text: 'Reddit' },
      { url: `https://www.linkedin.com/shareArticle?mini=true&url=${u('/case-studies/grocer/')}`, text: 'Share on LinkedIn' },
      { url: `https://twitter.com/intent/tweet?url=${u('/blog/post-1/')}&text=Webinar`, text: 'Tweet this webinar' },
    ];
    const evidence = retailSite(shares);
    evidence.pages.forEach((p) => { if (p.facts) p.facts.mentionsAws = true; });
    expect(verdict('P2.2.1', evidence).status).toBe('fail');
    expect(verdict('P3.2', evidence).status).toBe('fail');
  });
});

describe('what a page budget left unread, on a site with retail work and AWS', () => {
  /** A retail site the budget stopped, with these links left unread (found on the homepage). */
  const cut = (...left: { path: string; text?: string; host?: string }[]) => {
    const evidence = blogSite(30, { retail: 10, aws: 10 });
    evidence.crawl.stoppedBy = 'max-pages';
    for (const { path, text, host } of left) evidence.skipped.push({ url: host ? `https://${host}${path}` : u(path), reason: 'max-pages', detail: '', from: HOME, ...(text ? { text } : {}) });
    return evidence;
  };
  const setAsideBy = (id: 'P2.2.1' | 'P3.1' | 'P3.2', evidence: SiteEvidence) =>
    verdict(id, evidence).evidence.filter((e) => e.kind === 'note.set-aside').map((e) => [e.url, (e.values.setAsideBy as unknown as { reasons: { rule: string }[] }).reasons[0]!.rule]);

  it('sets aside a software release note, which is product news, not a story, a practice page or thought leadership', () => {
    const evidence = cut({ path: '/blog/sample-project-2-4-0-released/', text: 'Sample project 2.4.0 released' }, { path: '/news/connector-v3.1/', text: 'Connector v3.1: release notes' });
    for (const id of ['P2.2.1', 'P3.2'] as const) {
      expect(verdict(id, evidence).status, id).toBe('fail');
      expect(setAsideBy(id, evidence).map(([, rule]) => rule), id).toContain('set-aside.release-note');
    }
    // One that names retail is still worth a look.
    expect(verdict('P3.2', cut({ path: '/blog/in-store-inventory-sync-released/', text: 'In-store inventory sync released' })).status).toBe('review');
  });

  it('keeps P3.2 in review for a post dated within its 12 months, and sets aside one its address dates before them', () => {
    // ASOF 2026-11-29: the window opens 2025-11-29; a post of November 2025 may fall in it.
    expect(verdict('P3.2', cut({ path: '/blog/2025/11/30/notes-on-teams/', text: 'Notes on teams' })).status).toBe('review');
    const old = cut({ path: '/blog/2025/10/02/notes-on-teams/', text: 'Notes on teams' }, { path: '/news/2019/04/annual-review/', text: 'Our year' });
    expect(verdict('P3.2', old).status).toBe('fail');
    expect(setAsideBy('P3.2', old)).toEqual([[u('/blog/2025/10/02/notes-on-teams/'), 'set-aside.before-window'], [u('/news/2019/04/annual-review/'), 'set-aside.before-window']]);
    // An old post can still be a case study: P2.2.1 needs no date.
    expect(verdict('P2.2.1', cut({ path: '/blog/2019/04/02/case-study-grocer-loyalty/', text: 'Case study: loyalty for a grocer' })).status).toBe('review');
  });

  it('never takes a post\'s or a story\'s address for the practice page P3.1 needs, whatever its words', () => {
    const evidence = cut({ path: '/blog/2026/06/01/our-services-for-retailers/', text: 'Our services for retailers' }, { path: '/case-studies/retail-solutions/', text: 'Retail solutions we built' });
    expect(verdict('P3.1', evidence).status).toBe('fail');
    expect(setAsideBy('P3.1', evidence).map(([, rule]) => rule)).toEqual(['set-aside.post-address', 'set-aside.post-address']);
    expect(verdict('P3.1', cut({ path: '/solutions/retail/', text: 'Retail solutions' })).status).toBe('review');
  });

  it('judges the root of another host of the site by the host\'s name, as a folder by its name', () => {
    expect(verdict('P2.2.1', cut({ path: '/', host: 'schema-tools.partner.test', text: 'schema-tools.partner.test' })).status).toBe('fail');
    expect(verdict('P2.2.1', cut({ path: '/', host: 'customers.partner.test', text: 'customers.partner.test' })).status).toBe('review');
    // An address with no word of its own may still hold anything.
    expect(verdict('P2.2.1', cut({ path: '/p/4711' })).status).toBe('review');
  });
});
