// P2.2.1: at least two public case studies of retail projects on AWS (HTML pages and PDF documents).
// The whole decision is here: which studies count (NOT_COUNTED_RULES, in order, then one story per
// customer) and what the count means. Inputs: the site's case studies (src/evidence/case-studies.ts),
// the unread pages that may be case studies and the stories linked on other domains.

import type { Check, CheckContext, EvidenceRow } from '../types.ts';
import { derived } from '../evidence/evaluation.ts';
import { caseStudies, MIN_STORY_ELEMENTS, type CaseStudy } from '../evidence/case-studies.ts';
import { SHARED_HOSTS } from '../evidence/interests.ts';
import { offSiteStoryLinks } from '../evidence/off-site.ts';
import { unreadCaseStudyPages } from '../evidence/unread.ts';
import { retailVerdict, type RetailVerdict } from './retail.ts';
import {
  MIN_ANNOUNCEMENT_KINDS, MIN_AWS_SERVICES_WHEN_OTHER_CLOUD, MIN_PUBLIC_CASE_STUDIES, MIN_RETAIL_LINE_OF_BUSINESS_TERMS,
} from './thresholds.ts';
import { checkResult, offSiteReview, unreadReview, type CheckMeta } from './result.ts';
import { describeAws, describeDate, describeNotCounted, describeRetail, plural } from './phrases.ts';

const meta: CheckMeta = {
  id: 'P2.2.1', title: 'Public retail AWS case studies', requirement: 'at least 2 public retail AWS case studies (HTML pages or PDFs)', informational: false,
};

/** Whether a study is on AWS, and what decided it. */
export type AwsReading =
  | { readonly aws: true; readonly rule: 'services-beside-other-cloud'; readonly services: readonly string[]; readonly clouds: readonly string[] }
  | { readonly aws: false; readonly rule: 'other-cloud'; readonly services: readonly string[]; readonly clouds: readonly string[] }
  | { readonly aws: true; readonly rule: 'services'; readonly services: readonly string[] }
  | { readonly aws: true; readonly rule: 'mention' }
  | { readonly aws: false; readonly rule: 'none' };

/** AWS when services are named or AWS is mentioned, and the story is not primarily on another cloud. */
export function readAws(services: readonly string[], mentionsAws: boolean, clouds: readonly string[]): AwsReading {
  if (clouds.length > 0) {
    return services.length >= MIN_AWS_SERVICES_WHEN_OTHER_CLOUD
      ? { aws: true, rule: 'services-beside-other-cloud', services, clouds }
      : { aws: false, rule: 'other-cloud', services, clouds };
  }
  if (services.length > 0) return { aws: true, rule: 'services', services };
  if (mentionsAws) return { aws: true, rule: 'mention' };
  return { aws: false, rule: 'none' };
}

/** What a rule sees of one study: the study and the readings every rule shares. */
export interface StoryReading {
  readonly study: CaseStudy;
  readonly retail: RetailVerdict;
  readonly aws: AwsReading;
}

/** Why a study is not counted: the rule that said so and the values it found. */
export type NotCounted =
  | { readonly rule: 'borderline-retail' | 'not-retail'; readonly score: number }
  | { readonly rule: 'not-aws'; readonly aws: AwsReading }
  | { readonly rule: 'generic-it'; readonly specific: readonly string[]; readonly general: readonly string[] }
  | { readonly rule: 'not-a-story'; readonly shown: number }
  | { readonly rule: 'no-customer' }
  | { readonly rule: 'announcement'; readonly phrases: readonly string[] }
  | { readonly rule: 'same-customer'; readonly url: string; readonly customer: string | null };

export type NotCountedRuleId = NotCounted['rule'];

interface NotCountedRule {
  readonly id: NotCountedRuleId;
  /** Whether the study could still be one after a careful read: then a check short of its count says review. */
  readonly unsure: boolean | ((reason: NotCounted, reading: StoryReading) => boolean);
  readonly test: (reading: StoryReading) => NotCounted | null;
}

/**
 * Why a case study is not counted, in the order they are reported. A study counts when no rule
 * applies; it is "too close to call" (a short P2.2.1 says review) when every rule that applies is unsure.
 */
