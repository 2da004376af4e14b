// Case-study elements (checklist P2.1), delivery model (P2.3) and validation-checklist signals
// (V2.1 … V2.13) read from one case study, each with the text that shows it.
//
// The study is read as sections: headings (and "Challenge:" style lead-ins) give each main-text
// block a role — intro, about (the customer), partner (an "About <partner>" blurb), problem,
// solution, results. Compliance, delivery and vendor names are read only from the study's own
// body: content.blocks already exclude footers and badges, and here "About <partner>" sections and
// blocks that are only a list of certification names are dropped as well.

import { createRequire } from 'node:module';
import type Compromise from 'compromise';
import { withQuickSweep } from './compromise-sweep.ts';
import { getDomainWithoutSuffix } from 'tldts';
import type { CaseStudyFacts, DeliveryModel, Excerpted, PageContent, TextBlock, ValidationSignalId } from './types.ts';
import { matchRetailTerms } from './retail.ts';
import { HEADING_NUMBERING, LabelledMatcher, PreparedText, excerptAround, prepare, sentenceExcerpt, type LabelledEntry } from './terms.ts';
import complianceData from './lexicons/compliance.json' with { type: 'json' };
import deliveryData from './lexicons/delivery.json' with { type: 'json' };
import validationData from './lexicons/validation-signals.json' with { type: 'json' };
import thirdPartyData from './lexicons/third-party.json' with { type: 'json' };
import phrasingData from './lexicons/case-study.json' with { type: 'json' };

// ---------------------------------------------------------------------------------------------
// Lexicons, compiled once

const complianceMatcher = new LabelledMatcher<LabelledEntry & { generic?: boolean }>(
  [
    ...(complianceData.frameworks as LabelledEntry[]),
    ...(complianceData.generic as LabelledEntry[]).map((e) => ({ ...e, generic: true })),
  ],
  'lower',
);
const badgeWords = new Set(complianceData.listWords.map((w) => w.toLowerCase()));

type Side = 'msp' | 'project';
const deliveryMatcher = new LabelledMatcher<LabelledEntry & { side: Side }>(
  [
    ...(deliveryData.msp as LabelledEntry[]).map((e) => ({ ...e, side: 'msp' as const })),
    ...(deliveryData.project as LabelledEntry[]).map((e) => ({ ...e, side: 'project' as const })),
  ],
  'stem',
  'giu',
);

const validationMatcher = new LabelledMatcher<LabelledEntry & { id: ValidationSignalId }>(
  Object.entries(validationData.signals as Record<string, LabelledEntry>).map(([id, e]) => ({
    ...e,
    id: id as ValidationSignalId,
  })),
  'stem',
);

const vendorMatcher = new LabelledMatcher(
  (thirdPartyData.vendors as { name: string; forms?: string[]; contextual?: string[] }[]).map((v) => ({
    label: v.name,
    forms: v.forms,
    contextual: v.contextual,
  })),
  'lower',
);

// ---------------------------------------------------------------------------------------------
// Sections

type Role = 'intro' | 'about' | 'partner' | 'problem' | 'solution' | 'results' | 'other';

/** A heading's role from the lexicon's heading vocabulary (Latin fragments on word boundaries, CJK anywhere). */
const headingPattern = (role: 'problem' | 'solution' | 'results') => {
  const { latin, cjk } = phrasingData.headings[role];
  return new RegExp(`\\b(?:${latin.join('|')})\\b|${cjk.join('|')}`, 'iu');
};
const PROBLEM_RE = headingPattern('problem');
const SOLUTION_RE = headingPattern('solution');
const RESULTS_RE = headingPattern('results');
/**
 * "About Contoso", "關於美研", "遠東百貨簡介", "客戶背景", "Customer overview": the customer (or, when the
 * name is the partner's, the partner). 背景 alone is about the customer only after 客戶/公司/企業/品牌:
 * 合作背景 and 專案背景 are the project's background, the problem.
 */
const ABOUT_RE =
  /^\s*(?:about|關於)\s*(.*)$|^(.*?)\s*(?:簡介|公司介紹|企業介紹)\s*$|^\s*(?:客戶|公司|企業|品牌)\s*(?:背景|概況|介紹)\s*$|^(?:the )?(?:customer|client|company) (?:background|overview|profile)$/iu;
/** "專案簡介", "合作簡介": an overview of the project, not of the customer. */
const PROJECT_WORD_RE = /(?:專案|計畫|計劃|項目|合作|方案|產品|服務|案例)$/u;
const LEAD_IN_RE =
  /^\s*(?:the\s+)?(challenges?|problem|solution|approach|results?|outcomes?|benefits|impact|挑戰|痛點|解決方案|成果|效益|導入效益)\s*[:：]/iu;

const isHeading = (b: TextBlock) => /^h[1-6]$/.test(b.tag);

interface Section {
  role: Role;
  heading: string | null;
  /** For about sections: the name in the heading ("About Contoso" → "Contoso"). */
  subject: string | null;
}

function headingRole(text: string, partner: PartnerIdentity): Section {
  // "01 客戶簡介" is 客戶簡介: the section number is no part of the customer's name.
  const about = ABOUT_RE.exec(text.replace(HEADING_NUMBERING, ''));
  if (about && !(about[2] && PROJECT_WORD_RE.test(about[2]))) {
    const subject = (about[1] ?? about[2] ?? '').replace(/^(?:the|us)\b\s*/i, '').trim() || null;
    if (subject && partner.matches(subject)) return { role: 'partner', heading: text, subject };
    return { role: 'about', heading: text, subject };
  }
  if (RESULTS_RE.test(text)) return { role: 'results', heading: text, subject: null };
  if (PROBLEM_RE.test(text)) return { role: 'problem', heading: text, subject: null };
  if (SOLUTION_RE.test(text)) return { role: 'solution', heading: text, subject: null };
  return { role: 'other', heading: text, subject: null };
}

interface ReadBlock {
  block: TextBlock;
  prepared: PreparedText;
  section: Section;
  /** An h1–h6, or a short label-like line that names a section ("The Challenge" in bold <p>). */
  heading: boolean;
  /** Index among content.blocks. */
  index: number;
}

/** A short line with no sentence punctuation that names a section reads as its heading. */
function labelLikeRole(text: string, partner: PartnerIdentity): Section | null {
  if (text.length > 40 || /[.。!?！？]$/u.test(text) || text.split(/\s+/u).length > 5) return null;
  const section = headingRole(text.replace(/[:：]\s*$/u, ''), partner);
  return section.role === 'other' ? null : section;
}

