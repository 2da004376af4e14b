// English phrases of the evidence the checks return (the notes and summaries of the report).

import type { DateFact } from '../../analyzers/types.ts';
import type { UnreadReason } from '../evidence/unread.ts';
import type { AwsReading, NotCounted } from './p2-2-1-public-case-studies.ts';
import { MIN_PUBLISH_DATE_CONFIDENCE, RETAIL_SCORE_THRESHOLD } from './thresholds.ts';

export function plural(n: number, word: string, words = `${word}s`): string {
  return `${n} ${n === 1 ? word : words}`;
}

/** "2026-03-05 (json-ld:BlogPosting.datePublished)": a date with where it was read. */
export function describeDate(fact: DateFact): string {
  const inferred = fact.confidence < MIN_PUBLISH_DATE_CONFIDENCE ? ', inferred' : '';
  return `${fact.date} (${fact.rule.startsWith(fact.source) ? fact.rule : `${fact.source}: ${fact.rule}`}${inferred})`;
}

export function describeRetail(score: number, terms?: readonly string[]): string {
  const shown = terms && terms.length > 0 ? ` (${terms.slice(0, 5).join(', ')})` : '';
  return `retail score ${score.toFixed(2)} vs threshold ${RETAIL_SCORE_THRESHOLD}${shown}`;
}

export function describeAws(reading: AwsReading): string {
  switch (reading.rule) {
    case 'services-beside-other-cloud': return `AWS services ${reading.services.join(', ')} alongside ${reading.clouds.join(', ')}`;
    case 'other-cloud': return `primarily ${reading.clouds.join(', ')}${reading.services.length ? ` (only ${reading.services.join(', ')} from AWS)` : ''}`;
    case 'services': return `AWS services: ${reading.services.join(', ')}`;
    case 'mention': return 'mentions AWS but names no AWS service';
    case 'none': return 'no AWS service or mention found';
  }
}

function describeReason(reason: NotCounted): string {
  switch (reason.rule) {
    case 'borderline-retail': return `borderline retail (${describeRetail(reason.score)})`;
    case 'not-retail': return `not retail (${describeRetail(reason.score)})`;
    case 'not-aws': return `not AWS (${describeAws(reason.aws)})`;
    case 'generic-it': {
      const general = reason.general.length ? `; general IT: ${reason.general.slice(0, 4).join(', ')}` : '';
      return `a retail customer, but the story shows little retail line-of-business work (retail-specific: ${reason.specific.join(', ') || 'none'}${general}): a generic IT project?`;
    }
    case 'not-a-story': return `reads little like a customer story (shows ${reason.shown} of customer, problem, solution, results)`;
    case 'no-customer': return 'names no customer, not even an anonymised one ("a large retailer"): a how-to rather than a customer story';
    case 'announcement': return `announces a project not yet delivered, with no results ("${reason.phrases.slice(0, 3).join('", "')}")`;
    case 'same-customer': return `same customer as ${reason.url}${reason.customer ? ` (${reason.customer})` : ''}: the checklist counts unique customers`;
  }
}

/** Why a study is not counted, every rule that applied. */
export function describeNotCounted(reasons: readonly NotCounted[]): string {
  return reasons.map(describeReason).join('; ');
}

export function describeUnreadReason(reason: UnreadReason): string {
  switch (reason.kind) {
    case 'blocked': return `blocked by ${reason.by}`;
    case 'error': return reason.error;
    case 'needs-rendering': return `needs JavaScript rendering (${reason.why}) but was read without it${reason.browser ? `: ${reason.browser}` : ''}`;
    case 'robots': return `blocked by robots.txt${reason.detail ? ` (${reason.detail})` : ''}`;
    case 'budget': return `not fetched: ${reason.detail || reason.limit}`;
  }
}
