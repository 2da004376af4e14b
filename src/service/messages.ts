// The words of the service's own pages, one catalog per language (the reports' words are the report
// renderers'). A language added to lang.ts LANGUAGES must add its catalog here: the type makes every
// key required.

import type { Lang } from './lang.ts';
import type { CheckId, CheckStatus } from '../types.ts';

export interface Messages {
  serviceName: string;
  skipToContent: string;
  navSelfCheck: string;
  navConsole: string;
  selfCheckTitle: string;
  selfCheckLead: string;
  homepageLabel: string;
  homepageHint: string;
  asOfLabel: string;
  asOfHint: string;
  submit: string;
  whatIsChecked: string;
  /** One line per checklist item, in plain words. */
  itemLines: Record<CheckId, string>;
  informational: string;
  howItWorks: (limits: { maxPages: number; minutes: number }) => string;
  checking: (host: string) => string;
  auditDate: (asOf: string) => string;
  queued: (position: number | null) => string;
  running: string;
  done: string;
  failed: (error: string) => string;
  pagesRead: string;
  lastPageRead: string;
  noPageYet: string;
  checksHeading: string;
  checksPending: string;
  shareLink: string;
  refreshHint: string;
  refresh: string;
  downloads: string;
  reportJson: string;
  reportMarkdown: string;
  reportHtml: string;
  changesHeading: string;
  firstAudit: string;
  noChange: (date: string) => string;
  changedSince: (date: string) => string;
  previousAudit: string;
  status: Record<CheckStatus | 'error' | 'not audited', string>;
  tryAgainLater: string;
  rateLimitedTitle: string;
  rateLimited: (minutes: number, at: string) => string;
  notFoundTitle: string;
  notFound: string;
  badRequestTitle: string;
  forbiddenTitle: string;
  crossOrigin: string;
  adminLoginTitle: string;
  adminTokenLabel: string;
  adminLogin: string;
  adminWrongToken: string;
  adminOff: string;
  adminLogout: string;
  consoleTitle: string;
  uploadHeading: string;
  uploadLead: string;
  listLabel: string;
  listHint: string;
  upload: string;
  pastRuns: string;
  noRuns: string;
  runLine: (r: { id: number; file: string; started: string; total: number; done: number; failed: number }) => string;
  batchTitle: (id: number, file: string) => string;
  batchProgress: (c: { finished: number; failed: number; running: number; queued: number; total: number }) => string;
  skippedRows: string;
  line: string;
  problem: string;
  nowAuditing: string;
  resultsHeading: string;
  partnerReportTitle: (name: string) => string;
  backToBatch: string;
}

const ITEM_LINES_EN: Record<CheckId, string> = {
  'P2.1': 'Your case studies name the customer and show the problem, your solution, the AWS services used, the results and any compliance needs.',
  'P2.2.1': 'At least two public case studies of retail customers served on AWS (web pages or PDFs).',
  'P2.2.2': 'At least two of those case studies can be reached by following links from your homepage.',
  'P2.3': 'Each case study shows how you delivered it: as a managed service (MSP) or as a project.',
  'P3.1': 'A page about your AWS retail practice, linked from your homepage.',
  'P3.2': 'Retail blog posts, news, videos, webinars or whitepapers published in the last 12 months.',
};

