// The English catalog: every phrase of the reports, keyed by message id (src/messages/index.ts explains
// the template syntax). note.* messages make the English evidence[].note that the JSON report keeps for
// one more version (schemaVersion 2 deprecates it); renderers draw findings from their typed values.

import { formatValue, messageText, ordinalForm, pluralForm, type ElementsValue, type MessageValue, type MessageValues, type Template } from './index.ts';

/** A value in English words. */
const w = (value: MessageValue | undefined, format?: string): string => formatValue('en', value ?? null, format);
/** The word a count takes, as Intl's English plural rules choose it: "item" for 1, "items" for 0, 3 or 1.5. */
const word = (count: MessageValue | undefined, one: string, other = `${one}s`): string => (pluralForm('en', count) === 'one' ? one : other);
/** "3 retail items", "1 retail item", "1,204 pages". */
const n = (count: MessageValue | undefined, one: string, other = `${one}s`): string => `${w(count)} ${word(count, one, other)}`;
const list = (value: MessageValue | undefined): readonly MessageValue[] => (Array.isArray(value) ? value : []);
const more = (count: MessageValue | undefined): string => (typeof count === 'number' && count > 0 ? ` and ${w(count)} more` : '');
/** The elements of an elements value that are (or are not) present, in words: "customer name, customer's website". */
const elementNames = (value: MessageValue | undefined, present: boolean): string => {
  const { set, elements } = value as unknown as ElementsValue;
  const names = elements.filter((e) => e.present === present).map((e) => lowerFirst(messageText('en', `element.${set}.${e.id}`)));
  return names.join(', ') || 'none';
};
/** "Customer name" → "customer name" inside a sentence (names that start with a capital acronym stay). */
const lowerFirst = (text: string): string => (/^[A-Z][a-z]/.test(text) ? text[0]!.toLowerCase() + text.slice(1) : text);
/** 1 → "the newest", 2 → "the second-newest" … 5 → "the fifth-newest", then 6th, 21st, 22nd, 23rd (Intl's English ordinal rules). */
const newestRank = (rank: MessageValue | undefined): string =>
  (rank === 1 ? 'the newest' : `the ${['second', 'third', 'fourth', 'fifth'][Number(rank) - 2] ?? `${w(rank)}${ORDINAL_SUFFIX[ordinalForm('en', rank)]}`}-newest`);
const ORDINAL_SUFFIX: Readonly<Record<Intl.LDMLPluralRule, string>> = { zero: 'th', one: 'st', two: 'nd', few: 'rd', many: 'th', other: 'th' };