function readSections(content: PageContent, partner: PartnerIdentity): ReadBlock[] {
  const out: ReadBlock[] = [];
  let current: Section = { role: 'intro', heading: null, subject: null };
  let currentLevel = 7;
  content.blocks.forEach((block, index) => {
    const labelLike = isHeading(block) ? null : labelLikeRole(block.text, partner);
    // The page's title as its heading names the story, not a section ("…：門市的需求預測" is no problem statement).
    const titleHeading = isHeading(block) && squash(block.text).length >= 4 && squash(content.title).includes(squash(block.text));
    if ((isHeading(block) && !titleHeading) || labelLike) {
      const level = labelLike ? 3 : Number(block.tag[1]);
      const next = labelLike ?? headingRole(block.text, partner);
      // A sub-heading without a role of its own stays in its parent's section ("Step 1" under Solution).
      if (next.role !== 'other' || level <= currentLevel || current.role === 'intro') {
        if (!(next.role === 'other' && level === 1)) {
          current = next;
          currentLevel = level;
        }
      }
    } else {
      const lead = LEAD_IN_RE.exec(block.text);
      if (lead) {
        current = headingRole(lead[1], partner);
        currentLevel = 7;
      }
    }
    out.push({ block, prepared: prepare(block.text), section: current, heading: isHeading(block) || labelLike !== null, index });
  });
  return out;
}

// ---------------------------------------------------------------------------------------------
// The partner (whose own name and blurbs are not the customer's)

interface PartnerIdentity {
  domainLabel: string | null;
  names: string[];
  matches(name: string): boolean;
}

const squash = (s: string) => s.normalize('NFKC').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');

function partnerIdentity(content: PageContent, url: string): PartnerIdentity {
  const host = safeHost(url);
  const domainLabel = host ? squash(getDomainWithoutSuffix(host) ?? host.split('.').slice(-2, -1)[0] ?? '') : null;
  const names = new Set<string>();
  if (content.meta['og:site_name']) names.add(content.meta['og:site_name']);
  for (const o of content.jsonLd) {
    for (const key of ['publisher', 'author', 'provider']) {
      const v = o[key] as { name?: unknown } | undefined;
      if (v && typeof v === 'object' && typeof v.name === 'string') names.add(v.name);
    }
    if ((o['@type'] === 'Organization' || o['@type'] === 'WebSite') && typeof o.name === 'string' && !o.about) names.add(o.name);
  }
  const squashed = [...names].map(squash).filter((n) => n.length >= 3);
  return {
    domainLabel,
    names: [...names],
    matches(name: string) {
      const n = squash(name);
      if (n.length < 2) return false;
      if (domainLabel && domainLabel.length >= 3 && (n.includes(domainLabel) || (n.length >= 4 && domainLabel.includes(n)))) return true;
      return squashed.some((p) => p === n || (n.length >= 4 && (p.includes(n) || n.includes(p))));
    },
  };
}

function safeHost(url: string): string | null {
  try {
    return new URL(url).hostname.toLowerCase();
  } catch {
    return null;
  }
}

// ---------------------------------------------------------------------------------------------
// Customer name

const ANONYMOUS_EXPLICIT_RE =
  /\b(?:NDA|anonymi[sz]ed|anonymous (?:client|customer|retailer)|confidential (?:client|customer|retailer)|name (?:withheld|undisclosed)|undisclosed (?:client|customer|retailer)|under non-disclosure)\b|匿名|保密協議|客戶名稱不公開/iu;
const ANONYMOUS_PHRASE_RE =
  /\b(?:a|an|one of the)\s+(?:(?:large|largest|leading|major|global|well[- ]known|top|big|national|regional|international|multinational|prominent|renowned|famous|fast[- ]growing|mid-sized|european|asian|american|japanese|taiwanese|fortune\s*\d+|[a-z]+-based)\s+){1,3}(?:[a-z-]+\s+)?(?:retailers?|grocers?|retail (?:chain|brand|company|group|business)|e-?commerce (?:company|player|brand|retailer|business)|fashion (?:brand|retailer|house)|brands?|chains?|supermarket chain|department stores?|consumer goods company|cpg company)\b|(?:某|一家|(?:國內|台灣|全台|國際)(?:某|一家|知名|大型|最大的?))(?:知名|大型|國際|跨國|連鎖|全台|台灣|國內|上市|日系|美系|歐系)*[\u4e00-\u9fff]{0,6}?(?:零售商|零售業者|零售品牌|品牌|百貨|超商|便利商店|電商|企業|公司|集團|通路|量販店|超市|藥妝|藥局|連鎖店|餐飲)/iu;
