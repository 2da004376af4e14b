// P2.2.1: at least two public case studies of retail projects on AWS (HTML pages and PDF documents).
// The whole decision is here: which studies count (NOT_COUNTED_RULES, in order, then one story per
// customer) and what the count means. Inputs: the site's case studies (src/evidence/case-studies.ts),
// the unread pages that may be case studies and the stories linked on other domains.

import type { Check, CheckContext, Finding } from '../types.ts';
import { message, t, type MessageValues, type Reason } from '../messages/index.ts';
import { derived } from '../evidence/evaluation.ts';
import { caseStudies, MIN_STORY_ELEMENTS, type CaseStudy } from '../evidence/case-studies.ts';
import { SHARED_HOSTS } from '../evidence/interests.ts';
import { offSiteStoryLinks } from '../evidence/off-site.ts';
import { setAsideCaseStudyPages, unreadCaseStudyPages } from '../evidence/unread.ts';
import { retailVerdict, type RetailVerdict } from './retail.ts';
import { dateFact, label, reasons, retail, text, url, urls } from './values.ts';
import {
  MIN_ANNOUNCEMENT_KINDS, MIN_AWS_SERVICES_WHEN_OTHER_CLOUD, MIN_PUBLIC_CASE_STUDIES, MIN_RETAIL_LINE_OF_BUSINESS_TERMS,
} from './thresholds.ts';
import { checkResult, offSiteReview, unreadReview, withSetAside, type CheckMeta } from './result.ts';

const meta: CheckMeta = {
  id: 'P2.2.1', title: t('en', 'check.P2.2.1.title'), requirement: t('en', 'check.P2.2.1.requirement', { needs: MIN_PUBLIC_CASE_STUDIES }), informational: false,
};

/** Whether a study is on AWS, and the rule that decided it (reason.aws.<rule>). */
export interface AwsReading {
  readonly aws: boolean;
  readonly reason: Reason;
}

/** AWS when services are named or AWS is mentioned, and the story is not primarily on another cloud. */
export function readAws(services: readonly string[], mentionsAws: boolean, clouds: readonly string[]): AwsReading {
  if (clouds.length > 0) {
    return services.length >= MIN_AWS_SERVICES_WHEN_OTHER_CLOUD
      ? { aws: true, reason: { rule: 'aws.services-beside-other-cloud', values: { services: [...services], clouds: [...clouds] } } }
      : { aws: false, reason: { rule: 'aws.other-cloud', values: { services: [...services], clouds: [...clouds] } } };
  }
  if (services.length > 0) return { aws: true, reason: { rule: 'aws.services', values: { services: [...services] } } };
  if (mentionsAws) return { aws: true, reason: { rule: 'aws.mention' } };
  return { aws: false, reason: { rule: 'aws.none' } };
}

/** Industries a story may file its customer under that are not retail (EN and zh-TW). */
const NOT_RETAIL_INDUSTRY = /\b(?:hospitality|hotels?|logistics|transport(?:ation)?|shipping|freight|courier|banking|banks?|bfsi|financial services|fintech|insurance|nbfc|healthcare|health care|hospitals?|pharma\w*|life sciences|manufacturing|industrial|education|edtech|government|public sector|telecom\w*|media|broadcasting|publishing|energy|utilities|oil|automotive|real estate|travel|aviation|airlines?|gaming|software|saas|ad ?tech|advertising|marketing services)\b|物流|運輸|金融|銀行|保險|醫療|製造|教育|政府|電信|媒體|能源|汽車|不動產|旅遊|航空|遊戲|軟體/iu;
/** …unless it also names a retail one ("Retail & logistics", 零售物流). */
const RETAIL_INDUSTRY = /\b(?:retail\w*|e-?commerce|consumer|cpg|fmcg|grocery|fashion|apparel|restaurants?|qsr|food|luxury)\b|零售|電商|消費|餐飲|百貨|服飾|通路/iu;

/**
 * The platforms a retailer's online shop runs on (lexicon labels, analyzers/lexicons/retail.*.json):
 * building, rebuilding or moving a shop on one is work on a digital store, one of the six retail
 * areas, never a generic IT job, however much of it is payments, integrations and data migration.
 */