const EN: Messages = {
  serviceName: 'partner-presence',
  skipToContent: 'Skip to the content',
  navSelfCheck: 'Self-check',
  navConsole: 'Program managers',
  selfCheckTitle: 'Check your retail web presence before you apply',
  selfCheckLead:
    'Enter your company’s homepage. We read your public website the way an AWS Partner program manager would and tell you, with evidence, which web-presence items of the AWS Retail Competency checklist it meets.',
  homepageLabel: 'Your company’s homepage',
  homepageHint: 'For example www.example.com or https://www.example.com.tw/',
  asOfLabel: 'Audit date (optional)',
  asOfHint: 'The day the 12- and 18-month windows are counted back from. Leave empty for today.',
  submit: 'Check my site',
  whatIsChecked: 'What is checked',
  itemLines: ITEM_LINES_EN,
  informational: 'for information',
  howItWorks: ({ maxPages, minutes }) =>
    `We read at most ${maxPages} public pages of your site, politely and as robots.txt allows, for at most ${minutes} minutes. Anyone with the link to your results can see them.`,
  checking: (host) => `Checking ${host}`,
  auditDate: (asOf) => `Audit date ${asOf}`,
  queued: (position) => (position === null ? 'Waiting to start.' : `Waiting to start: number ${position} in line.`),
  running: 'Reading the site…',
  done: 'Finished.',
  failed: (error) => `The audit could not finish: ${error}`,
  pagesRead: 'Pages read',
  lastPageRead: 'Last page read',
  noPageYet: 'none yet',
  checksHeading: 'Checks',
  checksPending: 'Each check is shown here as soon as it is decided, once the site has been read.',
  shareLink: 'Share this page: its address shows these results to anyone who has it.',
  refreshHint: 'This page updates itself. Without JavaScript, it reloads every 10 seconds.',
  refresh: 'Reload now',
  downloads: 'This report as',
  reportJson: 'JSON',
  reportMarkdown: 'Markdown',
  reportHtml: 'a single HTML file',
  changesHeading: 'What changed since the previous audit of this site',
  firstAudit: 'This is the first audit of this site here.',
  noChange: (date) => `No check changed since the audit of ${date}.`,
  changedSince: (date) => `Changed since the audit of ${date}:`,
  previousAudit: 'the previous audit',
  status: { pass: 'pass', fail: 'fail', review: 'review', error: 'error', 'not audited': 'not audited' },
  tryAgainLater: 'Check another site',
  rateLimitedTitle: 'Too many audits from your address',
  rateLimited: (minutes, at) =>
    `Your address has started as many audits as it may for now. You can start another in about ${minutes} minute${minutes === 1 ? '' : 's'} (at ${at} UTC). Audits already started go on.`,
  notFoundTitle: 'Not found',
  notFound: 'There is nothing at this address. An audit’s address is the one shown when it was started.',
  badRequestTitle: 'That did not work',
  forbiddenTitle: 'Refused',
  crossOrigin: 'This form can only be sent from this service’s own pages.',
  adminLoginTitle: 'Program managers: sign in',
  adminTokenLabel: 'Access token',
  adminLogin: 'Sign in',
  adminWrongToken: 'That token is not right.',
  adminOff: 'The program managers’ console is switched off on this server (start it with --admin-token).',
  adminLogout: 'Sign out',
  consoleTitle: 'Program managers’ console',
  uploadHeading: 'Audit an applicant list',
  uploadLead:
    'CSV with a header row (name, homepage; optional id, notes and any other columns), a JSON array or JSON Lines, as the batch command reads them. Rows that cannot be audited are listed with their line numbers.',
  listLabel: 'Applicant list',
  listHint: 'A .csv, .json or .jsonl file.',
  upload: 'Start the audits',
  pastRuns: 'Runs',
  noRuns: 'No list has been uploaded yet.',
  runLine: (r) => `Run ${r.id}: ${r.file}, started ${r.started}, ${r.done} of ${r.total} audited${r.failed ? `, ${r.failed} could not be` : ''}`,
  batchTitle: (id, file) => `Run ${id}: ${file}`,
  batchProgress: (c) => `${c.finished} of ${c.total} partners finished (${c.failed} could not be audited), ${c.running} running, ${c.queued} waiting.`,
  skippedRows: 'Rows skipped',
  line: 'Line',
  problem: 'Problem',
  nowAuditing: 'Being audited now',
  resultsHeading: 'Results',
  partnerReportTitle: (name) => `Report: ${name}`,
  backToBatch: 'Back to the run',
};

const CATALOGS: Record<Lang, Messages> = { en: EN };

export function messages(lang: Lang): Messages {
  return CATALOGS[lang];
}