export const NOT_COUNTED_RULES: readonly NotCountedRule[] = [
  { id: 'borderline-retail', unsure: true, test: ({ study, retail }) => (retail === 'borderline' ? { rule: 'borderline-retail', score: study.retailScore } : null) },
  { id: 'not-retail', unsure: false, test: ({ study, retail }) => (retail === 'not-retail' ? { rule: 'not-retail', score: study.retailScore } : null) },
  { id: 'not-aws', unsure: false, test: ({ aws }) => (aws.aws ? null : { rule: 'not-aws', aws }) },
  {
    // A retail customer, but few retail terms and more general IT ones (backup, migration, email): the
    // checklist excludes generic IT projects for retailers.
    id: 'generic-it',
    unsure: true,
    test: ({ study, retail }) => {
      const lob = study.lineOfBusiness;
      if (retail !== 'retail' || !lob || lob.specific.length >= MIN_RETAIL_LINE_OF_BUSINESS_TERMS || lob.general.length <= lob.specific.length) return null;
      return { rule: 'generic-it', specific: lob.specific, general: lob.general };
    },
  },
  {
    // A page classified as a case study that shows little of a customer story may be a solution page
    // or a post: too unsure to count, worth a look.
    id: 'not-a-story',
    unsure: true,
    test: ({ study }) => (study.storyParts < MIN_STORY_ELEMENTS ? { rule: 'not-a-story', shown: study.storyParts } : null),
  },
  {
    // Problem / solution / results about nobody ("The problem: checkouts slow down at peak …") is a
    // how-to post; a customer story names its customer, or at least "a large retailer". Filed in the
    // blog or news as well, such a page is a post beyond doubt.
    id: 'no-customer',
    unsure: (_reason, { study }) => !study.postAddress,
    test: ({ study }) => (study.storyParts >= MIN_STORY_ELEMENTS && study.study !== null && !study.customer && !study.anonymized ? { rule: 'no-customer' } : null),
  },
  {
    // "X has selected Y … expected to go live in 2027": a project announced, not completed, with no
    // results to show. Several kinds of announcement phrasing leave no doubt; one is worth a look.
    id: 'announcement',
    unsure: (reason) => reason.rule === 'announcement' && reason.phrases.length < MIN_ANNOUNCEMENT_KINDS,
    test: ({ study }) => (study.announced.length > 0 ? { rule: 'announcement', phrases: study.announced } : null),
  },
];

export interface CaseStudyJudgement extends StoryReading {
  /** Retail, on AWS, a customer's story, the customer's one counted story: what P2.2.1 counts. */
  readonly counted: boolean;
  /** Every rule that applied, in NOT_COUNTED_RULES order (one `same-customer` when only that). */
  readonly notCounted: readonly NotCounted[];
  /** Not counted, but only for reasons too close to call (borderline retail, a thin story): worth a look. */
  readonly unsure: boolean;
}

function judge(study: CaseStudy): CaseStudyJudgement {
  const reading: StoryReading = { study, retail: retailVerdict(study.retailScore), aws: readAws(study.awsServices, study.mentionsAws, study.otherClouds) };
  const fired = NOT_COUNTED_RULES.flatMap((rule) => {
    const reason = rule.test(reading);
    return reason ? [{ reason, unsure: typeof rule.unsure === 'function' ? rule.unsure(reason, reading) : rule.unsure }] : [];
  });
  return { ...reading, counted: fired.length === 0, notCounted: fired.map((f) => f.reason), unsure: fired.length > 0 && fired.every((f) => f.unsure) };
}

const GENERIC_CUSTOMER = /^(?:the)?(?:client|customer|retailer|company|brand|partner|casestudy|客戶|客戶故事|客戶案例|案例|品牌|零售商)$/;
const COMPANY_SUFFIX = /\b(?:inc|ltd|llc|plc|corp(?:oration)?|co|company|group|limited|pty|gmbh|s\.?a)\b\.?|股份有限公司|有限公司|公司|集團/giu;

/** Ways to recognise one customer across stories: its website's host and its name, normalised. */
function customerKeys(c: CaseStudy, scopeDomain: string): string[] {
  const keys: string[] = [];
  const site = c.study?.customerWebsite;
  if (site) {
    try {
      const host = new URL(site).hostname.toLowerCase().replace(/^www\d?\./, '');
      if (!SHARED_HOSTS.test(host) && host !== scopeDomain && !host.endsWith(`.${scopeDomain}`)) keys.push(`site:${host}`);
    } catch {
      // not a URL: the name decides
    }
  }
  const name = c.customer?.normalize('NFKC').toLowerCase().replace(COMPANY_SUFFIX, '').replace(/[^\p{L}\p{N}]+/gu, '');
  // A label read as a name ("Client", 客戶) would make every story one customer.
  if (name && name.length >= 2 && !GENERIC_CUSTOMER.test(name)) keys.push(`name:${name}`);
  return keys;
}

/** How much of the checklist a study shows: its elements, and a delivery category. */
function storyCompleteness(c: CaseStudy): number {
  if (!c.study) return 0;
  return Object.values(c.study.elements).filter((e) => e.present).length + (c.study.delivery !== 'unknown' ? 1 : 0);
}

/**
 * The checklist asks for unique customers: the same customer's story again in another language, or a
 * second story about the same customer, adds no customer. The reachable, most complete one counts.
 */