const COMMERCE_PLATFORMS: ReadonlySet<string> = new Set([
  'Adobe Commerce', 'Shopify', 'commercetools', 'VTEX', 'Salesforce Commerce Cloud', 'Microsoft Dynamics 365 Commerce', '91APP', 'SHOPLINE', 'CYBERBIZ',
]);

/** What a rule sees of one study: the study and the readings every rule shares. */
export interface StoryReading {
  readonly study: CaseStudy;
  readonly retail: RetailVerdict;
  readonly aws: AwsReading;
}

export type NotCountedRuleId = 'borderline-retail' | 'not-retail' | 'other-industry' | 'not-aws' | 'generic-it' | 'not-a-story' | 'no-customer' | 'announcement' | 'same-customer';

/** Why a study is not counted: the rule that said so (reason.<rule> words it) and the values it found. */
export interface NotCounted extends Reason {
  readonly rule: NotCountedRuleId;
}

interface NotCountedRule {
  readonly id: NotCountedRuleId;
  /** Whether the study could still be one after a careful read: then a check short of its count says review. */
  readonly unsure: boolean | ((reading: StoryReading) => boolean);
  /** The values behind the reason when the rule applies, null when it does not. */
  readonly test: (reading: StoryReading) => MessageValues | null;
}

/**
 * Why a case study is not counted, in the order they are reported. A study counts when no rule
 * applies; it is "too close to call" (a short P2.2.1 says review) when every rule that applies is unsure.
 */
export const NOT_COUNTED_RULES: readonly NotCountedRule[] = [
  { id: 'borderline-retail', unsure: true, test: ({ study, retail: verdict }) => (verdict === 'borderline' ? { retail: retail(study.retailScore) } : null) },
  { id: 'not-retail', unsure: false, test: ({ study, retail: verdict }) => (verdict === 'not-retail' ? { retail: retail(study.retailScore) } : null) },
  {
    // The story files its customer under another industry ("Segment: Logistics", 產業：金融): however
    // many retail words it borrows from its customer's customers, it is not a retailer's story.
    id: 'other-industry',
    unsure: false,
    test: ({ study }) => {
      const industry = study.study?.statedIndustry;
      return industry && NOT_RETAIL_INDUSTRY.test(industry) && !RETAIL_INDUSTRY.test(industry) ? { industry: text(industry) } : null;
    },
  },
  { id: 'not-aws', unsure: false, test: ({ aws }) => (aws.aws ? null : { aws: reasons(aws.reason) }) },
  {
    // A retail customer, but few retail terms and more general IT ones (backup, migration, email): the
    // checklist excludes generic IT projects for retailers. A retail function's general terms (CRM,
    // BI, a data warehouse for marketing) are retail work for a retailer, not generic IT; so is the
    // online shop itself (COMMERCE_PLATFORMS): its payments, integrations and migration are the shop's.
    // Retail terms that only describe the customer's own trade (one paragraph on what the customer
    // sells and runs, then a disaster-recovery or data-centre project) are no retail work either: the
    // story is generic IT when more of its blocks name IT work alone than name retail work at all.
    id: 'generic-it',
    unsure: true,
    test: ({ study, retail: verdict }) => {
      const lob = study.lineOfBusiness;
      if (verdict !== 'retail' || !lob || lob.specific.some((term) => COMMERCE_PLATFORMS.has(term))) return null;
      const retailWork = lob.specific.length + lob.retailGeneral.length;
      const fewTerms = retailWork < MIN_RETAIL_LINE_OF_BUSINESS_TERMS && lob.general.length > retailWork;
      if (!fewTerms && lob.itBlocks <= lob.workBlocks) return null;
      return { specific: [...lob.specific], general: [...lob.general] };
    },
  },
  {
    // A page classified as a case study that shows little of a customer story may be a solution page
    // or a post: too unsure to count, worth a look.
    id: 'not-a-story',
    unsure: true,
    test: ({ study }) => (study.storyParts < MIN_STORY_ELEMENTS ? { shown: study.storyParts } : null),
  },
  {
    // Problem / solution / results about nobody ("The problem: checkouts slow down at peak …") is a
    // how-to post; a customer story names its customer, or at least "a large retailer". Filed in the
    // blog or news as well, such a page is a post beyond doubt.
    id: 'no-customer',
    unsure: ({ study }) => !study.postAddress,
    test: ({ study }) => (study.storyParts >= MIN_STORY_ELEMENTS && study.study !== null && !study.customer && !study.anonymized ? {} : null),
  },
  {
    // "X has selected Y … expected to go live in 2027": a project announced, not completed, with no
    // results to show. Several kinds of announcement phrasing leave no doubt; one is worth a look.
    id: 'announcement',
    unsure: ({ study }) => study.announced.length < MIN_ANNOUNCEMENT_KINDS,
    test: ({ study }) => (study.announced.length > 0 ? { phrases: study.announced.map(text) } : null),
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
    const values = rule.test(reading);
    return values ? [{ reason: { rule: rule.id, values }, unsure: typeof rule.unsure === 'function' ? rule.unsure(reading) : rule.unsure }] : [];
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
    return { ...j, counted: false, notCounted: [{ rule: 'same-customer', values: { url: url(keeper.url), customer: keeper.customer && text(keeper.customer) } }] };
  });
}

