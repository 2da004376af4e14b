// Typed values the checks put in their findings (src/messages/index.ts defines each type).

import type { DateFact } from '../../analyzers/types.ts';
import type { DateFactValue, DateValue, LabelValue, Reason, ReasonsValue, RetailValue, TextValue, UrlValue } from '../messages/index.ts';
import { MIN_PUBLISH_DATE_CONFIDENCE, RETAIL_SCORE_THRESHOLD } from './thresholds.ts';

export function dateFact(fact: DateFact): DateFactValue {
  return { type: 'date-fact', date: fact.date, source: fact.source, rule: fact.rule, inferred: fact.confidence < MIN_PUBLISH_DATE_CONFIDENCE };
}

/** A day the tool worked out (the end of a window), as opposed to one read from a page (dateFact). */
export function day(date: string): DateValue {
  return { type: 'date', date };
}

export function retail(score: number, terms: readonly string[] = []): RetailValue {
  return { type: 'retail', score, threshold: RETAIL_SCORE_THRESHOLD, terms: [...terms] };
}

export function reasons(...list: Reason[]): ReasonsValue {
  return { type: 'reasons', reasons: list };
}

export function label(vocabulary: LabelValue['vocabulary'], id: string): LabelValue {
  return { type: 'label', vocabulary, id };
}

export function text(value: string): TextValue {
  return { type: 'text', text: value };
}

export function url(value: string): UrlValue {
  return { type: 'url', url: value };
}

export function urls(values: readonly string[]): UrlValue[] {
  return values.map(url);
}
