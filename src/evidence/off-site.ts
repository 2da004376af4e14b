// Derived evidence: links from the partner's reachable pages to customer stories and thought
// leadership on other domains, which the audit does not read. A check short of its count says
// `review` with these links, never a confident `fail`.

import { wordCount } from '../../analyzers/terms.ts';
import { inScope } from '../../crawlers/url.ts';
import type { SiteEvidence } from '../types.ts';
import { derived } from './evaluation.ts';
import { implausibleBy, siteFocus, type SiteFocus } from './focus.ts';
import { SHARED_HOSTS } from './interests.ts';
import { readableUrl } from './pages.ts';

/**
 * A link from one of the partner's pages to another domain, which the audit does not read, or to a
 * host of the site itself that the crawl could not reach (`unreachableHost`).
 */
export type OffSiteLink = SiteEvidence['outbound'][number] & { readonly unreachableHost?: boolean };

/**
 * Links to hosts of the site the crawl could not reach at all (their robots.txt did not answer, so
 * nothing there may be fetched): a blog on its own subdomain is then as unread as one on another domain.
 */
function unreachableHostLinks(evidence: SiteEvidence): OffSiteLink[] {
  return evidence.skipped.filter((s) => s.reason === 'unreachable' && s.from !== null)
    .map((s) => ({ url: s.url, from: s.from!, text: s.text ?? '', unreachableHost: true }));
}

/**
 * Share buttons (a LinkedIn or Reddit share, a tweet intent) carry the partner's own page's address:
 * they are no material published elsewhere.
 */
