// Every number a check decides by, in one place, with why it has the value it has.

/** A page (or case study) is "about retail" from this boilerplate-free retail score on (why: there). */
export { RETAIL_SCORE_THRESHOLD } from '../../analyzers/coverage.ts';

/**
 * Scores this close below the threshold are too close to call: they never count, but a check that
 * would pass with them says `review` instead of a confident `fail`.
 */
export const RETAIL_BORDERLINE_MARGIN = 0.08;

/** P2.2.1: public retail AWS case studies needed (checklist: at least 2 of the 4 are public). */
export const MIN_PUBLIC_CASE_STUDIES = 2;

/** A case study must show this many of customer, problem, solution and results to count (why: there). */
export { MIN_STORY_ELEMENTS } from '../evidence/case-studies.ts';

/**
 * A "case study" with no results that shows this many kinds of announcement phrasing (announced
 * today, has selected, expected to go live, will build, media contact) announces a project rather
 * than reporting a completed one: not counted, with no doubt. Fewer kinds: not counted, reviewed.
 */
export const MIN_ANNOUNCEMENT_KINDS = 2;

/**
 * A retail customer's story must show retail line-of-business work: with fewer than this many
 * distinct retail-specific terms from the six areas (replenishment, POS, loyalty program …; not the
 * words that only say who the customer is, "supermarket") and more general IT terms than retail ones
 * (backup, migration), it reads as a generic IT project for a retailer (file servers, email), which
 * the checklist excludes: not counted, reviewed when it matters.
 */
export const MIN_RETAIL_LINE_OF_BUSINESS_TERMS = 2;

/** P2.2.2: of those, how many must be reachable by links from the homepage. */
export const MIN_REACHABLE_CASE_STUDIES = 2;

/** P2.1: case studies that must state the customer's compliance requirements. */
export const MIN_COMPLIANCE_CASE_STUDIES = 2;

/** P2.1: a project counts as recent when completed (published, as the public proxy) within this. */
export const CASE_STUDY_WINDOW_MONTHS = 18;

/** P3.2: thought leadership must be published within this many months of the audit date. */
export const THOUGHT_LEADERSHIP_WINDOW_MONTHS = 12;

/**
 * A publish date below this confidence is an inference (a month-only URL such as /2026/09/, read as
 * the 1st; the nearest date anywhere in the text, right about half the time on real pages). It is
 * shown, but P3.2 never passes on inferred dates alone: it says `review`.
 */
export const MIN_PUBLISH_DATE_CONFIDENCE = 0.5;

/**
 * P3.2: an item that names retail neither in its title nor in its lead (src/evidence/thought-leadership.ts
 * LEAD_WORDS) is about retail only when at least this many of its blocks name it, and at least this
 * share of them: a theme that runs through the text, not an example or two (a recommender-systems post
 * with one restaurant example), nor a few among many (a 3,000-word trends post with retail in 12 of
 * its 400 paragraphs and list items, every other industry beside it).
 */
export const MIN_RETAIL_THEME_BLOCKS = 4;
export const MIN_RETAIL_THEME_SHARE = 0.1;
/**
 * … and those blocks must spread over at least this share of its words: a post that works one
 * retail example through a section of its own (a shop as the running example of a tracking guide,
 * "now some e-commerce events" between game and media events) names retail in many blocks of one
 * stretch, not through the text.
 */
export const MIN_RETAIL_THEME_SPREAD = 0.4;

/** P3.2: retail items needed inside the window. */
export const MIN_RECENT_THOUGHT_LEADERSHIP = 1;

/**
 * A case study that names another cloud counts as AWS only when it names at least this many AWS
 * services (a multi-cloud story built on AWS); fewer, and AWS is a passing mention.
 */
export const MIN_AWS_SERVICES_WHEN_OTHER_CLOUD = 2;

/**
 * P3.1 homepage rule: the homepage may be the practice page only for a dedicated retail consultancy,
 * i.e. the homepage is retail-focused and at least this share of the site's content pages are too.
 */
export const DEDICATED_RETAIL_SITE_SHARE = 0.5;

/** P3.1 "AWS competency use cases": the page speaks to at least this many of the six retail areas. */
export const MIN_USE_CASE_AREAS = 2;

/** P3.1 "technical solutions": the page names at least this many AWS services. */
export const MIN_TECHNICAL_AWS_SERVICES = 2;

/**
 * P3.1: a practice page must cover retail practice and AWS solutions, and at least this many of the
 * five elements in all; fewer and the page is too thin to call a practice microsite without a look.
 */
export const MIN_PRACTICE_ELEMENTS = 3;

/**
 * P3.1: a retail page of at most this many main-content words that names no AWS service, no retail
 * use case and links no case study is a stub ("We help retailers modernise on AWS. Contact us."): it
 * is never the practice page, and P3.1 fails on it. Real practice pages run to several hundred words.
 */
export const MAX_STUB_PRACTICE_WORDS = 120;

/** Share of unread pages beyond which no check fails with confidence (why: there). */
export { UNREAD_SHARE_FOR_REVIEW } from '../evidence/unread.ts';
