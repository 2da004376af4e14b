// AWS services, AWS mentions and other clouds named in a text (dictionary: lexicons/aws-services.json).
//
// Service names that are ordinary English words or generic acronyms ("Lambda", "Connect", "Glue",
// "WAF", "SNS") count only when the same sentence also names AWS or another AWS service by an
// unambiguous form, and not as a sentence's first word followed by lower-case text ("Connect with
// us on AWS"). Everything with an Amazon/AWS prefix, and the safe aliases (S3, EC2, DynamoDB),
// count anywhere. Former names map to today's name.

import { PhraseMatcher, SubstringMatcher, hasCjk, isLatinForm, prepare, type PhraseHit, type Token } from './terms.ts';
import awsData from './lexicons/aws-services.json' with { type: 'json' };

interface ServiceDef {
  name: string;
  full?: string;
  aliases?: string[];
  contextual?: string[];
  formerly?: string[];
}

interface AwsDictionary {
  awsMarkers: string[];
  otherClouds: { name: string; aliases: string[] }[];
  services: ServiceDef[];
}

type AwsPayload =
  | { kind: 'service'; name: string; contextual: boolean }
  | { kind: 'marker' }
  | { kind: 'cloud'; name: string };

const dictionary = awsData as unknown as AwsDictionary;
const latin = new PhraseMatcher<AwsPayload>();
const cjk = new SubstringMatcher<AwsPayload>();

const PREFIX_RE = /^(?:Amazon|AWS)\s+/;

function addForm(form: string, payload: AwsPayload, mode: 'lower' | 'exact'): void {
  if (isLatinForm(form)) latin.add(form, payload, { mode });
  else cjk.add(form, payload);
}

for (const s of dictionary.services) {
  const safe: AwsPayload = { kind: 'service', name: s.name, contextual: false };
  const core = s.name.replace(PREFIX_RE, '');
  const withPrefixes = (form: string) => {
    const bare = form.replace(PREFIX_RE, '');
    return [form, `Amazon ${bare}`, `AWS ${bare}`];
  };
  // Today's name, the full name and every alias with an Amazon/AWS prefix: safe in any case.
  for (const form of [s.name, core === s.name ? null : `Amazon ${core}`, `AWS ${core}`, s.full]) {
    if (form) addForm(form, safe, 'lower');
  }
  for (const alias of [...(s.aliases ?? []), ...(s.contextual ?? []), ...(s.formerly ?? [])]) {
    for (const form of withPrefixes(alias).slice(1)) addForm(form, safe, 'lower');
  }
  for (const former of s.formerly ?? []) addForm(former, safe, 'lower');
  // Bare aliases are case-sensitive: "S3", "DynamoDB"; "Lambda" but never "lambda".
  for (const alias of s.aliases ?? []) addForm(alias, safe, 'exact');
  for (const alias of s.contextual ?? []) addForm(alias, { kind: 'service', name: s.name, contextual: true }, 'exact');
}
for (const marker of dictionary.awsMarkers) addForm(marker, { kind: 'marker' }, 'exact');
for (const cloud of dictionary.otherClouds) {
  for (const form of [cloud.name, ...cloud.aliases]) addForm(form, { kind: 'cloud', name: cloud.name }, 'exact');
}

/** Number of services in the dictionary (for the README and tests). */
export const AWS_SERVICE_COUNT = dictionary.services.length;

const SENTENCE_BREAK_RE = /[.!?;:]\s|[\n\r]+|[。！？；：]|\s[•·|]\s/g;

/** Sentence index of each token: sentences end at . ! ? ; : (followed by space), newlines, 。！？ */
function sentenceIds(text: string, tokens: Token[]): Int32Array {
  const breaks: number[] = [];
  SENTENCE_BREAK_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = SENTENCE_BREAK_RE.exec(text)) !== null) breaks.push(m.index);
  const ids = new Int32Array(tokens.length);
  let b = 0;
  for (let i = 0; i < tokens.length; i++) {
    while (b < breaks.length && breaks[b] < tokens[i].start) b++;
    ids[i] = b;
  }
  return ids;
}

export interface AwsDetection {
  /** Today's official names, in order of first mention. */
  services: string[];
  /** Names AWS (AWS, Amazon Web Services, 亞馬遜雲端 …) or any AWS service. */
  mentionsAws: boolean;
  /** Other clouds named (Microsoft Azure, Google Cloud …), in order of first mention. */
  otherClouds: string[];
}