function countEachCustomerOnce(judgements: CaseStudyJudgement[], scopeDomain: string): CaseStudyJudgement[] {
  const counted = judgements.filter((j) => j.counted);
  // Stories sharing any key are one customer, also through a third story (a name here, a website there).
  const parent = counted.map((_, i) => i);
  const root = (i: number): number => (parent[i] === i ? i : (parent[i] = root(parent[i]!)));
  const byKey = new Map<string, number>();
  counted.forEach((j, i) => {
    for (const key of customerKeys(j.study, scopeDomain)) {
      const other = byKey.get(key);
      if (other === undefined) byKey.set(key, i);
      else parent[root(i)] = root(other);
    }
  });
  // Reachable first, then the fuller story; between equals the first published (later stories of the
  // same customer are follow-up projects), then the URL so the choice never depends on crawl order.
  const rank = (a: CaseStudy, b: CaseStudy) =>
    Number(b.path !== null) - Number(a.path !== null) || storyCompleteness(b) - storyCompleteness(a) ||
    (a.published?.date ?? '9999').localeCompare(b.published?.date ?? '9999') || a.url.localeCompare(b.url);
  const best = new Map<number, CaseStudy>();
  counted.forEach((j, i) => {
    const current = best.get(root(i));
    if (!current || rank(j.study, current) < 0) best.set(root(i), j.study);
  });
  const kept = new Map(counted.map((j, i) => [j, best.get(root(i))!]));
  return judgements.map((j) => {
    const keeper = kept.get(j);
    if (!keeper || keeper === j.study) return j;
    return { ...j, counted: false, notCounted: [{ rule: 'same-customer', url: keeper.url, customer: keeper.customer }] };
  });
}

/** Every case study of the site with P2.2.1's judgement: counted, or not and by which rules. */
export const caseStudyJudgements = derived('case-study-judgements', (evaluation): readonly CaseStudyJudgement[] =>
  countEachCustomerOnce(evaluation.get(caseStudies).map(judge), evaluation.evidence.scopeDomain));

export function caseStudyRow(j: CaseStudyJudgement, verdict: string): EvidenceRow {
  const c = j.study;
  const parts = [verdict, `${c.format.toUpperCase()}`, describeRetail(c.retailScore, c.retailTerms), describeAws(j.aws)];
  if (c.customer) parts.push(`customer ${c.customer}`);
  if (c.attachments.length) parts.push(`with PDF ${c.attachments.join(', ')}`);
  parts.push(c.published ? `published ${describeDate(c.published)}` : 'no publish date');
  return { url: c.url, path: c.path, note: parts.join('; ') };
}

function run({ get }: CheckContext) {
  const judgements = get(caseStudyJudgements);
  const counted = judgements.filter((j) => j.counted);
  const rows: EvidenceRow[] = [
    ...counted.map((j) => caseStudyRow(j, 'counted')),
    ...judgements.filter((j) => !j.counted).map((j) => caseStudyRow(j, `not counted: ${describeNotCounted(j.notCounted)}`)),
  ];
  const found = `${plural(counted.length, 'retail AWS case study', 'retail AWS case studies')} found (needs ${MIN_PUBLIC_CASE_STUDIES})`;
  if (counted.length >= MIN_PUBLIC_CASE_STUDIES) {
    return checkResult(meta, 'pass', `${found}; ${plural(judgements.length - counted.length, 'other case study', 'other case studies')} not counted`, rows, null);
  }
  const borderline = judgements.filter((j) => j.unsure);
  if (counted.length + borderline.length >= MIN_PUBLIC_CASE_STUDIES) {
    return checkResult(meta, 'review', `${found}; ${plural(borderline.length, 'more AWS case study', 'more AWS case studies')} too close to call (${borderline.map((j) => describeNotCounted(j.notCounted)).join('; ')})`,
      rows, 'Check the case studies too close to call: say plainly that the customer is a retailer and the project a retail one, and tell the story (customer, problem, solution, results).');
  }
  const unread = get(unreadCaseStudyPages);
  if (unread.length > 0) return unreadReview(meta, found, rows, unread);
  const offSite = get(offSiteStoryLinks);
  if (offSite.length > 0) return offSiteReview(meta, found, rows, offSite);
  const notAws = judgements.filter((j) => j.retail === 'retail' && !j.aws.aws);
  let recommendation = `Publish at least ${MIN_PUBLIC_CASE_STUDIES} public case studies of completed retail projects on AWS (HTML or PDF), naming the customer and the AWS services used.`;
  if (notAws.length > 0) recommendation += ` ${plural(notAws.length, 'retail case study', 'retail case studies')} found do not show AWS: name the AWS services if they ran on AWS.`;
  return checkResult(meta, 'fail', found, rows, recommendation);
}

export const publicCaseStudies: Check = { ...meta, inputs: [caseStudyJudgements, unreadCaseStudyPages, offSiteStoryLinks], run };
