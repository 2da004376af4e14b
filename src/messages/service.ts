// The words of the web service's own pages (src/service/pages.ts), one catalog per language; the
// reports' words are in en.ts and zh-TW.ts. Every language of LANGS has a catalog here: the type makes
// every key required. Functions fill in numbers (through Intl, as the language writes them) and dates the
// page knows; the live script fills in the {names} the page passes for the numbers of its data-text-*
// templates, so each translation keeps them.

import type { Lang } from './index.ts';
import { formatDate, formatValue, pluralForm } from './index.ts';
import type { CheckId, CheckStatus } from '../types.ts';

export interface Messages {
  serviceName: string;
  /** The language's name in itself, for the language switch. */
  languageName: string;
  languageSwitch: string;
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
  /** A number, or the {name} the live script replaces with one. */
  queued: (position: number | string | null) => string;
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
  /** Between the download links, and after the last: ", " and ". " in English, 、 and 。 in Chinese. */
  listSeparator: string;
  fullStop: string;
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
  batchProgress: (c: Record<'finished' | 'failed' | 'running' | 'queued' | 'total', number | string>) => string;
  skippedRows: string;
  line: string;
  problem: string;
  nowAuditing: string;
  resultsHeading: string;
  partnerReportTitle: (name: string) => string;
  backToBatch: string;
}

/** A number in English, or a {name} for the live script kept as it is. */
const en = (value: number | string): string => formatValue('en', value);
/** A number in Traditional Chinese, or a {name} for the live script kept as it is. */
const zh = (value: number | string): string => formatValue('zh-TW', value);

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
  languageName: 'English',
  languageSwitch: 'Language',
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
    `We read at most ${en(maxPages)} public pages of your site, politely and as robots.txt allows, for at most ${en(minutes)} ${pluralForm('en', minutes) === 'one' ? 'minute' : 'minutes'}. Anyone with the link to your results can see them.`,
  checking: (host) => `Checking ${host}`,
  auditDate: (asOf) => `Audit date ${asOf}`,
  queued: (position) => (position === null ? 'Waiting to start.' : `Waiting to start: number ${en(position)} in line.`),
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
  listSeparator: ', ',
  fullStop: '. ',
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
    `Your address has started as many audits as it may for now. You can start another in about ${en(minutes)} ${pluralForm('en', minutes) === 'one' ? 'minute' : 'minutes'} (at ${at} UTC). Audits already started go on.`,
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
  runLine: (r) => `Run ${r.id}: ${r.file}, started ${r.started}, ${en(r.done)} of ${en(r.total)} audited${r.failed ? `, ${en(r.failed)} could not be` : ''}`,
  batchTitle: (id, file) => `Run ${id}: ${file}`,
  batchProgress: (c) => `${en(c.finished)} of ${en(c.total)} partners finished (${en(c.failed)} could not be audited), ${en(c.running)} running, ${en(c.queued)} waiting.`,
  skippedRows: 'Rows skipped',
  line: 'Line',
  problem: 'Problem',
  nowAuditing: 'Being audited now',
  resultsHeading: 'Results',
  partnerReportTitle: (name) => `Report: ${name}`,
  backToBatch: 'Back to the run',
};

const ITEM_LINES_ZH_TW: Record<CheckId, string> = {
  'P2.1': '您的案例研究寫出客戶名稱，並說明問題、您的解決方案、使用的 AWS 服務、成果以及任何合規要求。',
  'P2.2.1': '至少兩篇在 AWS 上服務零售客戶的公開案例研究（網頁或 PDF）。',
  'P2.2.2': '其中至少兩篇案例研究可從您的首頁經由連結到達。',
  'P2.3': '每篇案例研究說明交付方式：代管服務（MSP）或專案。',
  'P3.1': '一個介紹您 AWS 零售實務的頁面，並從首頁連結。',
  'P3.2': '過去 12 個月內發布的零售部落格文章、新聞、影片、網路研討會或白皮書。',
};