export function detectAws(text: string): AwsDetection {
  const services: string[] = [];
  const clouds: string[] = [];
  let marker = false;
  const add = (list: string[], name: string) => {
    if (!list.includes(name)) list.push(name);
  };
  // Line by line: a page's main text is its blocks joined by newlines, and the blocks were already
  // tokenized (and cached) by the retail scorer. A newline ends a sentence anyway.
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    const prepared = prepare(line);
    const tokens = prepared.tokens;
    const hits: PhraseHit<AwsPayload>[] = tokens.length ? latin.match(tokens) : [];
    const sentence = sentenceIds(line, tokens);
    // Sentences that name AWS or a service unambiguously: the context that admits ordinary-word names.
    const anchored = new Set<number>();
    for (const h of hits) {
      for (const p of h.payloads) {
        if (p.kind === 'marker' || (p.kind === 'service' && !p.contextual)) anchored.add(sentence[h.first]);
        if (p.kind === 'marker') marker = true;
      }
    }
    for (const h of hits) {
      for (const p of h.payloads) {
        if (p.kind === 'cloud') add(clouds, p.name);
        if (p.kind !== 'service') continue;
        if (p.contextual) {
          const s = sentence[h.first];
          if (!anchored.has(s)) continue;
          const startsSentence = h.first === 0 || sentence[h.first - 1] !== s;
          const next = tokens[h.last + 1];
          if (startsSentence && next && sentence[h.last + 1] === s && /^[a-z]/.test(next.text)) continue;
        }
        add(services, p.name);
      }
    }
    if (hasCjk(line)) {
      for (const h of cjk.match(prepared.compact.text)) {
        for (const p of h.payloads) {
          if (p.kind === 'marker') marker = true;
          else if (p.kind === 'cloud') add(clouds, p.name);
          else add(services, p.name);
        }
      }
    }
  }
  return { services, mentionsAws: marker || services.length > 0, otherClouds: clouds };
}

// The partner's own product or company hosted on AWS ("Our cloud back office runs on AWS", "我們的
// 雲端後台架設於 AWS"): what the partner's software runs on, not work it delivers for customers on
// AWS. First person only: "its platform now runs on AWS" in a story is the customer's, and "our
// solution" is ambiguous (the solution delivered to a customer), so neither is here.
// A line that is only such a claim, with no subject ("Built on AWS", "建構於 AWS 雲端服務" as an item of
// a product's feature list), is the product's hosting too: work for a customer names the customer or
// the work ("We moved the grocer's shop to AWS"), and a story's system is named before it is praised.
// Chinese drops the subject in running text as well ("建構在 AWS 雲端平台上，資料即時備份", "資料是
// 建構在…AWS 上"): such a sentence is hosting unless it names the work (協助, 遷移, 導入 …) or a service.
const OWN_HOSTING = [
  /^[\t ]*(?:built|hosted|running|runs|powered|deployed|operated)[\t ]+(?:on|by|in|with)[\t ]+(?:the[\t ]+)?(?:AWS|Amazon Web Services)(?:[\t ]+cloud(?:[\t ]+(?:services|infrastructure))?)?[\t ]*[.!]?[\t ]*$/gim,
  /(?:^|(?<=[。！？]))[\t ]*(?:(?:資料|數據|系統|平台|平臺|服務|產品|後台)[\t ]*(?:是|皆|都|均)?[\t ]*)?(?:建構|建置|架設|架構|運行|執行|部署|託管|運作|存放|儲存)(?:在|於)(?![^。！？\n]*(?:協助|幫助|為客戶|遷移|移轉|導入|(?:Amazon|AWS)[\t ]+(?!Web Services)[A-Z]))[^。！？\n]{0,14}?(?:AWS|Amazon Web Services|亞馬遜)[^。！？\n]*/gmu,
  /\bour\s+(?:[\w-]+\s+){0,3}?(?:platform|products?|back[- ]?office|back[- ]?end|cloud|services?|saas|software|apps?|application|systems?|infrastructure|website|servers?)\b[^.!?\n]{0,60}?\b(?:runs?|running|(?:is|are)\s+(?:hosted|built|deployed|running|powered)|hosted|built|deployed|lives|sits|powered)\b[^.!?\n]{0,30}?\b(?:AWS|Amazon Web Services)\b[^.!?\n]*/gi,
  /(?:我們的|本公司的?|我們|敝公司的?)\s*[\p{Script=Han}A-Za-z\s]{0,8}?(?:平台|產品|後台|系統|服務|軟體|雲端|主機|伺服器)[^。！？\n]{0,30}?(?:架設|建置|建構|運行|執行|部署|託管|架構|運作)(?:於|在)?[^。！？\n]{0,10}?(?:AWS|Amazon Web Services|亞馬遜)[^。！？\n]*/gu,
];

/** The text without sentences saying the partner's own product or company is hosted on AWS. */
export function withoutOwnHosting(text: string): string {
  return OWN_HOSTING.reduce((t, re) => t.replace(re, ' '), text);
}
