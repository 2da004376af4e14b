// The report schema: it lists the registry's checks, and real reports of schemaVersion 2 validate
// against it while broken ones do not.

import { describe, expect, it } from 'vitest';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { CHECK_IDS } from '../src/checks/index.ts';
import { readSchema, withCheckIds } from '../schema/sync-check-ids.ts';
import { emptyReport, hostileReport } from './support/report-builder.ts';

const schema = readSchema();
const validate = new Ajv2020({ allErrors: true, strict: false }).compile(schema);

describe('report.schema.json', () => {
  it('lists exactly the check registry\'s ids, in report order (run `npm run schema` after adding a check)', () => {
    expect(withCheckIds(schema, CHECK_IDS)).toEqual(schema);
    expect(schema.$defs.check.properties.id.enum).toEqual([...CHECK_IDS]);
  });

  // Real audits of every fixture site are validated in audit-e2e.test.ts; the hostile report has
  // javascript: URLs the schema rightly refuses.
  it('accepts schemaVersion 2 reports with structured outcomes, advice, findings and reasons', () => {
    const structured = { ...hostileReport(), crawl: emptyReport().crawl, pages: [], thoughtLeadership: [], caseStudies: [] };
    for (const check of structured.checks) check.evidence = check.evidence.filter((e) => e.url.startsWith('https:') && e.path?.every((u) => u.startsWith('https:')) !== false);
    for (const report of [structured]) {
      const valid = validate(JSON.parse(JSON.stringify(report)));
      expect(validate.errors ?? [], JSON.stringify(validate.errors)).toEqual([]);
      expect(valid).toBe(true);
    }
  });

  it('rejects a check without its outcome message, a finding without kind, a reason without rule, and version 1', () => {
    const noOutcome = hostileReport();
    delete (noOutcome.checks[0] as Partial<(typeof noOutcome.checks)[number]>).outcome;
    expect(validate(JSON.parse(JSON.stringify(noOutcome)))).toBe(false);
    const noKind = hostileReport();
    delete (noKind.checks[0]!.evidence[0] as Partial<(typeof noKind.checks)[number]['evidence'][number]>).kind;
    expect(validate(JSON.parse(JSON.stringify(noKind)))).toBe(false);
    const noRule = hostileReport();
    (noRule.caseStudies[2]!.notCounted[0] as { rule?: string }).rule = undefined;
    expect(validate(JSON.parse(JSON.stringify(noRule)))).toBe(false);
    expect(validate({ ...JSON.parse(JSON.stringify(hostileReport())), schemaVersion: 1 })).toBe(false);
  });

  it('marks the prose fields of schemaVersion 1 deprecated', () => {
    expect(schema.$defs.check.properties.summary.deprecated).toBe(true);
    expect(schema.$defs.check.properties.recommendation.deprecated).toBe(true);
    expect(schema.$defs.check.properties.evidence.items.properties.note.deprecated).toBe(true);
    expect(schema.properties.caseStudies.items.properties.notCountedWhy.deprecated).toBe(true);
  });
});