/** Every case study of the site with P2.2.1's judgement: counted, or not and by which rules. */
export const caseStudyJudgements = derived('case-study-judgements', (evaluation): readonly CaseStudyJudgement[] =>
  countEachCustomerOnce(evaluation.get(caseStudies).map(judge), evaluation.evidence.scopeDomain));

/** A case study as a finding: counted or why not, and what it shows. */
export function caseStudyFinding(j: CaseStudyJudgement): Finding {
  const c = j.study;
  return {
    url: c.url,
    path: c.path,
    kind: 'note.case-study',
    values: {
      notCounted: j.counted ? null : reasons(...j.notCounted),
      format: label('format', c.format),
      retail: retail(c.retailScore, c.retailTerms),
      aws: reasons(j.aws.reason),
      customer: c.customer && text(c.customer),
      attachments: c.attachments.length ? urls(c.attachments) : null,
      published: c.published && dateFact(c.published),
    },
  };
}

function run({ get }: CheckContext) {
  const judgements = get(caseStudyJudgements);
  const counted = judgements.filter((j) => j.counted);
  const rows = [...counted, ...judgements.filter((j) => !j.counted)].map(caseStudyFinding);
  const found = message('P2.2.1.found', { count: counted.length, needs: MIN_PUBLIC_CASE_STUDIES });
  if (counted.length >= MIN_PUBLIC_CASE_STUDIES) {
    return checkResult(meta, 'pass', message('P2.2.1.pass', { found, others: judgements.length - counted.length }), rows, []);
  }
  const borderline = judgements.filter((j) => j.unsure);
  if (counted.length + borderline.length >= MIN_PUBLIC_CASE_STUDIES) {
    return checkResult(meta, 'review', message('P2.2.1.too-close', { found, count: borderline.length, reasons: borderline.map((j) => reasons(...j.notCounted)) }),
      rows, [message('P2.2.1.advice.too-close')]);
  }
  const unread = get(unreadCaseStudyPages);
  if (unread.length > 0) return unreadReview(meta, found, rows, unread);
  const offSite = get(offSiteStoryLinks);
  if (offSite.length > 0) return offSiteReview(meta, found, rows, offSite);
  const notAws = judgements.filter((j) => j.retail === 'retail' && !j.aws.aws);
  const advice = [message('P2.2.1.advice.publish', { needs: MIN_PUBLIC_CASE_STUDIES })];
  if (notAws.length > 0) advice.push(message('P2.2.1.advice.name-aws', { count: notAws.length }));
  return withSetAside(checkResult(meta, 'fail', found, rows, advice), get(setAsideCaseStudyPages));
}

export const publicCaseStudies: Check = { ...meta, inputs: [caseStudyJudgements, unreadCaseStudyPages, setAsideCaseStudyPages, offSiteStoryLinks], run };