const ZH_TW: Messages = {
  serviceName: 'partner-presence',
  languageName: '繁體中文',
  languageSwitch: '語言',
  skipToContent: '跳到主要內容',
  navSelfCheck: '自我檢查',
  navConsole: '計畫經理',
  selfCheckTitle: '申請前，先檢查您的零售網路形象',
  selfCheckLead:
    '輸入貴公司的首頁網址。我們會像 AWS 合作夥伴計畫經理一樣閱讀您的公開網站，並附上佐證，告訴您符合 AWS 零售能力認證檢查清單中的哪些網路形象項目。',
  homepageLabel: '貴公司的首頁',
  homepageHint: '例如 www.example.com 或 https://www.example.com.tw/',
  asOfLabel: '稽核日期（選填）',
  asOfHint: '12 個月與 18 個月期間往回計算的起點。留空則為今天。',
  submit: '檢查我的網站',
  whatIsChecked: '檢查哪些項目',
  itemLines: ITEM_LINES_ZH_TW,
  informational: '僅供參考',
  howItWorks: ({ maxPages, minutes }) =>
    `我們會以禮貌的方式、在 robots.txt 允許的範圍內，最多讀取您網站的 ${zh(maxPages)} 個公開頁面，最多 ${zh(minutes)} 分鐘。任何擁有結果連結的人都能看到結果。`,
  checking: (host) => `正在檢查 ${host}`,
  auditDate: (asOf) => `稽核日期 ${formatDate('zh-TW', asOf, true)}`,
  queued: (position) => (position === null ? '等待開始。' : `等待開始：排在第 ${zh(position)} 位。`),
  running: '正在讀取網站…',
  done: '已完成。',
  failed: (error) => `稽核無法完成：${error}`,
  pagesRead: '已讀取頁數',
  lastPageRead: '最後讀取的頁面',
  noPageYet: '尚無',
  checksHeading: '檢查項目',
  checksPending: '讀完網站後，每項檢查一有結果就會顯示在這裡。',
  shareLink: '分享此頁：任何擁有此網址的人都能看到這些結果。',
  refreshHint: '此頁會自動更新。若未啟用 JavaScript，每 10 秒重新載入一次。',
  refresh: '立即重新載入',
  downloads: '下載此報告：',
  listSeparator: '、',
  fullStop: '。',
  reportJson: 'JSON',
  reportMarkdown: 'Markdown',
  reportHtml: '單一 HTML 檔案',
  changesHeading: '與此網站上次稽核相比的變化',
  firstAudit: '這是此網站在這裡的第一次稽核。',
  noChange: (date) => `自 ${formatDate('zh-TW', date)} 的稽核以來，沒有任何檢查改變。`,
  changedSince: (date) => `自 ${formatDate('zh-TW', date)} 的稽核以來的變化：`,
  previousAudit: '上次稽核',
  status: { pass: '通過', fail: '未通過', review: '需審查', error: '錯誤', 'not audited': '未稽核' },
  tryAgainLater: '檢查另一個網站',
  rateLimitedTitle: '來自您位址的稽核太多',
  rateLimited: (minutes, at) =>
    `您的位址目前已達可開始的稽核數量上限。大約 ${zh(minutes)} 分鐘後（UTC ${at}）可以再開始一個。已開始的稽核會繼續進行。`,
  notFoundTitle: '找不到',
  notFound: '此網址沒有內容。稽核的網址是開始稽核時顯示的那一個。',
  badRequestTitle: '無法處理',
  forbiddenTitle: '已拒絕',
  crossOrigin: '此表單只能從本服務自己的頁面送出。',
  adminLoginTitle: '計畫經理：登入',
  adminTokenLabel: '存取權杖',
  adminLogin: '登入',
  adminWrongToken: '權杖不正確。',
  adminOff: '此伺服器未啟用計畫經理主控台（以 --admin-token 啟動）。',
  adminLogout: '登出',
  consoleTitle: '計畫經理主控台',
  uploadHeading: '稽核申請者名單',
  uploadLead:
    '含標題列的 CSV（name、homepage；可選 id、notes 及任何其他欄位）、JSON 陣列或 JSON Lines，與 batch 指令讀取的格式相同。無法稽核的列會連同行號一起列出。',
  listLabel: '申請者名單',
  listHint: '.csv、.json 或 .jsonl 檔案。',
  upload: '開始稽核',
  pastRuns: '執行紀錄',
  noRuns: '尚未上傳任何名單。',
  runLine: (r) => `第 ${r.id} 次執行：${r.file}，開始於 ${r.started}，已稽核 ${zh(r.total)} 個中的 ${zh(r.done)} 個${r.failed ? `，${zh(r.failed)} 個無法稽核` : ''}`,
  batchTitle: (id, file) => `第 ${id} 次執行：${file}`,
  batchProgress: (c) => `${zh(c.total)} 個合作夥伴中已完成 ${zh(c.finished)} 個（${zh(c.failed)} 個無法稽核），${zh(c.running)} 個進行中，${zh(c.queued)} 個等待中。`,
  skippedRows: '略過的列',
  line: '行',
  problem: '問題',
  nowAuditing: '正在稽核',
  resultsHeading: '結果',
  partnerReportTitle: (name) => `報告：${name}`,
  backToBatch: '回到此次執行',
};

const CATALOGS: Record<Lang, Messages> = { en: EN, 'zh-TW': ZH_TW };

export function messages(lang: Lang): Messages {
  return CATALOGS[lang];
}