const catalog = {
  // ---- value types: how each typed value reads in a sentence ----
  'list.separator': ', ',
  'list.separator.semicolons': '; ',
  'value.yes': 'yes',
  'value.no': 'no',
  'value.quoted': '{text}',
  'value.labelled': '{label}: {value}',
  'value.parenthesised': ' ({text})',
  'value.date.roc': '{date} ({roc})',
  'value.datetime': '{date} {time} UTC',
  'value.date-fact': '{date} ({source})',
  'value.date-fact.inferred': '{date} ({source}, inferred)',
  'value.date-source.property': '{source} {property}',
  'value.retail': 'retail score {score:fixed2} vs threshold {threshold}',
  'value.retail.terms': 'retail score {score:fixed2} vs threshold {threshold} ({terms})',
  'value.click-path': { one: 'reachable in {count} click from the homepage', other: 'reachable in {count} clicks from the homepage' },
  'value.click-path.sitemap-only': 'found only in sitemap.xml: no link leads to it from the homepage',
  'value.click-path.none': 'not reachable by links from the homepage',

  // ---- what the reports call things: statuses, vocabularies, values of findings ----
  'status.pass': 'Pass',
  'status.fail': 'Fail',
  'status.review': 'Review',
  'status.unknown': 'Unknown',
  'label.window.within': 'within the window',
  'label.window.before': 'before the window',
  'label.window.after': 'after the audit date',
  'label.stopped-by.done': 'finished: every page in scope was visited',
  'label.stopped-by.max-pages': 'stopped at the page limit',
  'label.stopped-by.time-budget': 'stopped at the time budget',
  'label.stopped-by.aborted': 'aborted',
  'label.page-type.practice': 'Practice',
  'label.page-type.case-study': 'Case study',
  'label.page-type.thought-leadership': 'Thought leadership',
  'label.page-type.listing': 'Listing',
  'label.page-type.other': 'Other',
  'field.notCounted': 'Not counted',
  'field.format': 'Format',
  'field.retail': 'Retail',
  'field.aws': 'AWS',
  'field.customer': 'Customer',
  'field.attachments': 'Attached PDFs',
  'field.published': 'Published',
  'field.modified': 'Updated (not a publish date)',
  'field.reach': 'Reached',
  'field.elements': 'Elements',
  'field.compliance': 'Compliance',
  'field.anonymized': 'Customer anonymised',
  'field.completion': 'Completion',
  'field.delivery': 'Delivery',
  'field.msp': 'MSP signals',
  'field.project': 'Project signals',
  'field.role': 'Role',
  'field.homepage': 'Homepage',
  'field.signals': 'Why a candidate',
  'field.kind': 'Kind',
  'field.verdict': 'Retail verdict',
  'field.window': 'Window',
  'field.months': 'Window (months)',
  'field.reason': 'Why not read',
  'field.from': 'Linked from',
  'field.text': 'Link text',

  // ---- the HTML report ----
  'report.title': 'Retail web presence: {host} — {verdict}',
  'report.eyebrow': 'AWS Retail Competency · partner web presence audit',
  'report.meta': (v) => `Audit date ${w(v.asOf)} · ${n(v.pages, 'page')} crawled`,
  'report.headline.pass': 'Meets the web-presence prerequisites',
  'report.headline.fail': 'Does not yet meet the web-presence prerequisites',
  'report.headline.review': 'Needs a human review before a decision',
  'report.headline.unknown': 'Verdict unknown',
  'report.scored': '{passing} of {count} scored checks pass.',
  'report.scored.rule': 'The overall verdict is “pass” only when every scored check passes.',
  'report.no-checks': 'No checks were run.',
  'report.informational': 'Informational (never fails the verdict)',
  'report.checks': 'Checks',
  'report.tag.informational': 'informational',
  'report.recommendation': 'Recommendation',
  'report.no-evidence': 'No evidence rows.',
  'report.column.page': 'Page',
  'report.column.click-path': 'Click path from the homepage',
  'report.column.findings': 'Findings',
  'report.column.case-study': 'Case study',
  'report.column.retail': 'Retail',
  'report.column.aws': 'AWS',
  'report.column.reachable': 'Reachable from the homepage',
  'report.column.published': 'Published',
  'report.column.elements': 'Checklist elements',
  'report.column.facts': 'Delivery, compliance, AWS services',
  'report.column.kind': 'Kind',
  'report.column.title': 'Title',
  'report.column.within': 'Within {months} months',
  'report.column.http': 'HTTP',
  'report.column.type': 'Type',
  'report.column.depth': 'Depth',
  'report.column.found-via': 'Found via',
  'report.column.note': 'Note',
  'report.practice': 'Retail practice page',
  'report.practice.none': 'No retail practice page was found.',
  'report.practice.covers': 'Covers',
  'report.practice.homepage': 'This is the homepage: it counts only for a dedicated retail consultancy whose homepage and site are about retail.',
  'report.case-studies': 'Case studies',
  'report.case-studies.lead': '{found} found; {counted} counted (retail, on AWS); {reachable} of those reachable by links from the homepage.',
  'report.case-studies.none': 'No case studies were found.',
  'report.customer-not-named': 'customer not named',
  'report.counted': 'counted',
  'report.not-counted': 'not counted',
  'report.not-counted.why': 'not counted: {why}',
  'report.attached': 'Attached:',
  'report.elements-present': '{present} of {count} present',
  'report.delivery': 'Delivery',
  'report.compliance': 'Compliance',
  'report.thought-leadership': 'Thought leadership',
  'report.thought-leadership.lead': (v) => `${n(v.count, 'item')} found; ${w(v.recent)} retail, published within ${w(v.months)} months of ${w(v.asOf)}.`,
  'report.thought-leadership.none': 'No thought-leadership items were found.',
  'report.updated': 'updated {date}',
  'report.no-date': 'no date',
  'report.no-date-found': 'no date found',
  'report.inferred': 'inferred',
  'report.threshold': 'threshold {threshold:percent}',
  'report.coverage': 'Retail coverage',
  'chart.title': 'Retail coverage over the six core business areas',
  'chart.description': '{areas}; overall {overall}',
  'chart.overall': 'Overall',
  'report.coverage.lead': 'How much of the site’s content speaks to each of the six core retail business areas of the AWS Retail Competency (site-wide boilerplate removed).',
  'report.crawl': 'Crawl',
  'report.crawl.fetched': 'Pages fetched',
  'report.crawl.rendered': 'Rendered in a browser',
  'report.crawl.documents': 'Documents (PDF) read',
  'report.crawl.robots': 'Blocked by robots.txt',
  'report.crawl.errors': 'Errors',
  'report.crawl.stopped': 'Stopped',
  'report.crawl.duration': 'Duration',
  'report.crawl.no-browser': 'Browser rendering was wanted but unavailable: {why}. Pages that need JavaScript may be missing.',
  'report.crawl.robots-list': 'URLs blocked by robots.txt ({count})',
  'report.crawl.errors-list': 'Errors ({count})',
  'report.duration.seconds': '{seconds:fixed1} s',
  'report.duration.minutes': '{minutes} min {seconds} s',
  'report.pages': 'All pages',
  'report.pages.show': 'Show all {count} pages',
  'report.pages.none': 'No pages.',
  'report.page.rendered': 'rendered',
  'report.page.lang': 'lang {lang}',
  'report.not-linked': 'not linked from the homepage',
  'report.found-via': '(found via {via})',
  'report.home': 'Home',
  'report.click-path': 'Click path',
  'report.not-a-web-address': '(not a web address)',
  'report.footer': 'Generated by {tool} {version} · report schema v{schema} · audit date {asOf}',

  // ---- the Markdown report ----
  'md.title': 'Retail web presence audit: {host}',
  // A check's outcome, then until when it holds: a sentence each ("… not counted. Passes until …").
  'md.summary.validity': (v) => `${w(v.summary).replace(/([^.!?])$/, '$1.')} ${w(v.validity)}`,
  'md.verdict': 'Verdict:',
  'md.scored': '{passing} of {count} scored checks pass',
  'md.audit-date': 'audit date {asOf}',
  'md.column.check': 'Check',
  'md.column.status': 'Status',
  'md.column.summary': 'Summary',
  'md.column.counted': 'Counted',
  'md.column.reachable': 'Reachable',
  'md.column.elements': 'Elements',
  'md.recommendations': 'Recommendations',
  'md.evidence': 'Evidence of the checks that did not pass',
  'md.the-homepage': 'the homepage',
  'md.not-named': 'not named',
  'md.not-linked': 'not linked',
  'md.overall': 'overall {percent}',
  'md.crawl': (v) => `${n(v.fetched, 'page')} fetched, ${w(v.rendered)} rendered, ${n(v.documents, 'document')} read; `
    + `${w(v.robots)} blocked by robots.txt, ${n(v.errors, 'error')}; ${w(v.stopped)}.`,
  'md.no-browser': 'Browser rendering unavailable: {why}.',

  // ---- the terminal summary ----
  'terminal.head': '{homepage} as of {asOf}:',
  'terminal.title.informational': '{title} (info)',
  'terminal.label.practice': 'Practice page:',
  'terminal.label.case-studies': 'Case studies:',
  'terminal.label.thought-leadership': 'Thought leadership:',
  'terminal.label.crawl': 'Crawl:',
  'terminal.label.valid-until': 'Valid until:',
  'terminal.valid-until': '{until} ({check}, {why})',
  'terminal.practice.none': 'none found',
  'terminal.practice.linked': (v) => `${w(v.page)} (${n(v.count, 'click')} from the homepage)`,
  'terminal.practice.unlinked': '{page} (not linked from the homepage)',
  'terminal.case-studies': '{counted} retail AWS ({reachable} reachable) of {found} found',
  'terminal.thought-leadership': (v) => `${n(v.count, 'retail item')}, ${w(v.recent)} in the last ${w(v.months)} months${v.newest ? `, newest ${w(v.newest)}` : ''}`,
  'terminal.crawl': (v) => {
    const extras = [
      v.rendered ? `${w(v.rendered)} rendered` : '', v.documents ? n(v.documents, 'PDF') : '',
      v.errors ? n(v.errors, 'error') : '', v.robots ? `${w(v.robots)} blocked by robots.txt` : '',
      v.stopped ? w(v.stopped) : '', v.browser ? `no browser: ${w(v.browser)}` : '',
    ].filter(Boolean);
    return `${n(v.pages, 'page')}${extras.length ? ` (${extras.join(', ')})` : ''} in ${w(v.seconds, 'fixed1')} s`;
  },

  // ---- vocabularies ----
  'label.kind.blog': 'Blog post',
  'label.kind.news': 'News',
  'label.kind.video': 'Video',
  'label.kind.event': 'Event / webinar',
  'label.kind.whitepaper': 'Whitepaper',
  'label.kind.other': 'Other',
  'label.delivery.msp': 'MSP',
  'label.delivery.project': 'Project',
  'label.delivery.unknown': 'Unknown',
  'label.format.html': 'HTML',
  'label.format.pdf': 'PDF',
  'label.retail-verdict.retail': 'retail',
  'label.retail-verdict.borderline': 'borderline retail',
  'label.retail-verdict.not-retail': 'not retail',
  'element.case-study.customerName': 'Customer name',
  'element.case-study.customerWebsite': "Customer's website",
  'element.case-study.problem': 'Problem statement',
  'element.case-study.solution': 'How the partner solved it',
  'element.case-study.awsServices': 'How AWS services were used',
  'element.case-study.retailDomainKnowledge': 'Retail domain knowledge applied',
  'element.case-study.thirdParty': 'Third-party applications',
  'element.case-study.completedWithin18Months': 'Completed within the case-study window',
  'element.case-study.results': 'Results and outcomes',
  'element.case-study.compliance': 'Compliance requirements',
  'element.practice.retailPractice': 'Describes the AWS retail practice',
  'element.practice.awsSolutions': 'AWS solutions',
  'element.practice.useCases': 'Retail use cases',
  'element.practice.technicalSolutions': 'Technical solutions',
  'element.practice.caseStudyLinks': 'Links to customer case studies',

  // ---- the checks: titles and what each needs (the checklist's own items; ids stay as they are) ----
  'check.P2.1.title': 'Case-study elements',
  'check.P2.1.requirement': 'case-study elements, per public case study',
  'check.P2.2.1.title': 'Public retail AWS case studies',
  'check.P2.2.1.requirement': 'at least {needs} public retail AWS case studies (HTML pages or PDFs)',
  'check.P2.2.2.title': 'Case studies reachable from the homepage',
  'check.P2.2.2.requirement': 'at least {needs} of them reachable by links from the homepage',
  'check.P2.3.title': 'Delivery category (MSP or project)',
  'check.P2.3.requirement': 'delivery category, MSP or project, per case study',
  'check.P3.1.title': 'Retail practice microsite',
  'check.P3.1.requirement': 'a retail practice page reachable from the homepage (the homepage only counts for a dedicated retail consultancy)',
  'check.P3.2.title': 'Recent retail thought leadership',
  'check.P3.2.requirement': 'retail thought leadership published within {months} months of --as-of',
  'check.informational': '(informational)',

  // ---- how long a passing check keeps passing on its own (the evidence unchanged, only the date moving) ----
  'validity.P3.2': (v) => `when ${newestRank(v.rank)} retail item (published ${w(v.published)}) turns ${w(v.months)} months old`,
  'validity.P2.1': (v) => `when ${newestRank(v.rank)} complete case study (published ${w(v.published)}) leaves the ${w(v.months)}-month window`,
  'validity.check': 'Passes until {until}, {why}.',
  'validity.report': 'Web presence valid until {until}: {check} stops passing then, {why}.',
  'validity.report.not-passing': 'Of the checks that pass, {check} is the first to stop: on {until}, {why}.',
  'field.inWindowUntil': 'In the window until',

  // ---- vocabularies read from the evidence ----
  'label.area.customer-engagement': 'Customer engagement',
  'label.area.merchandising-planning': 'Merchandising & planning',
  'label.area.supply-chain-distribution': 'Supply chain & distribution',
  'label.area.stores': 'Stores (physical, digital, virtual)',
  'label.area.retail-data-science': 'Retail data science',
  'label.area.business-applications': 'Core retail business apps',
  'label.industry.healthcare': 'healthcare',
  'label.industry.financial services': 'financial services',
  'label.industry.manufacturing': 'manufacturing',
  'label.industry.public sector': 'public sector',
  'label.industry.education': 'education',
  'label.industry.energy and utilities': 'energy and utilities',
  'label.industry.telecommunications and media': 'telecommunications and media',
  'label.industry.automotive': 'automotive',
  'label.industry.high tech': 'high tech',
  'label.blocked-by.bot-protection': 'bot protection',
  'label.budget.max-pages': 'the page limit stopped the crawl first',
  'label.budget.time-budget': 'the time budget ran out first',
  'label.found-via.link': 'a link',
  'label.found-via.sitemap': 'sitemap.xml',
  'label.found-via.redirect': 'a redirect',
  'label.found-via.start': 'the start address',
  'label.date-source.json-ld': 'structured data',
  'label.date-source.meta': 'page metadata',
  'label.date-source.time': 'a date element in the page',
  'label.date-source.url': 'the page address',
  'label.date-source.text': 'the page text',
  'label.date-source.pdf': 'the PDF document',
  'label.date-source.header': 'the HTTP Last-Modified header',
  'date-rule.time:published': 'the page’s published-date element',
  'date-rule.microdata:datePublished': 'the page’s microdata publish date',
  'date-rule.time:modified': 'the page’s updated-date element',
  'date-rule.time:near-title': 'a date element next to the title',
  'date-rule.url:path-date': 'the date in the page address',
  'date-rule.url:canonical-date': 'the date in the canonical address',
  'date-rule.url:og-url-date': 'the date in the shared-link address',
  'date-rule.url:year-month': 'the year and month in the page address',
  'date-rule.text:published-label': 'a “published” label in the text',
  'date-rule.text:updated-label': 'an “updated” label in the text',
  'date-rule.text:date-element': 'a date line in the text',
  'date-rule.text:near-title': 'the date nearest the title',
  'date-rule.text:nearest-in-body': 'the nearest date in the text',
  'date-rule.pdf:CreationDate': 'the PDF’s creation date',
  'date-rule.pdf:ModDate': 'the PDF’s modification date',
  'date-rule.pdf:first-page-text': 'a date on the PDF’s first page',
  'date-rule.pdf:first-page-month': 'a month on the PDF’s first page',
  'report.page.pdf': 'PDF document',
  'report.error': 'error: {error}',

  // ---- a batch: the terminal table, summary.csv and index.html ----
  'batch.status.pass': 'pass',
  'batch.status.fail': 'fail',
  'batch.status.review': 'review',
  'batch.status.error': 'error',
  'batch.status.not audited': 'not audited',
  'batch.first-run': 'first run',
  'batch.no-change': 'no change since run {run:id}',
  'batch.change': '{check} {from} → {to}',
  'batch.failed': 'failed',
  'batch.not-audited-yet': 'not audited yet (the run was interrupted; continue it with --resume)',
  'batch.table.id': 'id',
  'batch.table.changes': 'changes / error',
  'batch.heading.run': 'Run {run:id}, as of {asOf}',
  'batch.heading.report': 'Run {run:id} (crawled {crawled}), re-evaluated as of {asOf}',
  'batch.wrote': 'Wrote {index}, {csv} and {reports}/',
  'csv.id': 'id',
  'csv.name': 'name',
  'csv.homepage': 'homepage',
  'csv.verdict': 'verdict',
  'csv.case_studies_found': 'case_studies_found',
  'csv.case_studies_reachable': 'case_studies_reachable',
  'csv.newest_retail_thought_leadership': 'newest_retail_thought_leadership',
  'csv.valid_until': 'valid_until',
  'csv.practice_page': 'practice_page',
  'csv.pages_crawled': 'pages_crawled',
  'csv.error': 'error',
  'csv.changes_since_previous_run': 'changes_since_previous_run',
  'csv.notes': 'notes',
  'index.title': 'Partner presence: batch run {run:id}, as of {asOf}',
  'index.default-title': 'Partner web presence: batch results',
  'index.partners': { one: '{count} partner', other: '{count} partners' },
  'index.count.pass': '{count} pass',
  'index.count.fail': '{count} fail',
  'index.count.review': '{count} review',
  'index.count.error': '{count} error',
  'index.changed': '{count} changed since the previous run',
  'index.generated': 'generated {at:datetime}',
  'index.filter': 'Filter',
  'index.filter.placeholder': 'name, id, URL, error…',
  'index.show': 'Show',
  'index.show.all': 'all partners',
  'index.show.fail': 'verdict: fail',
  'index.show.review': 'verdict: review',
  'index.show.pass': 'verdict: pass',
  'index.show.error': 'audit error',
  'index.show.changed': 'changed since previous run',
  'index.shown': '{shown} of {total} partners shown',
  'index.column.partner': 'Partner',
  'index.column.partner.title': 'Name, id, homepage and, when the audit failed, why',
  'index.column.verdict': 'Verdict',
  'index.column.verdict.title': 'Sorted fail, review, pass',
  'index.column.check.title': '{check} status; sorted fail, review, pass',
  'index.column.case-studies': 'Case studies',
  'index.column.case-studies.title': 'Retail case studies on AWS found (the P2.2.1 count)',
  'index.column.linked': 'Linked',
  'index.column.linked.title': 'Of those, reachable by links from the homepage',
  'index.column.newest': 'Newest retail TL',
  'index.column.newest.title': 'Publish date of the newest retail thought-leadership item',
  'index.column.valid-until': 'Valid until',
  'index.column.valid-until.title': 'The last audit date on which every passing check still passes on its own',
  'index.column.practice': 'Practice page',
  'index.column.pages': 'Pages',
  'index.column.pages.title': 'Pages crawled',
  'index.column.report': 'Report',
  'index.none-dated': 'none dated',
  'index.none': 'none',
  'index.report': 'report',
  'index.changed-marker': 'changed since the previous run',
  'index.empty': 'No partners in this batch.',
  'index.legend': 'Click a column header to sort (again to reverse). “pass → fail” marks a check whose status changed since the previous run.',

  // ---- npm run demo ----
  'demo.serving': 'Demo partner site served on 127.0.0.1:{port:id}; auditing {url}',
  'demo.serving.as-of': 'Demo partner site served on 127.0.0.1:{port:id}; auditing {url} as of {asOf}',
  'demo.wrote': 'Wrote {files}',
  'cli.wrote': 'wrote the {format} report to {file}',
  'cli.auditing': 'auditing {url}',
  'cli.progress': (v) => `crawling: ${w(v.fetched)} pages fetched${v.rendered ? `, ${w(v.rendered)} rendered` : ''}, ${w(v.queued)} queued`,
  'cli.interrupted': 'interrupted: finishing the report with the pages read so far (Ctrl-C again quits)',

  // ---- reasons: why a rule decided, by rule id ----
  'reason.borderline-retail': 'borderline retail ({retail})',
  'reason.not-retail': 'not retail ({retail})',
  'reason.other-industry': 'the story files its customer under another industry ({industry})',
  'reason.not-aws': 'not AWS ({aws})',
  'reason.generic-it': (v) => {
    const general: string = list(v.general).length ? `; general IT: ${w(list(v.general).slice(0, 4))}` : '';
    return `a retail customer, but the story shows little retail line-of-business work (retail-specific: ${w(v.specific) || 'none'}${general}): a generic IT project?`;
  },
  'reason.not-a-story': 'reads little like a customer story (shows {shown} of customer, problem, solution, results)',
  'reason.no-customer': 'names no customer, not even an anonymised one ("a large retailer"): a how-to rather than a customer story',
  'reason.announcement': (v) => `announces a project not yet delivered, with no results ("${list(v.phrases).slice(0, 3).map((p) => w(p)).join('", "')}")`,
  'reason.same-customer': (v) => `same customer as ${w(v.url)}${v.customer ? ` (${w(v.customer)})` : ''}: the checklist counts unique customers`,
  'reason.aws.services-beside-other-cloud': 'AWS services {services} alongside {clouds}',
  'reason.aws.other-cloud': (v) => `primarily ${w(v.clouds)}${list(v.services).length ? ` (only ${w(v.services)} from AWS)` : ''}`,
  'reason.aws.services': 'AWS services: {services}',
  'reason.aws.mention': 'mentions AWS but names no AWS service',
  'reason.aws.none': 'no AWS service or mention found',
  'reason.unread.blocked': 'blocked by {by}',
  'reason.unread.error': '{error}',
  'reason.unread.needs-rendering': (v) => `needs JavaScript rendering (${w(v.why)}) but was read without it${v.browser ? `: ${w(v.browser)}` : ''}`,
  'reason.unread.robots': (v) => `blocked by robots.txt${v.detail ? ` (${w(v.detail)})` : ''}`,
  'reason.unread.budget': 'not fetched: {limit}',
  'reason.set-aside.holds-nothing-checked': 'its address or link names a job ad or a legal page, which no check reads',
  'reason.set-aside.archive': 'its address is a tag, author, category or archive page, or page n of a listing: it lists items found elsewhere',
  'reason.set-aside.other-industry': 'its address files it under another industry and names no retail topic',
  'reason.set-aside.no-retail-focus': 'none of the pages read shows retail work, and its address and link name no retail topic',
  'reason.set-aside.no-aws': 'none of the pages read mentions AWS, and its address and link do not either',
  'reason.set-aside.not-linked': 'only the sitemap lists it, and every page found by links that could lead to it was read: no link from the homepage reaches it',
  'reason.practice.retail': '{retail}',
  'reason.practice.aws.services': (v) => `names ${w(list(v.services).slice(0, 6))}`,
  'reason.practice.aws.mention': 'mentions AWS, names no service',
  'reason.practice.aws.only-in-study-links': 'AWS named only in the titles of linked case studies',
  'reason.practice.aws.none': 'no AWS mention',
  'reason.practice.use-cases': (v) => `covers ${w(v.count)} of ${w(v.of)} retail areas${list(v.areas).length ? ` (${list(v.areas).map((a) => lowerFirst(w(a))).join(', ')})` : ''}; needs ${w(v.needs)}`,
  'reason.practice.technical': '{count} AWS services named outside case-study links; needs {needs}',
  'reason.practice.links': (v) => `links to ${w(list(v.urls).slice(0, 3))}`,
  'reason.practice.links.none': 'no link to a case study',
  'reason.practice.dedicated.unreadable': 'homepage could not be read',
  'reason.practice.dedicated': (v) => `homepage ${w(v.home)}; ${w(v.retailPages)} of ${w(v.total)} ${v.offerings ? 'industry/solution pages' : 'pages'} about retail `
    + `(${w(v.share, 'percent')}, needs ${w(v.needs, 'percent')})${v.industries ? `; homepage also names ${w(v.industries)}` : ''}`,
  'signal.classified-practice': 'reads as a practice or solution page',
  'signal.names-retail': 'names retail in its address or title',

  // ---- what every check may say ----
  'unread.sentence': (v) => `${n(v.count, 'page')} that may matter could not be read (${w(v.shown)}${more(v.more)})`,
  'off-site.sentence': (v) => `the site links to customer stories on ${w(v.hosts)} (${w(v.shown)}${more(v.more)}), another domain the audit does not read`,
  'outcome.unread': '{found}, but {unread}',
  'outcome.off-site': '{found}, but {offSite}',
  'outcome.no-study': 'No public retail AWS case study to {toWhat}',
  'outcome.no-study.unread': 'No retail AWS case study to {toWhat}, and {unread}',
  'outcome.no-study.off-site': 'No retail AWS case study on the site to {toWhat}, but {offSite}',
  'outcome.check-error': 'The check could not run: {error}',
  'advice.check-error': 'This is a defect in partner-presence, not in the site: review this item by hand and report the error.',
  'advice.unread': 'Check the pages that could not be read (allow them in robots.txt, fix the errors, lift the bot protection for the audit, '
    + 'or raise --max-pages / --time-budget when the budget stopped the crawl), then audit again.',
  'advice.off-site-stories': "The linked customer stories are on another domain (a group site, or AWS's own case-study pages): confirm it belongs "
    + "to the partner or tells the partner's customer's story, and read the stories there; or publish the retail AWS case studies on the partner's own site.",

  // ---- findings (the English evidence[].note of schemaVersion 1) ----
  'note.unread': 'could not be read: {reason}',
  'note.set-aside': 'not read ({reason}) and not needed for this check: {setAsideBy}',
  'note.off-site-stories': 'customer stories on another domain, linked from {from} ("{text}"): not read',
  'note.off-site-thought-leadership': 'thought leadership on another site, linked from {from} ("{text}"): not read, publish date and topic unknown',
  'note.case-study': (v) => [
    v.notCounted ? `not counted: ${w(v.notCounted)}` : 'counted', w(v.format), w(v.retail), w(v.aws),
    ...(v.customer ? [`customer ${w(v.customer)}`] : []), ...(v.attachments ? [`with PDF ${w(v.attachments)}`] : []),
    v.published ? `published ${w(v.published)}` : 'no publish date',
  ].join('; '),
  'note.reach': '{reach}',
  'note.too-close': 'too close to call: {notCounted}',
  'note.case-study-elements': (v) => `has: ${elementNames(v.elements, true)}; missing: ${elementNames(v.elements, false)}`
    + `${v.compliance ? `; compliance: ${w(v.compliance)}` : ''}${v.anonymized ? '; customer anonymised' : ''}; ${w(v.completion)}`,
  'note.delivery': (v) => {
    const signals = [list(v.msp).length ? `MSP signals: ${w(v.msp)}` : '', list(v.project).length ? `project signals: ${w(v.project)}` : ''].filter(Boolean).join('; ');
    return `${w(v.delivery)}${signals ? ` (${signals})` : ' (no delivery signals)'}`;
  },
  'note.practice-candidate': (v) => {
    const signals = list(v.signals).length ? ` (${w(v.signals, 'semicolons')})` : '';
    const { set, elements } = v.elements as unknown as ElementsValue;
    const shown = elements.map((e) => `${lowerFirst(messageText('en', `element.${set}.${e.id}`))}: ${e.present ? 'yes' : 'no'}`
      + `${e.reason ? ` (${w({ type: 'reasons', reasons: [e.reason] })})` : ''}`).join('; ');
    return `${w(v.role)}${v.homepage ? ' (the homepage)' : ''}${signals}: ${shown}`;
  },
  'note.thought-leadership': (v) => {
    const published = v.published as { date: string } | null;
    const modified = v.modified as { date: string } | null;
    let date: string;
    if (!published) date = `no publish date found${modified ? ` (updated ${w(v.modified)} is not a publish date)` : ''}`;
    else {
      const window = (v.window as { id: string }).id;
      const where = window === 'within' ? 'within' : window === 'after' ? 'after the audit date, outside' : 'outside';
      date = `published ${w(v.published)}, ${where} the ${w(v.months)}-month window${v.inWindowUntil ? ` until ${w(v.inWindowUntil)}` : ''}`;
      if (modified && modified.date > published.date) date += ` (updated ${modified.date}, which does not count)`;
    }
    return `${w(v.kind)}; ${w(v.verdict)} (${w(v.retail)}); ${date}`;
  },

  // ---- P2.1 ----
  'P2.1.to-what': 'read the elements from',
  'P2.1.summary': (v) => `Every required element shown by ${w(v.complete)} of ${n(v.count, 'public case study', 'public case studies')} (needs ${w(v.needs)}); `
    + `compliance requirements stated by ${w(v.withCompliance)} (needs ${w(v.needsCompliance)})`,
  'P2.1.completion.none': 'no publish date found, so completion within the window is not shown',
  'P2.1.completion.within': 'published {published}, within {months} months of {asOf:date}: inside the {months}-month window until {until:date}',
  'P2.1.completion.outside': 'published {published}, more than {months} months before {asOf:date}',
  'P2.1.advice.publish': 'Publish retail AWS case studies that name the customer, the problem, the solution, the AWS services, the results and the compliance requirements.',
  'P2.1.advice.gaps': (v) => `Add to the case studies what they leave out: ${elementNames(v.elements, false)}.`,
  'P2.1.advice.compliance': "State the customer's compliance requirements (e.g. PCI DSS, GDPR, 個資法) in at least {needs} studies.",

  // ---- P2.2.1 ----
  'P2.2.1.found': { one: '{count} retail AWS case study found (needs {needs})', other: '{count} retail AWS case studies found (needs {needs})' },
  'P2.2.1.pass': (v) => `${w(v.found)}; ${n(v.others, 'other case study', 'other case studies')} not counted`,
  'P2.2.1.too-close': (v) => `${w(v.found)}; ${n(v.count, 'more AWS case study', 'more AWS case studies')} too close to call (${w(v.reasons, 'semicolons')})`,
  'P2.2.1.advice.too-close': 'Check the case studies too close to call: say plainly that the customer is a retailer and the project a retail one, '
    + 'and tell the story (customer, problem, solution, results).',
  'P2.2.1.advice.publish': 'Publish at least {needs} public case studies of completed retail projects on AWS (HTML or PDF), naming the customer and the AWS services used.',
  'P2.2.1.advice.name-aws': (v) => `${n(v.count, 'retail case study', 'retail case studies')} found do not show AWS: name the AWS services if they ran on AWS.`,

  // ---- P2.2.2 ----
  'P2.2.2.found': (v) => `${w(v.reachable)} of ${n(v.count, 'retail AWS case study', 'retail AWS case studies')} reachable by links from the homepage (needs ${w(v.needs)})`,
  'P2.2.2.too-close': (v) => `${w(v.found)}; ${n(v.count, 'reachable AWS case study', 'reachable AWS case studies')} too close to call`,
  'P2.2.2.advice.too-close': 'Check the case studies too close to call (see P2.2.1); if they are retail customer stories, say so plainly.',
  'P2.2.2.not-linked': '{found}; not linked: {urls}',
  'P2.2.2.advice.link': 'Link {urls} from the homepage (main navigation or a case-study index linked from it).',
  'P2.2.2.advice.publish': 'Publish retail AWS case studies and link them from the homepage (main navigation or a case-study index).',

  // ---- P2.3 ----
  'P2.3.to-what': 'categorise',
  'P2.3.summary': '{categorised} of {count} case studies suggest a category ({msp} MSP, {project} project)',
  'P2.3.advice.publish': 'Publish retail AWS case studies that say whether you run the workload for the customer (MSP) or delivered a project.',
  'P2.3.advice.say': 'Say in each case study how it is delivered: ongoing managed operations (MSP) or a delivered project handed over to the customer.',

  // ---- P3.1 ----
  'P3.1.role.practice-page': 'practice page',
  'P3.1.role.other-candidate': 'other candidate',
  'P3.1.found': (v) => `Practice page ${w(v.where)}, ${n(v.count, 'click')} from the homepage; covers ${w(v.present)} of ${w(v.total)} elements`
    + `${(v.missing as unknown as ElementsValue).elements.length ? ` (missing ${elementNames(v.missing, false)})` : ''}`,
  'P3.1.where.homepage': 'the homepage (a dedicated retail consultancy: {dedicated})',
  'P3.1.thin': '{found}: too thin to call a practice microsite without a look',
  'P3.1.advice.extend': (v) => `Extend ${w(v.url)} to cover ${elementNames(v.missing, false)}: AWS retail use cases, the technical solutions and AWS services used, `
    + 'and links to the retail case studies.',
  'P3.1.none-reachable': 'No reachable retail practice page found',
  'P3.1.not-linked': (v) => `The retail practice page ${w(v.url)} ${v.sitemapOnly ? 'is listed only in sitemap.xml' : 'is not linked from any page reachable from the homepage'}`,
  'P3.1.advice.link': 'Link {url} from the homepage, ideally from the main navigation (e.g. Industries › Retail).',
  'P3.1.stub': 'The retail page {url} is a stub ({words} words): it names retail and AWS but no AWS service, retail use case or case study',
  'P3.1.advice.stub': 'Turn {url} into a retail practice page: the AWS retail practice and team, the AWS solutions and services used, retail use cases, '
    + 'and links to the retail case studies.',
  'P3.1.borderline': 'The best practice-page candidate {url} has a borderline retail score',
  'P3.1.advice.borderline': 'Check whether {url} is the retail practice page; if so, make its retail focus explicit.',
  'P3.1.no-aws-practice': 'The retail page {url} does not present an AWS practice ({aws})',
  'P3.1.advice.describe': 'Describe the AWS retail practice on {url}: the AWS solutions and services used, competency use cases and links to AWS case studies.',
  'P3.1.homepage-only': 'Only the homepage speaks to AWS retail, and it is not accepted: the partner is not a dedicated retail consultancy ({dedicated})',
  'P3.1.advice.create-nav': 'Create a retail practice page (e.g. /industries/retail) describing the AWS retail practice, solutions, use cases and case studies, '
    + 'and link it from the main navigation.',
  'P3.1.none': 'No retail practice page found',
  'P3.1.advice.create': 'Create a retail practice page describing the AWS retail practice, solutions, use cases and case studies, and link it from the homepage navigation.',

  // ---- P3.2 ----
  'P3.2.counts': (v) => `${n(v.count, 'retail item')} published since ${w(v.since)} (needs ${w(v.needs)}); ${n(v.all, 'retail item')} in all, ${w(v.undated)} undated`,
  'P3.2.pass': '{counts}; newest {newest}',
  'P3.2.inferred': '{counts}, but every recent date is inferred ({date}): confirm it on the page',
  'P3.2.borderline': (v) => `${w(v.counts)}; ${n(v.count, 'recent item')} with a borderline retail score needs a look`,
  'P3.2.advice.borderline': 'Check whether the borderline recent items are about retail; if so, make the retail focus explicit in their titles and text.',
  'P3.2.off-site': (v) => `${w(v.counts)}, but the site links to ${n(v.count, 'post, recording or event', 'posts, recordings or events')} on ${w(v.hosts)}, `
    + `which the audit does not read: check them for retail material published since ${w(v.since)}`,
  'P3.2.advice.off-site': 'Open the linked posts and recordings and confirm at least one is about retail and was published in the past {months} months; '
    + 'to make it visible to an audit, also publish retail posts and webinar pages on your own site with a publish date.',
  'P3.2.undated-only': '{counts}: no retail item has a findable publish date',
  'P3.2.undated-may-be-recent': (v) => `${w(v.counts)}: no dated retail item is recent, but ${n(v.count, 'retail item')} without a findable publish date `
    + `(${w(v.shown)}${v.more ? ' …' : ''}) may be`,
  'P3.2.advice.add-dates': 'Show a publish date on every post (visible byline and datePublished / article:published_time metadata).',
  'P3.2.advice.publish': 'Publish retail thought leadership (blog posts, news, webinars, workshops, videos) at least once every {months} months.',
  'P3.2.none': 'No retail thought leadership found ({items} posts and other items in all)',
  'P3.2.future': (v) => `${w(v.counts)}; ${n(v.count, 'retail item')} dated after the audit date ${w(v.asOf)} (${w(v.items)}): `
    + "an upcoming event's date or a wrong date, not when it was published",
  'P3.2.future-item': '{url} {date}',
  'P3.2.old': '{counts}; the newest retail item was published {newest}',
  'P3.2.advice.updates-do-not-count': (v) => `Updating older posts does not count: ${n(v.count, 'retail item')} updated recently `
    + `${word(v.count, 'was', 'were')} first published before ${w(v.since)}.`,
} satisfies Record<string, Template>;

export type MessageId = keyof typeof catalog;
export const en: Readonly<Record<MessageId, Template>> = catalog;
export type { MessageValues };