const LABEL_RE = /^\s*(?:client|customer|company|organi[sz]ation|客戶|客戶名稱|公司名稱|企業名稱)\s*[:：]\s*(.+)$/iu;
const BARE_LABEL_RE = /^\s*(?:the\s+)?(?:client|customer|客戶|客戶名稱)\s*[:：]?\s*$/iu;
/** Where a labelled value stops being the name: "Kestrel Sportswear, Australia" → "Kestrel Sportswear". */
const NAME_END_RE = /\s*(?:[|｜·•,;，；(（—–]|\s-\s|\bIndustry\b|\bSector\b|產業)/u;
const NOT_A_NAME = new Set(
  [
    'aws', 'amazon', 'amazon web services', 'case study', 'customer story', 'success story', 'the customer', 'the client',
    'customer', 'client', 'us', 'our company', 'the company', 'company', 'this project', 'the project', 'the author', 'retail',
    'overview', 'executive summary', 'introduction', 'summary', 'challenge', 'solution', 'results', '客戶', '我們', '本公司',
  ].map(squash),
);

interface NameFinding {
  name: string | null;
  anonymized: boolean;
  excerpt: string;
}

const ZH_LEGAL_FORM_RE = /(?:股份有限公司|有限公司)$/u;
const ZH_NAME_STOP_RE = /(?:導入|採用|運用|攜手|透過|藉由|如何|打造|建置|選擇|搬遷|上雲|使用|成立|創立|是|為|於|自|與|以|的|，|,|、|（|\(|：|:)/u;

/** Leading Chinese name of a sentence/title ("遠東百貨導入…" → 遠東百貨). */
function leadingZhName(text: string): string | null {
  const t = text.replace(/^[【\[][^】\]]*[】\]]\s*/u, '').trim();
  const m = ZH_NAME_STOP_RE.exec(t);
  // A short line with no verb is the name itself ("客戶簡介" followed by "鮮采超市").
  const head = (m ? t.slice(0, m.index) : t.length <= 16 ? t : '').trim();
  if (head.length < 2 || head.length > 16 || !/[\u4e00-\u9fff]/u.test(head)) return null;
  return head;
}

const CAP_WORD = /^(?:[A-Z0-9][\w&'’.-]*|&|of|and|de|la)$/u;
const TITLE_STOP = new Set(
  'How Why What When Where Case Study Customer Success Story Building Build Modernizing Modernising Transforming Migrating Scaling Powering Driving Delivering Enabling Creating Retail Cloud Digital The A An Our We AWS Amazon With For In On From To Using Inside Leading'.split(' '),
);

/** A leading run of capitalised words ("Contoso Grocers cuts …" → "Contoso Grocers"). */
function leadingProperName(text: string): string | null {
  const words = text.trim().split(/\s+/u, 8);
  const name: string[] = [];
  for (const w of words) {
    const clean = w.replace(/[,:;!?]+$/u, '');
    if (!CAP_WORD.test(clean)) break;
    name.push(clean);
    if (clean !== w) break;
  }
  while (name.length && /^(?:&|of|and|de|la)$/u.test(name[name.length - 1])) name.pop();
  if (name.length === 0 || name.length > 6 || TITLE_STOP.has(name[0]) || /ing$/u.test(name[0])) return null;
  return name.join(' ');
}

/** Capitalised only because they open a sentence or a clause ("When Valley Fresh Markets …"). */
const SENTENCE_OPENERS = new Set(
  'How Why What When Where While After Before Since As At By The A An Our We With For In On From To Using Inside Like Today Last This'.split(' '),
);

/**
 * Runs of capitalised words in a sentence ("… asked Contoso Grocers to …" → "Contoso Grocers"), without
 * a leading sentence word ("When Valley Fresh Markets …", "For Bramble & Co, …" → the name).
 */
function capitalisedRuns(sentence: string): string[] {
  const runs: string[] = [];
  let run: string[] = [];
  const flush = () => {
    while (run.length && SENTENCE_OPENERS.has(run[0])) run.shift();
    while (run.length && /^(?:&|of|and|de|la)$/u.test(run[run.length - 1])) run.pop();
    if (run.length > 0 && run.length <= 5 && /^[A-Z0-9]/u.test(run[0]) && !TITLE_STOP.has(run[0]) && !/^(?:Amazon|AWS|Microsoft|Google)$/u.test(run[0])) {
      runs.push(run.join(' '));
    }
    run = [];
  };
  for (const raw of sentence.split(/\s+/u)) {
    const word = raw.replace(/^[("“'‘]+/u, '').replace(/[,.;:!?)"”'’]+$/u, '').replace(/['’]s$/u, '');
    if (CAP_WORD.test(word) && (run.length > 0 || /^[A-Z0-9]/u.test(word))) run.push(word);
    else flush();
    if (word !== raw.replace(/^[("“'‘]+/u, '') && /[,.;:!?)]$/u.test(raw)) flush();
  }
  flush();
  return runs;
}

// compromise (English part-of-speech tagging) tells organisations from people and places among the
// capitalised words of an introduction. Loaded on first use: loading takes ~0.4 s, and only case
// studies whose customer is not labelled, in structured data, an About heading or the title need it.
let compromise: typeof Compromise | null = null;
const loadCompromise = () =>
  (compromise ??= withoutChunker(withQuickSweep(createRequire(import.meta.url)('compromise') as typeof Compromise)));

/**
 * compromise less its last step, the chunker (noun/verb phrase groups, ~10 % of tagging's CPU): it sets
 * each term's `chunk` and no tag, and introEntities reads tags alone.
 */
function withoutChunker(nlp: typeof Compromise): typeof Compromise {
  (nlp.world() as { hooks: string[] }).hooks = nlp.hooks().filter((h) => h !== 'chunks');
  return nlp;
}

interface IntroEntities {
  /** Capitalised runs tagged as an organisation ("Northwind Traders Inc.", "Bramble & Co"), whole. */
  organizations: Set<string>;
  /** Proper-noun phrases, in reading order ("Valley Fresh Markets" out of "CIO of Valley Fresh Markets"). */
  properNouns: string[];
  /** People and places ("Jane Doe", "Melbourne"), squashed. */
  peopleAndPlaces: Set<string>;
  /** Dates within the text ("Friday" of "Black Friday", "November"). */
  dates: string[];
}

/** Shopping seasons that read as proper nouns and recur through a retail story. */
const SEASON_RE = /\b(?:Christmas|Easter|Thanksgiving|Halloween|Black Friday|Cyber Monday|Boxing Day|Singles(?:'|’)? Day|Prime Day|(?:Lunar|Chinese) New Year|Ramadan|Diwali)\b/u;

/** A person, a place, a date or a shopping season, not an organisation. */
function notAnOrganization(name: string, entities: IntroEntities): boolean {
  return entities.peopleAndPlaces.has(squash(name)) || SEASON_RE.test(name) || entities.dates.some((d) => ` ${name} `.includes(` ${d} `));
}

function introEntities(text: string): IntroEntities {
  const runs = capitalisedRuns(text);
  const doc = loadCompromise()(text);
  const phrases = (view: { out(format: 'array'): unknown }) =>
    (view.out('array') as string[])
      .flatMap((p) => p.split(/[,;:]\s*/u))
      .map((p) => p.replace(/['’]s$|[.!?'’"”]+$/gu, '').trim())
      .filter((p) => p && !/^(?:Amazon|AWS)\b/u.test(p));
  // compromise may tag part of a name ("Grocers" of "Contoso Grocers"): the whole capitalised run counts,
  // and only a capitalised run ("management" is not a name).
  const whole = (part: string) => runs.find((r) => ` ${r} `.includes(` ${part} `));
  return {
    organizations: new Set(phrases(doc.organizations()).flatMap((p) => whole(p) ?? [])),
    properNouns: phrases(doc.match('#ProperNoun+')),
    peopleAndPlaces: new Set([...phrases(doc.people()), ...phrases(doc.places())].map(squash)),
    dates: phrases(doc.match('#Date+')),
  };
}

/**
 * Names a title may give. `opening` marks the bare first words of a segment, which in a
 * sentence-case title are just capitalised ("Order management on AWS"), unlike a name in
 * "How X …", "… for X" or "X: …".
 */
/** Words a partner's name runs to in a title segment ("Cedar Peak Digital Consulting Group"). */
const MAX_PARTNER_NAME_WORDS = 5;

function titleCandidates(title: string, partner: PartnerIdentity): { name: string; opening: boolean; lowerCase?: boolean }[] {
  // A segment that is the partner's name ("| Cedar Peak Consulting") names no customer; a longer one
  // that names the partner may still name one ("Cedar Peak helps Northwind …": usableName drops the partner).
  const segments = title
    .split(/\s+[|｜–—-]\s+|\s*[|｜]\s*/u)
    .map((s) => s.trim())
    .filter((s) => s && !(partner.matches(s) && s.split(/\s+/u).length <= MAX_PARTNER_NAME_WORDS));
  const out: { name: string; opening: boolean; lowerCase?: boolean }[] = [];
  const add = (name: string, opening = false) => out.push({ name: name.replace(/['’]s$/u, '').trim(), opening });
  for (let seg of segments) {
    seg = seg.replace(/^(?:case study|customer story|success story|客戶案例|成功案例|案例分享|案例)\s*[:：|]\s*/iu, '');
    seg = seg.replace(/^[【\[][^】\]]*[】\]]\s*/u, '');
    const how = /^How\s+(.+)$/u.exec(seg);
    if (how) {
      const n = leadingProperName(how[1]);
      if (n) add(n);
    }
    // "ShopNow: e-commerce migration …" — only when the part before the colon is itself a name; it
    // outranks "… with X" ("Summit Outdoor Supply: 98% accuracy with RFID on AWS").
    const colon = /^([^:：]{2,60})[:：]/u.exec(seg);
    if (colon && (leadingProperName(colon[1]) === colon[1].trim() || /^[\u4e00-\u9fff]{2,12}$/u.test(colon[1].trim()))) {
      add(colon[1]);
    }
    const helped = /\b(?:helped|helps|for|with)\s+([A-Z][\w&'’.-]*(?:\s+[A-Z][\w&'’.-]*){0,4})/u.exec(seg);
    if (helped) add(helped[1]);
    // "Acme helps northwind cut …": a customer the title writes in lower case (a slug turned title,
    // a house style). Only a name the body writes capitalised inside a sentence counts (see 'title').
    const helpedLower = /\b(?:helped|helps|helping)\s+([a-z][\w&'’-]*[a-z0-9])\b/u.exec(seg);
    if (helpedLower) out.push({ name: helpedLower[1]!, opening: false, lowerCase: true });
    const lead = leadingProperName(seg);
    if (lead) add(lead, true);
    // 「全家福量販」導入 AWS …: Taiwanese titles set the customer's name in corner brackets.
    const quoted = /^「([^」]{2,20})」/u.exec(seg);
    if (quoted) add(quoted[1]);
    const zh = leadingZhName(seg);
    if (zh) add(zh);
    const zhCase = /^(.{2,16}?)(?:客戶)?案例/u.exec(seg);
    if (zhCase && /[\u4e00-\u9fff]/u.test(zhCase[1])) add(zhCase[1]);
  }
  return out;
}

/**
 * A name the title writes in lower case, as the body's prose writes it: capitalised after a
 * lower-case word ("… helped Valley Fresh Markets test …"), so a name and not a word that opens a
 * sentence ("Retailers …"); the whole capitalised run it starts. Null when the prose never writes it so.
 */
function capitalisedInProse(word: string, blocks: ReadBlock[]): string | null {
  const escaped = word.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&');
  const re = new RegExp(`(?<=\\p{Ll}[,;]?\\s+)${escaped}\\b`, 'giu');
  for (const b of blocks) {
    if (b.heading) continue;
    for (const m of b.block.text.matchAll(re)) {
      if (!/^\p{Lu}/u.test(m[0])) continue;
      return /^\p{Lu}[\w&'’.-]*(?:\s+\p{Lu}[\w&'’.-]*){0,4}/u.exec(b.block.text.slice(m.index))![0].replace(/[.,;:]+$/u, '');
    }
  }
  return null;
}

/**
 * A name that ends in an offering's word (智能餐飲解決方案 "smart restaurant solution", 雲端收銀系統) names
 * what is sold, often a product page's title segment, never the organisation a story is about. Chinese
 * only: English firms are often called "… Solutions" or "… Systems".
 */
const OFFERING_NAME_RE = /(?:解決方案|方案|系統|平台|平臺)$/u;

function usableName(name: string, partner: PartnerIdentity): boolean {
  const n = squash(name);
  return n.length >= 2 && /\p{L}/u.test(n) && !NOT_A_NAME.has(n) && !partner.matches(name) && !ANONYMOUS_PHRASE_RE.test(name) && !TITLE_STOP.has(name)
    && !OFFERING_NAME_RE.test(name.trim());
}

function jsonLdSubjects(content: PageContent): string[] {
  const out: string[] = [];
  const orgTypes = /Organization|Corporation|Brand|LocalBusiness|Store|OnlineStore|Company/u;
  for (const o of content.jsonLd) {
    for (const key of ['about', 'mentions']) {
      const values = ([] as unknown[]).concat(o[key] ?? []);
      for (const v of values) {
        if (!v || typeof v !== 'object') continue;
        const t = (v as Record<string, unknown>)['@type'];
        const name = (v as Record<string, unknown>).name;
        if (typeof name === 'string' && orgTypes.test(String(t ?? 'Organization'))) out.push(name);
      }
    }
  }
  return out;
}

/** What a customer rule reads: the page, its sections, the partner, and how often the body names a name. */
interface CustomerInput {
  content: PageContent;
  blocks: ReadBlock[];
  partner: PartnerIdentity;
  /** The main text names `name` at least `times` times. */
  mentioned: (name: string, times?: number) => boolean;
}

/** Where the customer was read: the rule that found it (CaseStudyFacts.customerRule). */
export type CustomerRuleId = 'label' | 'json-ld' | 'about-heading' | 'title' | 'anonymised' | 'introduction';

/**
 * Where a study names its customer, most reliable first; the first rule that finds a name (or finds
 * the customer anonymised) decides, and its id is recorded.
 */
export const CUSTOMER_RULES: readonly { id: CustomerRuleId; find: (input: CustomerInput) => NameFinding | null }[] = [
  {
    // A labelled field: "Client: Contoso Grocers", "客戶：遠東百貨", or "Client" followed by its value.
    id: 'label',
    find: ({ blocks, partner }) => {
      for (let i = 0; i < blocks.length; i++) {
        const text = blocks[i].block.text;
        let value: string | null = null;
        const m = text.length <= 160 ? LABEL_RE.exec(text) : null;
        if (m) value = m[1];
        else if (BARE_LABEL_RE.test(text) && blocks[i + 1]) value = blocks[i + 1].block.text;
        if (!value) continue;
        const shown = excerptAround(m ? text : `${text}: ${value}`, 0, 0);
        if (ANONYMOUS_EXPLICIT_RE.test(value) || ANONYMOUS_PHRASE_RE.test(value)) return { name: null, anonymized: true, excerpt: shown };
        const cut = NAME_END_RE.exec(value);
        const name = (cut ? value.slice(0, cut.index) : value).trim();
        if (name.length <= 60 && usableName(name, partner)) return { name, anonymized: false, excerpt: shown };
      }
      return null;
    },
  },
  {
    // Structured data: the organisation the page is about.
    id: 'json-ld',
    find: ({ content, partner }) => {
      const name = jsonLdSubjects(content).find((n) => usableName(n, partner));
      return name ? { name, anonymized: false, excerpt: `JSON-LD about: ${name}` } : null;
    },
  },
  {
    // "About Contoso Grocers" / "關於遠東百貨" headings; "客戶簡介" followed by the company's introduction.
    id: 'about-heading',
    find: ({ blocks, partner, mentioned }) => {
      for (let i = 0; i < blocks.length; i++) {
        const { section, block } = blocks[i];
        if (section.role !== 'about' || !blocks[i].heading || section.heading !== block.text) continue;
        const next = blocks[i + 1]?.block.text ?? '';
        const shown = excerptAround(`${block.text}: ${next}`, 0, 0);
        const subject = section.subject;
        // "全家福量販股份有限公司（…）為…": the name without its legal form is what the story repeats.
        const lead = leadingZhName(next)?.replace(ZH_LEGAL_FORM_RE, '') ?? leadingProperName(next);
        if (subject && usableName(subject, partner) && !/^(?:the\s+)?(?:customer|client|company|客戶|公司|企業|品牌)$/iu.test(subject)) {
          // "About Greenleaf" over "Greenleaf Pharmacy & Beauty operates …": the fuller name.
          const name = lead && lead.startsWith(subject) && usableName(lead, partner) ? lead : subject;
          return { name, anonymized: false, excerpt: shown };
        }
        if (lead && usableName(lead, partner) && mentioned(lead, 2)) return { name: lead, anonymized: false, excerpt: shown };
      }
      return null;
    },
  },
  {
    // The title: "How Contoso Grocers cut …", "Contoso Grocers: …", "遠東百貨導入 …" — unless the
    // title itself hides the customer ("Markdown optimisation for a leading fashion retailer").
    id: 'title',
    find: ({ content, blocks, partner, mentioned }) => {
      const hidden = ANONYMOUS_EXPLICIT_RE.exec(content.title) ?? ANONYMOUS_PHRASE_RE.exec(content.title);
      if (hidden) return { name: null, anonymized: true, excerpt: excerptAround(content.title, hidden.index, hidden.index + hidden[0].length) };
      const inProse = (name: string) => blocks.some((b) => !b.heading && b.block.text.includes(name));
      // Many Taiwanese CMS pages carry only the site's name in <title>: the h1 is the story's title then.
      const h1 = content.headings.find((h) => h.level === 1)?.text;
      const titles = h1 && h1 !== content.title ? [content.title, h1] : [content.title];
      for (const title of titles) {
        for (const candidate of titleCandidates(title, partner)) {
          const name = candidate.lowerCase ? capitalisedInProse(candidate.name, blocks) : candidate.name;
          if (name && usableName(name, partner) && (candidate.opening ? inProse(name) : mentioned(name))) {
            return { name, anonymized: false, excerpt: excerptAround(title, 0, 0) };
          }
        }
      }
      return null;
    },
  },
  {
    // Anonymised stories: "a large retailer", "Client: NDA", "某知名零售商" — unless the phrase
    // describes a name just before it ("Valley Fresh Markets, a leading regional grocer, …").
    // compromise tags English only; other languages keep the plain capitalised-run heuristic.
    id: 'anonymised',
    find: ({ content, blocks, partner }) => {
      const english = isEnglish(content);
      const intro = [content.title, ...blocks.slice(0, 4).map((b) => b.block.text)];
      for (const text of intro) {
        const m = ANONYMOUS_EXPLICIT_RE.exec(text) ?? ANONYMOUS_PHRASE_RE.exec(text);
        if (!m) continue;
        const excerpt = sentenceExcerpt(text, m.index, m.index + m[0].length);
        const described = english && APPOSITION_RE.exec(text.slice(Math.max(0, m.index - 80), m.index));
        const name = described ? capitalisedRuns(described[1]).pop() : undefined;
        if (name && usableName(name, partner) && !isVendorName(name) && !notAnOrganization(name, introEntities(excerpt))) {
          return { name, anonymized: false, excerpt };
        }
        return { name: null, anonymized: true, excerpt };
      }
      for (const { block } of blocks) {
        const m = ANONYMOUS_EXPLICIT_RE.exec(block.text);
        if (m) return { name: null, anonymized: true, excerpt: sentenceExcerpt(block.text, m.index, m.index + m[0].length) };
      }
      return null;
    },
  },
  {
    // A name in the introduction. An organisation by compromise's tagging, in the title or the first
    // paragraphs, needs one mention; a capitalised run of the first sentence, then a proper noun of the
    // introduction, must be named again and be neither a person nor a place ("Jane Doe, CIO of Valley
    // Fresh Markets, …", "Based in Portland, …").
    id: 'introduction',
    find: ({ content, blocks, partner, mentioned }) => {
      const paragraphs = blocks.filter((b) => !b.heading && b.block.text.length > 40);
      const first = paragraphs[0];
      if (!first) return null;
      const end = /[.!?。！？](?:\s|$)/u.exec(first.block.text);
      const sentence = end ? first.block.text.slice(0, end.index + 1) : first.block.text;
      const zh = leadingZhName(sentence);
      if (zh && usableName(zh, partner) && mentioned(zh, 2)) {
        return { name: zh, anonymized: false, excerpt: sentenceExcerpt(first.block.text, 0, Math.min(zh.length, sentence.length)) };
      }
      let introText = content.title;
      for (const p of paragraphs.slice(0, 3)) {
        if (introText.length >= INTRO_CHARS) break;
        // A full stop between pieces keeps a title's last word and a paragraph's first apart.
        introText += `.\n${p.block.text.slice(0, INTRO_CHARS)}`;
      }
      const entities = isEnglish(content) && /[A-Z]/u.test(introText) ? introEntities(introText) : null;
      const candidates = new Set([...(entities?.organizations ?? []), ...capitalisedRuns(sentence), ...(entities?.properNouns ?? [])]);
      for (const c of candidates) {
        const organization = entities?.organizations.has(c) ?? false;
        if (!usableName(c, partner) || isVendorName(c) || (entities && !organization && notAnOrganization(c, entities))) continue;
        if (!mentioned(c, organization ? 1 : 2)) continue;
        const where = paragraphs.find((p) => p.block.text.includes(c)) ?? first;
        const at = where.block.text.indexOf(c);
        return { name: c, anonymized: false, excerpt: sentenceExcerpt(where.block.text, Math.max(0, at), Math.max(0, at) + c.length) };
      }
      return null;
    },
  },
];

/** compromise tags English only: a page in another language keeps the plain heuristics. */
function isEnglish(content: PageContent): boolean {
  return content.lang === null || /^en\b/iu.test(content.lang);
}

/** The customer by the first rule in CUSTOMER_RULES that finds one, with that rule's id. */
function findCustomer(
  content: PageContent,
  blocks: ReadBlock[],
  partner: PartnerIdentity,
  rules: typeof CUSTOMER_RULES,
): (NameFinding & { rule: CustomerRuleId }) | null {
  const body = content.mainText;
  const mentioned = (name: string, times = 1) => {
    let count = 0;
    for (let i = body.indexOf(name); i >= 0 && count < times; i = body.indexOf(name, i + name.length)) count++;
    return count >= times;
  };
  for (const rule of rules) {
    const found = rule.find({ content, blocks, partner, mentioned });
    if (found) return { ...found, rule: rule.id };
  }
  return null;
}

/** Characters of title and first paragraphs tagged with compromise (~0.7 ms per 100 characters, warm). */
const INTRO_CHARS = 600;
/** The words before an anonymising phrase that it describes: "Valley Fresh Markets, " / "… is ". */
const APPOSITION_RE = /([A-Z][\w&'’.-]*(?:\s+(?:[A-Z0-9][\w&'’.-]*|&|of|and))*)(?:\s*,\s*|\s+(?:is|was|has been|remains|became)\s+)$/u;

/** A third-party product or vendor ("Oracle", "Salesforce") is not the customer. */
function isVendorName(name: string): boolean {
  return vendorMatcher.find(prepare(name)).some((h) => h.start === 0 && h.end === name.length);
}

// ---------------------------------------------------------------------------------------------
// Customer website

const NOT_CUSTOMER_SITES =
  /(?:^|\.)(?:amazon\.com|amazonaws\.com|aws\.amazon\.com|aws\.com|linkedin\.com|facebook\.com|fb\.com|twitter\.com|x\.com|youtube\.com|youtu\.be|instagram\.com|github\.com|medium\.com|google\.com|apple\.com|microsoft\.com|wikipedia\.org|bit\.ly|line\.me|t\.co|vimeo\.com|slideshare\.net|calendly\.com|hubspot\.com|gartner\.com)$/iu;
const WEBSITE_LABEL_RE = /^(?:website|web site|official (?:web)?site|visit (?:the )?(?:web)?site|visit|homepage|官網|官方網站|網站|網址)\b|(?:官網|官方網站)/iu;
const GENERIC_NAME_WORDS = new Set(['group', 'retail', 'store', 'stores', 'shop', 'the', 'inc', 'ltd', 'corp', 'company', 'co', 'international', 'global', 'holdings', 'digital', 'online']);

/** The customer's name resembles a domain label ("Contoso Grocers" ~ contosogrocers.com, contoso.com). */
function resemblesName(domainLabel: string, customer: string): boolean {
  const nameKey = squash(customer);
  const words = customer.split(/\s+/u).map(squash).filter((w) => w.length >= 4 && !GENERIC_NAME_WORDS.has(w));
  const label = domainLabel.replace(/-/gu, '');
  return (
    label.includes(nameKey) || (label.length >= 4 && nameKey.includes(label)) || words.some((w) => label.includes(w))
  );
}

const TEXT_DOMAIN_RE = /\b(?:https?:\/\/)?((?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,12})\b(?:\/[^\s)）]*)?/giu;
const FILE_SUFFIX_RE = /\.(?:html?|php|aspx?|pdf|jpe?g|png|gif|svg|js|css|json|xml|zip)$/iu;

/** A domain as written: lower-case suffix ("fernwoodhome.com", "www.meiyan.com.tw"), unlike "ASP.NET". */
const writtenDomain = (written: string, host: string) => !FILE_SUFFIX_RE.test(host) && !/[A-Z]/u.test(written.slice(written.lastIndexOf('.')));

/**
 * Where a study introduces its customer: the customer line ("客戶：美研藥妝（www.meiyan.example）",
 * "Customer: Fernwood Home (fernwoodhome.com)"), its "About <customer>" section, and the first paragraph.
 */
function customerContext(blocks: ReadBlock[]): ReadBlock[] {
  const firstParagraph = blocks.find((b) => !b.heading && b.block.text.length > 20);
  return blocks.filter(
    (b, i) =>
      b === firstParagraph ||
      (b.section.role === 'about' && !b.heading) ||
      (b.block.text.length <= 160 && LABEL_RE.test(b.block.text)) ||
      (i > 0 && BARE_LABEL_RE.test(blocks[i - 1].block.text)),
  );
}

function findCustomerWebsite(
  content: PageContent,
  blocks: ReadBlock[],
  customer: string | null,
  partner: PartnerIdentity,
): { url: string; excerpt: string } | null {
  const isOwnOrPlatform = (host: string, label: string) =>
    NOT_CUSTOMER_SITES.test(host) || !label || (partner.domainLabel !== null && label === partner.domainLabel) || isVendorName(label);
  let labelled: { url: string; excerpt: string } | null = null;
  for (const link of content.links) {
    if (link.internal || (link.region !== 'main' && link.region !== 'aside')) continue;
    const host = safeHost(link.url);
    if (!host) continue;
    const label = squash(getDomainWithoutSuffix(host) ?? host);
    if (isOwnOrPlatform(host, label)) continue;
    const excerpt = `${link.text || host} → ${link.url}`.slice(0, 240);
    if (customer && (resemblesName(label, customer) || squash(link.text).includes(squash(customer)))) return { url: link.url, excerpt };
    if (!labelled && WEBSITE_LABEL_RE.test(link.text.trim())) labelled = { url: link.url, excerpt };
  }
  if (labelled || !customer) return labelled;

  /** Domains written (or shown as link text) in a block, outside the partner and shared hosts. */
  const domainsIn = function* (text: string) {
    TEXT_DOMAIN_RE.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = TEXT_DOMAIN_RE.exec(text)) !== null) {
      const host = m[1].toLowerCase();
      const label = squash(getDomainWithoutSuffix(host) ?? host);
      // Not an e-mail address's domain ("jane@fernwood.example" names a mailbox, not a website).
      if (text[m.index - 1] === '@' || !writtenDomain(m[1], host) || isOwnOrPlatform(host, label)) continue;
      yield { host, label, at: m.index, written: m[0] };
    }
  };
  /** The page's own link to that host when it has one ("www.meiyan.example" → https://www.meiyan.example/). */
  const urlFor = (host: string, written: string) =>
    content.links.find((l) => !l.internal && safeHost(l.url)?.replace(/^www\./u, '') === host.replace(/^www\./u, ''))?.url ??
    (/^https?:/iu.test(written) ? written : `https://${host}/`);

  // A domain where the study introduces its customer is the customer's, whatever its letters: a
  // romanised domain need not resemble a Chinese name (美研藥妝 → meiyan.example).
  for (const { block } of customerContext(blocks)) {
    for (const d of domainsIn(block.text)) {
      return { url: urlFor(d.host, d.written), excerpt: sentenceExcerpt(block.text, d.at, d.at + d.written.length) };
    }
  }
  // Elsewhere, a domain next to the name that resembles it: "Greenleaf Pharmacy & Beauty (greenleaf-pharmacy.example)".
  const nameWords = customer.toLowerCase().split(/\s+/u).filter((w) => w.length >= 3);
  for (const block of content.blocks) {
    const lower = block.text.toLowerCase();
    if (!nameWords.some((w) => lower.includes(w))) continue;
    for (const d of domainsIn(block.text)) {
      if (resemblesName(d.label, customer)) return { url: urlFor(d.host, d.written), excerpt: sentenceExcerpt(block.text, d.at, d.at + d.written.length) };
    }
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// Problem, solution, results

/** Phrasing of a problem or a solution when the study has no such heading. */
const PROBLEM_PHRASES = new LabelledMatcher(phrasingData.problem.map((form) => ({ label: 'problem', forms: [form] })), 'stem');
const SOLUTION_PHRASES = new LabelledMatcher(phrasingData.solution.map((form) => ({ label: 'solution', forms: [form] })), 'stem');
const QUANTITY_RE =
  /(?:[+\-−]?\d+(?:[.,]\d+)?\s?%|\d+(?:\.\d+)?\s?(?:x|×|倍)(?![a-z])|\b\d+(?:\.\d+)?[- ]?(?:fold|times)\b|(?:US|NT|HK|S)?[$€£¥]\s?\d[\d,.]*\s?(?:[kKmMbB]\b|million|billion)?|\b\d+(?:\.\d+)?\s?(?:ms|milliseconds|seconds|minutes|hours|days|weeks|months)\b|\d+(?:\.\d+)?\s?(?:萬|億|千)?(?:元|美元|筆|小時|分鐘|秒|天|週|個月)|百分之[\d一二三四五六七八九十]+|[一二三四五六七八九十兩]+倍)/giu;
const HAS_NUMBER_RE = /[\d一二三四五六七八九十兩]/u;
const OUTCOME_RE =
  /\b(?:reduc\w*|cut|cuts|lower\w*|decreas\w*|increas\w*|improv\w*|boost\w*|grew|grow\w*|rais\w*|rose|rise|risen|rising|up by|fell|fall\w*|halved|sav\w*|faster|quicker|uplift|accelerat\w*|shorten\w*|drop\w*|doubl\w*|tripl\w*|achiev\w*|delivered|uptime|availability|roi|return on investment|from .{1,30} to)\b|提升|提高|降低|減少|縮短|增加|成長|節省|加快|下降|改善|達到|達成|高達|僅需/iu;

function sectionElement(blocks: ReadBlock[], role: Role): Excerpted | null {
  const i = blocks.findIndex((b) => b.section.role === role);
  if (i < 0) return null;
  const heading = blocks[i].section.heading ?? '';
  const body = blocks.slice(i).find((b) => b.section === blocks[i].section && !b.heading && b.block.text.length > 20);
  if (!body) return null;
  const shown = heading && !body.block.text.startsWith(heading) ? `${heading}: ${body.block.text}` : body.block.text;
  return { present: true, excerpt: excerptAround(shown, 0, 0) };
}

function phrasedElement(blocks: ReadBlock[], phrases: LabelledMatcher, skip: Role[]): Excerpted | null {
  for (const b of blocks) {
    if (skip.includes(b.section.role) || b.heading) continue;
    const [m] = phrases.find(b.prepared);
    if (m) return { present: true, excerpt: sentenceExcerpt(b.block.text, m.start, m.end) };
  }
  return null;
}

function findResults(blocks: ReadBlock[]): Excerpted | null {
  let fallback: Excerpted | null = null;
  for (const b of blocks) {
    if (b.section.role === 'partner' || b.section.role === 'about') continue;
    const text = b.block.text;
    if (!HAS_NUMBER_RE.test(text)) continue;
    const inResults = b.section.role === 'results';
    // Every quantity, not just the first: "… 11 times normal traffic. Online conversion rose 14%."
    for (const q of text.matchAll(QUANTITY_RE)) {
      const sentence = sentenceExcerpt(text, q.index, q.index + q[0].length);
      if (inResults && (OUTCOME_RE.test(sentence) || b.heading || text.length < 120)) return { present: true, excerpt: sentence };
      if (!fallback && OUTCOME_RE.test(sentence) && !/^\d{4}$/u.test(q[0])) fallback = { present: true, excerpt: sentence };
    }
  }
  return fallback;
}

// ---------------------------------------------------------------------------------------------
// Compliance, delivery, vendors, validation signals

const FULLY_BEFORE = /\bfully[\s-]+$/i;

/** A block that only lists certification names (a badge strip), not a customer requirement. */
function isBadgeList(prepared: PreparedText, hits: { start: number; end: number }[]): boolean {
  const rest = prepared.tokens.filter((t) => !hits.some((h) => t.start >= h.start && t.end <= h.end) && !badgeWords.has(t.lower));
  const cjkRest = prepared.text.replace(/[^\u4e00-\u9fff]/gu, '').length;
  return rest.length + cjkRest / 2 < 3;
}

const ABSENT: Excerpted = { present: false, excerpt: null };

/** A story's industry field: "Industry: Grocery", "Segment" over "Logistics", 產業別：零售. */
const INDUSTRY_FIELD_RE = /^\s*(?:(?:the\s+)?(?:client['’]s\s+|customer['’]s\s+)?(?:industry|segment|sector|vertical)|產業別?|行業|產業類別)\s*[:：]?\s*(.*)$/iu;
/** An industry field's value is short: "Retail", "Logistics & transport". */
const MAX_INDUSTRY_VALUE = 60;

/** The industry a story files its customer under, as it states it; null when it has no such field. */
function statedIndustry(blocks: ReadBlock[]): string | null {
  for (let i = 0; i < blocks.length; i++) {
    const text = blocks[i]!.block.text;
    if (text.length > MAX_INDUSTRY_VALUE + 20) continue;
    const m = INDUSTRY_FIELD_RE.exec(text);
    if (!m) continue;
    const value = (m[1] || (blocks[i + 1]?.block.text ?? '')).trim();
    if (value && value.length <= MAX_INDUSTRY_VALUE) return value;
  }
  return null;
}

/** A study's sections, customer and story elements: what tells a customer's story from other pages. */
interface StoryOutline {
  partner: PartnerIdentity;
  blocks: ReadBlock[];
  /** The study's own body: without "About <partner>" blurbs. */
  body: ReadBlock[];
  customer: (NameFinding & { rule: CustomerRuleId }) | null;
  problem: Excerpted | null;
  solution: Excerpted | null;
  results: Excerpted | null;
}

function outlineStory(content: PageContent, url: string, customerRules: typeof CUSTOMER_RULES): StoryOutline {
  const partner = partnerIdentity(content, url);
  const blocks = readSections(content, partner);
  const body = blocks.filter((b) => b.section.role !== 'partner');
  return {
    partner,
    blocks,
    body,
    customer: findCustomer(content, blocks, partner, customerRules),
    problem: sectionElement(blocks, 'problem') ?? phrasedElement(body, PROBLEM_PHRASES, ['results', 'solution']),
    solution: sectionElement(blocks, 'solution') ?? phrasedElement(body, SOLUTION_PHRASES, ['problem', 'results']),
    results: findResults(body),
  };
}

export function readCaseStudy(content: PageContent, url: string, services: string[]): CaseStudyFacts {
  return completeCaseStudy(content, outlineStory(content, url, CUSTOMER_RULES), services);
}

/** The rest of a study's facts (website, AWS services, retail knowledge, compliance, delivery) on its outline. */
function completeCaseStudy(content: PageContent, outline: StoryOutline, services: string[]): CaseStudyFacts {
  const { partner, blocks, body, customer, problem, solution, results } = outline;
  const website = customer?.anonymized ? null : findCustomerWebsite(content, blocks, customer?.name ?? null, partner);

  // AWS services: the first block that names one (by its name without the Amazon/AWS prefix).
  let awsExcerpt: string | null = null;
  if (services.length > 0) {
    const cores = services.map((s) => s.replace(/^(?:Amazon|AWS)\s+/u, ''));
    for (const b of body) {
      const at = cores.map((c) => b.block.text.indexOf(c)).filter((i) => i >= 0);
      if (at.length === 0) continue;
      const first = Math.min(...at);
      awsExcerpt = sentenceExcerpt(b.block.text, first, first + 1);
      break;
    }
    awsExcerpt ??= `AWS services named: ${services.slice(0, 8).join(', ')}`;
  }

  // Retail domain knowledge: retail-area terms where the study describes what was built.
  const hasSolutionSection = body.some((b) => b.section.role === 'solution');
  const solutionContext = new Set(
    body.filter((b) =>
      hasSolutionSection ? b.section.role === 'solution' || b.section.role === 'results' : b.section.role !== 'about',
    ),
  );
  // Present with ≥ 2 distinct retail terms there (area terms or retail markers such as "department
  // store"), at least one of them an area term; general IT vocabulary does not count.
  const retailTerms = new Set<string>();
  let areaTermInSolution = false;
  let retailBest: { excerpt: string; count: number } | null = null;
  let firstAreaHit: string | null = null;
  for (const b of body) {
    const hits = matchRetailTerms(b.prepared).filter((h) => h.hit.specific);
    const areaHits = hits.filter((h) => h.hit.area !== 'generic');
    if (areaHits.length > 0) firstAreaHit ??= sentenceExcerpt(b.block.text, areaHits[0].start, areaHits[0].end);
    if (areaHits.length === 0 || !solutionContext.has(b)) continue;
    areaTermInSolution = true;
    const distinct = new Set(hits.map((h) => `${h.hit.area}:${h.hit.term}`));
    distinct.forEach((t) => retailTerms.add(t));
    if (!retailBest || distinct.size > retailBest.count) {
      retailBest = { excerpt: sentenceExcerpt(b.block.text, areaHits[0].start, areaHits[0].end), count: distinct.size };
    }
  }
  const retailDomain: Excerpted =
    areaTermInSolution && retailTerms.size >= 2 && retailBest ? { present: true, excerpt: retailBest.excerpt } : ABSENT;

  // Compliance, vendors, delivery and validation signals from the body.
  const compliance: string[] = [];
  let complianceExcerpt: string | null = null;
  const vendors: string[] = [];
  let vendorExcerpt: string | null = null;
  const sides: Record<Side, Map<string, { weight: number; shown: string }>> = { msp: new Map(), project: new Map() };
  const validation: Partial<Record<ValidationSignalId, string>> = {};
  if (retailDomain.present) validation['V2.1'] = retailDomain.excerpt!;
  else if (firstAreaHit) validation['V2.1'] = firstAreaHit;

  for (const b of body) {
    const text = b.block.text;
    const cHits = complianceMatcher.find(b.prepared);
    if (cHits.length > 0 && !isBadgeList(b.prepared, cHits)) {
      for (const h of cHits) {
        if (!compliance.includes(h.entry.label)) compliance.push(h.entry.label);
      }
      complianceExcerpt ??= sentenceExcerpt(text, cHits[0].start, cHits[0].end);
    }
    for (const h of vendorMatcher.find(b.prepared)) {
      if (customer?.name && squash(customer.name) === squash(h.entry.label)) continue;
      if (!vendors.includes(h.entry.label)) vendors.push(h.entry.label);
      vendorExcerpt ??= sentenceExcerpt(text, h.start, h.end);
    }
    // How the partner delivered, never the customer's past ("After the forecasting project, …" under Challenge).
    for (const h of b.section.role === 'problem' ? [] : deliveryMatcher.find(b.prepared)) {
      // "Amazon Aurora, a fully managed service" is how AWS describes its products, not the partner running them.
      if (h.entry.side === 'msp' && FULLY_BEFORE.test(text.slice(Math.max(0, h.start - 12), h.start))) continue;
      const side = sides[h.entry.side];
      if (!side.has(h.entry.label)) side.set(h.entry.label, { weight: h.entry.weight ?? 1, shown: text.slice(h.start, h.end) });
    }
    for (const h of validationMatcher.find(b.prepared)) {
      validation[h.entry.id] ??= sentenceExcerpt(text, h.start, h.end);
    }
  }
  // Named frameworks first; the generic "regulatory compliance" only when nothing is named.
  const named = compliance.filter((c) => !isGenericCompliance(c));
  const complianceList = named.length > 0 ? named : compliance;

  const score = (side: Side) => [...sides[side].values()].reduce((s, v) => s + v.weight, 0);
  const msp = score('msp');
  const project = score('project');
  let delivery: DeliveryModel = 'unknown';
  if (msp >= 2 && msp >= 1.5 * project) delivery = 'msp';
  else if (project >= 2 && project >= 1.5 * msp) delivery = 'project';
  const signals = (side: Side) => [...sides[side]].map(([label, v]) => (label === v.shown ? label : `${label} ("${v.shown}")`));

  const customerElement: Excerpted = customer
    ? { present: customer.name !== null, excerpt: customer.excerpt }
    : ABSENT;

  return {
    customer: customer?.name ?? null,
    anonymized: customer?.anonymized ?? false,
    customerRule: customer?.rule ?? null,
    customerWebsite: website?.url ?? null,
    statedIndustry: statedIndustry(blocks),
    elements: {
      customerName: customerElement,
      customerWebsite: website ? { present: true, excerpt: website.excerpt } : ABSENT,
      problem: problem ?? ABSENT,
      solution: solution ?? ABSENT,
      awsServices: awsExcerpt ? { present: true, excerpt: awsExcerpt } : ABSENT,
      retailDomainKnowledge: retailDomain,
      thirdParty: vendors.length > 0 ? { present: true, excerpt: vendorExcerpt } : ABSENT,
      results: results ?? ABSENT,
      compliance: complianceList.length > 0 ? { present: true, excerpt: complianceExcerpt } : ABSENT,
    },
    compliance: complianceList,
    delivery,
    deliverySignals: { msp: signals('msp'), project: signals('project') },
    thirdParty: vendors,
    validationSignals: validation,
  };
}

const genericComplianceLabels = new Set((complianceData.generic as LabelledEntry[]).map((e) => e.label));
const isGenericCompliance = (label: string) => genericComplianceLabels.has(label);

/** The partner saying it did the work ("we built", "our team migrated", 我們協助): a delivery, not a commentary. */
const PARTNER_DID_THE_WORK =
  /\bwe (?:(?:have|had) )?(?:built|designed|delivered|implemented|migrated|developed|deployed|created|helped|rebuilt|modernized|modernised|automated|set up)\b|\bour (?:team|engineers|consultants|developers|specialists) (?:(?:have|had) )?(?:built|designed|delivered|implemented|migrated|developed|deployed|created|helped|rebuilt)\b|我們(?:協助|幫助|替|為其|為該)|(?:為|替)客戶(?:建置|打造|導入|開發)/iu;
/**
 * Customer rules that name a story's customer outright (not a name guessed from the introduction):
 * a post is read with these alone, which also spares it the introduction rule's costly tagging.
 */
const STORY_CUSTOMER_RULES = CUSTOMER_RULES.filter((r) => r.id !== 'introduction');

/**
 * A post or news item that tells one customer's story: a customer named outright (or anonymised),
 * its problem, what was built and the result, and the partner saying it did the work. A post about a
 * famous retailer's strategy, or a how-to with a worked example, is none: the partner did not do it.
 * Null when the post is not such a story.
 */
export function customerStoryInPost(content: PageContent, url: string, services: string[]): CaseStudyFacts | null {
  if (!PARTNER_DID_THE_WORK.test(content.mainText)) return null;
  // The outline first; the study's other facts (lexicon scans of every block) only for a story.
  const outline = outlineStory(content, url, STORY_CUSTOMER_RULES);
  const { customer, problem, solution, results } = outline;
  return customer && problem && solution && results ? completeCaseStudy(content, outline, services) : null;
}
