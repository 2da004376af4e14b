// How long a passing check keeps passing on its own: each date the checks give is checked by moving the
// audit date across it, the evidence unchanged (the day itself still passes, the day after does not).

import { describe, expect, it } from 'vitest';
import type { SiteEvidence } from '../src/types.ts';
import { evaluate } from '../src/evaluate.ts';
import { addDays, lastDayWithin } from '../src/evidence/calendar.ts';
import { phrase } from '../src/messages/index.ts';
import { check, date, facts, page, retailAwsStudy, site, study, u } from './support/site-builder.ts';

const post = (published: string, extra: Parameters<typeof facts>[0] = {}) =>
  facts({ type: 'thought-leadership', kind: 'blog', retail: 0.7, published: date(published), ...extra });

/** The check passes on `until` and stops passing the day after. */
function expectBoundary(id: Parameters<typeof check>[0], evidence: SiteEvidence, until: string) {
  expect(check(id, evidence, until).status).toBe('pass');
  expect(check(id, evidence, addDays(until, 1)).status).not.toBe('pass');
}

describe('the last day inside a window', () => {
  it('is the same day N months on, clamped at month ends as the window clamps them', () => {
    expect(lastDayWithin('2026-10-22', 12)).toBe('2027-10-22');
    expect(lastDayWithin('2024-02-29', 12)).toBe('2025-02-28');
    expect(lastDayWithin('2026-08-31', 18)).toBe('2028-02-29');
    expect(lastDayWithin('2025-03-31', 11)).toBe('2026-02-28');
  });
});

describe('P3.2: passes until the newest confidently dated retail item turns 12 months old', () => {
  const evidence = site([
    page(u('/blog/new/'), { facts: post('2026-10-22') }),
    page(u('/blog/older/'), { facts: post('2026-03-01') }),
    page(u('/blog/not-retail/'), { facts: post('2026-11-20', { retail: 0.01 }) }),
  ]);

  it('says until when, and why, in the check and the report', () => {
    const r = check('P3.2', evidence, '2026-11-29');
    expect(r.status).toBe('pass');
    expect(r.validUntil?.until).toBe('2027-10-22');
    expect(phrase('en', r.validUntil!.why)).toMatch(/^when the newest retail item \(published 2026-10-22 .*\) turns 12 months old$/);
    expect(evaluate(evidence, '2026-11-29').validUntil).toEqual({ date: '2027-10-22', check: 'P3.2' });
    expect(r.evidence.find((e) => e.url === u('/blog/new/'))!.note).toMatch(/within the 12-month window until 2027-10-22/);
  });

  it('holds when --as-of moves to that day and ends the day after', () => {
    expectBoundary('P3.2', evidence, '2027-10-22');
    // Moving the audit date on does not move the end: it is a property of the evidence.
    expect(check('P3.2', evidence, '2027-06-01').validUntil?.until).toBe('2027-10-22');
  });

  it('ends at a month end when the post is on the 29th of February', () => {
    const leap = site([page(u('/blog/leap/'), { facts: post('2024-02-29') })]);
    expect(check('P3.2', leap, '2024-03-01').validUntil?.until).toBe('2025-02-28');
    expectBoundary('P3.2', leap, '2025-02-28');
  });

  it('is not given for a check that does not pass, nor counted from an inferred date', () => {
    expect(check('P3.2', evidence, '2027-10-23').validUntil).toBeNull();
    const inferred = site([
      page(u('/blog/sure/'), { facts: post('2026-02-01') }),
      page(u('/blog/month-only/'), { facts: post('2026-10-01', { published: { ...date('2026-10-01', 'url'), confidence: 0.2 } }) }),
    ]);
    // The later item's date is not trusted for a pass: the check passes on the earlier one until it ages.
    expect(check('P3.2', inferred, '2026-11-29').validUntil?.until).toBe('2027-02-01');
    expect(check('P3.2', inferred, '2027-02-02').status).toBe('review');
  });
});

describe('P2.1: passes until the second-newest complete case study leaves the 18-month window', () => {
  const evidence = site([
    page(u('/cases/a/'), { facts: retailAwsStudy({ published: date('2026-05-12') }) }),
    page(u('/cases/b/'), { facts: retailAwsStudy({ published: date('2026-01-27') }) }),
    page(u('/cases/c/'), { facts: retailAwsStudy({ published: date('2025-12-01') }) }),
  ]);

  it('gives the date, per study and for the check', () => {
    const r = check('P2.1', evidence, '2026-11-29');
    expect(r.status).toBe('pass');
    expect(r.validUntil?.until).toBe('2027-07-27');
    expect(phrase('en', r.validUntil!.why)).toMatch(/^when the second-newest complete case study \(published 2026-01-27 .*\) leaves the 18-month window$/);
    expect(r.evidence.find((e) => e.url === u('/cases/a/'))!.note).toMatch(/inside the 18-month window until 2027-11-12/);
  });

  it('holds when --as-of moves to that day and ends the day after', () => {
    expectBoundary('P2.1', evidence, '2027-07-27');
  });

  it('makes the report valid until the earliest end among the passing checks', () => {
    const both = site([...evidence.pages, page(u('/blog/new/'), { facts: post('2026-10-22') })]);
    const report = evaluate(both, '2026-11-29');
    expect(report.checks.find((c) => c.id === 'P3.2')!.validUntil?.until).toBe('2027-10-22');
    expect(report.validUntil).toEqual({ date: '2027-07-27', check: 'P2.1' });
    // Past the first end, the next one is the earliest.
    expect(evaluate(both, '2027-07-28').validUntil).toEqual({ date: '2027-10-22', check: 'P3.2' });
    expect(evaluate(both, '2027-10-23').validUntil).toBeNull();
  });

  it('is null for checks that do not expire with time', () => {
    const report = evaluate(evidence, '2026-11-29');
    for (const id of ['P2.2.1', 'P2.2.2', 'P2.3'] as const) {
      const c = report.checks.find((x) => x.id === id)!;
      expect(c.status).toBe('pass');
      expect(c.validUntil).toBeNull();
    }
    const noCompliance = study({ compliance: [], elements: { ...study().elements, compliance: { present: false, excerpt: null } } });
    const failing = site([page(u('/cases/a/'), { facts: retailAwsStudy() }), page(u('/cases/b/'), { facts: retailAwsStudy({ caseStudy: noCompliance }) })]);
    expect(check('P2.1', failing).validUntil).toBeNull();
  });
});