const SHARE_LINK = /\/(?:share|sharer(?:\.php)?|shareArticle|submit|intent\/(?:tweet|post)|sharing)(?:[/?#]|$)|[?&](?:url|u|link)=https?(?::|%3A)/i;

/** Words that make a link inside a post the partner's own ("watch our talk", "我們的講座"). */
const FIRST_PERSON = /\b(?:our|my|we|us)\b|我們|本公司|敝公司/i;

/**
 * Whether a link is not the partner's own material elsewhere: a share button, or a link from inside
 * one of the partner's articles or stories that does not say it is theirs (a citation of someone
 * else's article or video). Links from the site's other pages (a "Blog" menu entry, a talks page, a
 * news item announcing a recording) may be.
 */
function notOwnMaterial(link: OffSiteLink, items: ReadonlySet<string>): boolean {
  return SHARE_LINK.test(link.url) || (items.has(link.from) && !FIRST_PERSON.test(link.text));
}

/**
 * Outbound links from pages reachable from the homepage to other registrable domains, once each, that
 * `keep` accepts given the link and its lower-cased host, that are the partner's own material (not a
 * share button or a citation inside a post), and that could plausibly hold what the check needs
 * (src/evidence/focus.ts: on a site with no retail work at all, only links that name retail).
 */
function offSiteLinks(evidence: SiteEvidence, focus: SiteFocus, needsAws: boolean, keep: (link: OffSiteLink, host: string) => boolean,
  links: readonly OffSiteLink[] = evidence.outbound, wholeBody: (link: OffSiteLink) => boolean = () => false): OffSiteLink[] {
  const reachable = new Set(evidence.pages.filter((p) => p.path !== null).flatMap((p) => [p.url, p.finalUrl]));
  // Articles and stories cite others; news and event items announce the partner's own recordings.
  const items = new Set(evidence.pages.filter((p) => p.facts && (p.facts.classification.type === 'case-study'
    || (p.facts.classification.type === 'thought-leadership' && p.facts.classification.kind === 'blog'))).flatMap((p) => [p.url, p.finalUrl]));
  const rows: OffSiteLink[] = [];
  const seen = new Set<string>();
  for (const link of links) {
    let host: string;
    try { host = new URL(link.url).hostname.toLowerCase(); } catch { continue; }
    if (seen.has(link.url) || !reachable.has(link.from) || (link.unreachableHost !== true && inScope(link.url, evidence.scopeDomain))) continue;
    if (!keep(link, host) || notOwnMaterial(link, items)) continue;
    // The partner's blog as a whole (a link labelled "Blog") is where its thought leadership is: what
    // the pages read here show of retail says nothing of a blog this site does not show.
    const rule = implausibleBy(focus, link.url, link.text, needsAws);
    if (rule !== null && !(rule === 'no-retail-focus' && wholeBody(link))) continue;
    seen.add(link.url);
    rows.push(link);
  }
  return rows;
}

// ---- Case studies published off the partner's domain ----

/**
 * Words that name a set of customer stories unmistakably, in a link's address or anchor text. Stricter
 * than the in-site vocabulary: off the site, "customer" alone is a login portal, "cases" a shop.
 */
const OFF_SITE_STORIES = /case[-_ ]?stud|success[-_ ]?stor|customer[-_ ]?stor|client[-_ ]?stor|(?:^|[/.\s])stories(?:[/.\s]|$)|成功案例|客戶案例|客戶故事|導入案例/i;

/** AWS publishes partners' customer stories on its own site; a partner linking to one points at a public case study. */
const AWS_CUSTOMER_STORY = /^https?:\/\/(?:[a-z0-9-]+\.)*aws\.amazon\.com\/(?:[a-z-]{2,5}\/)?(?:solutions\/case-studies|case-studies|partners\/success)\/[^?#]+/i;

/**
 * Links from the partner's reachable pages to customer stories on another registrable domain (a group
 * or parent company's stories site, a separate brand domain). Shared platforms (LinkedIn, YouTube …)
 * are not the partner's; AWS's own case-study pages are, when they tell the partner's customer's story.
 */
export const offSiteStoryLinks = derived('off-site-story-links', (evaluation): readonly OffSiteLink[] =>
  offSiteLinks(evaluation.evidence, evaluation.get(siteFocus), true, (link, host) => AWS_CUSTOMER_STORY.test(link.url)
    || (!SHARED_HOSTS.test(host) && OFF_SITE_STORIES.test(`${readableUrl(link.url)} ${link.text}`))));

// ---- Thought leadership published off the partner's domain ----

/**
 * Addresses of single items (a post, a publication, a newsletter, a recording, an event page) on the
 * platforms partners publish thought leadership on. Profile and channel roots (linkedin.com/company/…,
 * youtube.com/@…) are not items: every site's footer links them.
 */
const OFF_SITE_TL_ITEM = new RegExp([
  String.raw`^https?://(?:[a-z0-9-]+\.)?medium\.com/[^?#\s]+`,
  String.raw`^https?://[a-z0-9-]+\.medium\.com/`,
  String.raw`^https?://[a-z0-9-]+\.substack\.com/`,
  String.raw`^https?://(?:[a-z]+\.)?linkedin\.com/(?:newsletters|pulse)/[^?#\s]+`,
  String.raw`^https?://(?:www\.|m\.)?youtube\.com/(?:watch|live/|playlist|shorts/|embed/)`,
  String.raw`^https?://youtu\.be/[^?#\s]+`,
  String.raw`^https?://(?:www\.)?vimeo\.com/\d+`,
  String.raw`^https?://(?:[a-z0-9-]+\.)*aws\.amazon\.com/(?:[a-z-]{2,5}/)?(?:events|blogs/[a-z0-9-]+|webinars)/[^?#\s]+`,
  String.raw`^https?://pages\.awscloud\.com/[^?#\s]+`,
  String.raw`^https?://(?:[a-z0-9-]+\.)?(?:on24\.com|brighttalk\.com|accupass\.com|kktix\.cc|vocus\.cc|slideshare\.net|speakerdeck\.com)/[^?#\s]+`,
  String.raw`^https?://(?:[a-z]+\.)?facebook\.com/(?:[^/?#\s]+/(?:posts|videos)/|events/\d)[^?#\s]*`,
  String.raw`^https?://fb\.watch/[^?#\s]+`,
].join('|'), 'i');

/** Anchor text naming a body of thought leadership (a link labelled "Blog" that leaves the site). */
const OFF_SITE_TL_TEXT = /\b(?:blogs?|newsletters?|webinars?|podcasts?|workshops?|articles|insights|recordings?)\b|部落格|電子報|研討會|講座|線上課程|直播/i;
/**
 * A label is short ("Blog", "Visit our blog", "Open blog on blog.partner.com"); an item's title that uses one of its
 * words in passing (a press headline "… to generate data insights, at scale") names no body of work.
 */
const MAX_LABEL_WORDS = 6;

/** Whether a link's text labels a body of thought leadership. */
function labelsThoughtLeadership(text: string): boolean {
  return wordCount(text) <= MAX_LABEL_WORDS && OFF_SITE_TL_TEXT.test(text);
}

/**
 * Links from the partner's reachable pages to thought leadership on other domains: a blog on Medium, a
 * LinkedIn newsletter, webinar recordings on YouTube or AWS's events pages, the partner's own blog on
 * its own domain or on a host of the site the crawl could not reach ("Blog" → blog.partner.com). What
 * they hold and when it was published is unknown. Links into AWS's or a social network's site count
 * only as item addresses, never by anchor text alone ("AWS Blog" in a footer is AWS's).
 */
export const offSiteThoughtLeadershipLinks = derived('off-site-thought-leadership-links', (evaluation): readonly OffSiteLink[] =>
  offSiteLinks(evaluation.evidence, evaluation.get(siteFocus), false, (link, host) => OFF_SITE_TL_ITEM.test(link.url)
    || (!SHARED_HOSTS.test(host) && labelsThoughtLeadership(link.text)), [...evaluation.evidence.outbound, ...unreachableHostLinks(evaluation.evidence)],
  (link) => link.unreachableHost === true && labelsThoughtLeadership(link.text)));

/** A link text or a title as its words: lower case, letters and digits only, numbers left out (an episode's "08"). */
const titleWords = (text: string): string[] => text.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter((w) => w !== '' && !/^\d+$/.test(w));
/** Words a card's text needs before it can name one item: "Watch the video" names none. */
const MIN_CARD_TITLE_WORDS = 4;

/**
 * For each off-site address, the newest publish date among the partner's dated thought-leadership
 * items it belongs to: items that link to it (an event page linking its recordings and slides, a post
 * linking its video), and items whose title a link to it carries (a podcast or talks listing whose card
 * for an episode links the episode's video elsewhere, under the episode's title: every word of the
 * card's text, MIN_CARD_TITLE_WORDS at least, is in the item's title). Such material is no newer than
 * the newest of them. Addresses no dated item claims are absent.
 */
export const offSiteMaterialDates = derived('off-site-material-dates', (evaluation): Readonly<Record<string, string>> => {
  const newest: Record<string, string> = {};
  const claim = (url: string, published: string) => { if (!(newest[url]! >= published)) newest[url] = published; };
  const titled: { words: ReadonlySet<string>; published: string }[] = [];
  for (const p of evaluation.evidence.pages) {
    const published = p.facts?.classification.type === 'thought-leadership' ? p.facts.dates.published?.date : undefined;
    if (!published) continue;
    for (const link of p.links) if (!link.internal) claim(link.url, published);
    titled.push({ words: new Set(titleWords(p.facts!.title)), published });
  }
  for (const link of evaluation.evidence.outbound) {
    const words = titleWords(link.text);
    if (words.length < MIN_CARD_TITLE_WORDS) continue;
    for (const item of titled) if (words.every((w) => item.words.has(w))) claim(link.url, item.published);
  }
  return newest;
});
