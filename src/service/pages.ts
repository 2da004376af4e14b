// The service's pages: server-rendered HTML that works without script. One small script file
// (/static/live.js) updates a running audit or batch from its event stream; without it the page
// reloads itself. Reports are the report renderers' own markup (see html.ts embedDocument).

import { CHECK_IDS } from '../checks/index.ts';
import { linkHtml } from '../report/escape.ts';
import type { CheckChange } from '../batch/summary.ts';
import type { CheckStatus } from '../types.ts';
import type { ServiceBatchRow, StoredInputProblem } from './store.ts';
import { html, insertAfter, trusted, type EmbeddedDocument, type Html } from './html.ts';
import { formatValue, LANGS, storedProblemText, type Lang } from '../messages/index.ts';
import { messages, type Messages } from '../messages/service.ts';
import type { AuditStatus, CheckBrief } from './scheduler.ts';

export interface PageContext {
  lang: Lang;
  /** Whether the console link is shown (an admin token is configured). */
  console: boolean;
  /** This page's path, which the language switch links to. */
  path: string;
}

interface LayoutOptions {
  title: string;
  body: Html;
  /** Extra CSS (a report's own style sheet). */
  css?: string;
  scripts?: string[];
  /** Reload every N seconds when script is off (a page that changes by itself). */
  reloadWithoutScript?: boolean;
}

export function layout(ctx: PageContext, options: LayoutOptions): string {
  const t = messages(ctx.lang);
  return html`<!DOCTYPE html>
<html lang="${ctx.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="same-origin">
<title>${options.title} · ${t.serviceName}</title>
<link rel="stylesheet" href="/static/service.css">
${options.css ? html`<style>${trustedCss(options.css)}</style>` : ''}
${options.reloadWithoutScript ? html`<noscript><meta http-equiv="refresh" content="10"></noscript>` : ''}
${(options.scripts ?? []).map((src) => html`<script src="${src}" defer></script>`)}
</head>
<body>
<a class="skip" href="#content">${t.skipToContent}</a>
<header class="site"><nav aria-label="${t.serviceName}"><a class="brand" href="/">${t.serviceName}</a>
<a href="/">${t.navSelfCheck}</a>${ctx.console ? html` <a href="/admin">${t.navConsole}</a>` : ''}</nav>
<nav class="langs" aria-label="${t.languageSwitch}">${LANGS.map((l) => (l === ctx.lang
    ? html`<span aria-current="true" lang="${l}">${messages(l).languageName}</span>`
    : html`<a href="${ctx.path}?lang=${l}" hreflang="${l}" lang="${l}">${messages(l).languageName}</a>`))}</nav></header>
<div id="content">
${options.body}
</div>
</body>
</html>
`.value;
}

/** CSS from the project's renderers (no crawled text); `</` is escaped all the same so it cannot end the element. */
function trustedCss(css: string): Html {
  return trusted(css.replaceAll('</', '<\\/'));
}

// ---- self-check ----

export function selfCheckPage(
  ctx: PageContext,
  limits: { maxPages: number; minutes: number },
  form: { homepage?: string; asOf?: string; error?: string } = {},
): string {
  const t = messages(ctx.lang);
  const describedBy = form.error ? 'homepage-hint homepage-error' : 'homepage-hint';
  const body = html`<main>
<h1>${t.selfCheckTitle}</h1>
<p class="lead">${t.selfCheckLead}</p>
<form class="check" method="post" action="/audits">
${form.error ? html`<p id="homepage-error" class="form-error" role="alert">${form.error}</p>` : ''}
<div class="field">
<label for="homepage">${t.homepageLabel}</label>
<input id="homepage" name="homepage" type="text" inputmode="url" autocomplete="url" spellcheck="false" required maxlength="2000"
 aria-describedby="${describedBy}"${form.error ? html` aria-invalid="true"` : ''} value="${form.homepage ?? ''}">
<p id="homepage-hint" class="hint">${t.homepageHint}</p>
</div>
<div class="field">
<label for="asOf">${t.asOfLabel}</label>
<input id="asOf" name="asOf" type="date" aria-describedby="asOf-hint" value="${form.asOf ?? ''}">
<p id="asOf-hint" class="hint">${t.asOfHint}</p>
</div>
<button type="submit">${t.submit}</button>
</form>
<section aria-labelledby="checked">
<h2 id="checked">${t.whatIsChecked}</h2>
<ul class="items">
${CHECK_IDS.map((id) => html`<li><span class="item-id">${id}</span> ${t.itemLines[id]}${id === 'P2.1' || id === 'P2.3' ? html` <span class="note">(${t.informational})</span>` : ''}</li>`)}
</ul>
<p class="hint">${t.howItWorks(limits)}</p>
</section>
</main>`;
  return layout(ctx, { title: t.selfCheckTitle, body });
}

// ---- an audit ----

function statusBadge(t: Messages, status: CheckStatus | 'error' | 'not audited'): Html {
  return html`<span class="badge badge-${status.replace(' ', '-')}">${t.status[status]}</span>`;
}

function checkItem(t: Messages, check: CheckBrief): Html {
  return html`<li data-check="${check.id}">${statusBadge(t, check.status)} <strong>${check.id}</strong> ${check.title}: <span class="summary">${check.summary}</span></li>`;
}

function stateLine(lang: Lang, status: AuditStatus): string {
  const t = messages(lang);
  if (status.state === 'queued') return t.queued(status.position);
  if (status.state === 'running') return t.running;
  if (status.state === 'failed') return t.failed(storedProblemText(lang, status.failure, status.error ?? ''));
  return t.done;
}

/** A queued, running or failed audit: where it stands, updated live. */
export function auditProgressPage(ctx: PageContext, status: AuditStatus, eventsUrl: string): string {
  const t = messages(ctx.lang);
  const host = hostName(status.homepage);
  const live = status.state === 'queued' || status.state === 'running';
  // The live script takes its words from the page, so it speaks the page's language.
  const body = html`<main class="audit" data-events="${live ? eventsUrl : ''}" data-state="${status.state}"
 data-text-queued="${t.queued('{position}')}" data-text-waiting="${t.queued(null)}" data-text-running="${t.running}"
 data-text-status="${JSON.stringify(t.status)}">
<h1>${t.checking(host)}</h1>
<p class="meta">${linkHtmlOf(status.homepage)} · ${t.auditDate(status.asOf)}</p>
<p id="audit-state" class="state state-${status.state}" role="status">${stateLine(ctx.lang, status)}</p>
<dl class="progress">
<div><dt>${t.pagesRead}</dt><dd id="pages-read">${formatValue(ctx.lang, status.pagesFetched)}</dd></div>
<div><dt>${t.lastPageRead}</dt><dd id="current-page">${status.currentUrl ? linkHtmlOf(status.currentUrl) : t.noPageYet}</dd></div>
</dl>
<section aria-labelledby="checks-heading">
<h2 id="checks-heading">${t.checksHeading}</h2>
<ul id="live-checks" class="live-checks" aria-live="polite">${status.checks.map((c) => checkItem(t, c))}</ul>
${status.checks.length === 0 ? html`<p id="checks-pending" class="hint">${t.checksPending}</p>` : ''}
</section>
${live ? html`<p class="hint">${t.refreshHint} <a href="">${t.refresh}</a></p>` : html`<p><a href="/">${t.tryAgainLater}</a></p>`}
<p class="hint">${t.shareLink}</p>
</main>`;
  return layout(ctx, { title: t.checking(host), body, scripts: live ? ['/static/live.js'] : [], reloadWithoutScript: live });
}

export interface Comparison {
  previousHref: string | null;
  previousDate: string;
  changes: CheckChange[];
}

/** A finished audit: links to the other formats, what changed, then the report itself. */
export function auditReportPage(
  ctx: PageContext,
  report: EmbeddedDocument,
  options: { title: string; links: { json: string; markdown: string; html: string }; comparison: Comparison | null | undefined; back?: { href: string; label: string } },
): string {
  const t = messages(ctx.lang);
  const comparison = options.comparison;
  const changes = comparison === undefined
    ? ''
    : html`<section class="changes" aria-labelledby="changes-heading">
<h2 id="changes-heading">${t.changesHeading}</h2>
${comparison === null
  ? html`<p>${t.firstAudit}</p>`
  : comparison.changes.length === 0
    ? html`<p>${t.noChange(comparison.previousDate)}${comparison.previousHref ? html` (<a href="${comparison.previousHref}">${t.previousAudit}</a>)` : ''}</p>`
    : html`<p>${t.changedSince(comparison.previousDate)}${comparison.previousHref ? html` (<a href="${comparison.previousHref}">${t.previousAudit}</a>)` : ''}</p>
<ul id="changes">${comparison.changes.map((c) => html`<li><strong>${c.checkId}</strong> ${statusBadge(t, c.from)} → ${statusBadge(t, c.to)}</li>`)}</ul>`}
</section>`;
  const bar = html`<div class="service-bar">
${options.back ? html`<p><a href="${options.back.href}">${options.back.label}</a></p>` : ''}
<p>${t.downloads} <a href="${options.links.json}" type="application/json">${t.reportJson}</a>${t.listSeparator}<a href="${options.links.markdown}" type="text/markdown">${t.reportMarkdown}</a>${t.listSeparator}<a href="${options.links.html}" download>${t.reportHtml}</a>${t.fullStop}${t.shareLink}</p>
${changes}
</div>`;
  // Under the report's own heading (the site it is about), above its verdict.
  const body = insertAfter(report.body, 'main > header', bar);
  return layout(ctx, { title: options.title, body, css: report.css });
}

// ---- errors ----

export function messagePage(ctx: PageContext, title: string, text: string, extra?: Html): string {
  return layout(ctx, { title, body: html`<main><h1>${title}</h1><p>${text}</p>${extra ?? ''}</main>` });
}

export function rateLimitedPage(ctx: PageContext, retryAfterSeconds: number): string {
  const t = messages(ctx.lang);
  const minutes = Math.max(1, Math.ceil(retryAfterSeconds / 60));
  const at = new Date(Date.now() + retryAfterSeconds * 1000).toISOString().slice(11, 16);
  return messagePage(ctx, t.rateLimitedTitle, t.rateLimited(minutes, at), html`<p><a href="/">${t.navSelfCheck}</a></p>`);
}

// ---- the console ----

export function loginPage(ctx: PageContext, error?: string): string {
  const t = messages(ctx.lang);
  const body = html`<main>
<h1>${t.adminLoginTitle}</h1>
<form class="check" method="post" action="/admin/login">
${error ? html`<p id="token-error" class="form-error" role="alert">${error}</p>` : ''}
<div class="field"><label for="token">${t.adminTokenLabel}</label>
<input id="token" name="token" type="password" autocomplete="current-password" required${error ? html` aria-invalid="true" aria-describedby="token-error"` : ''}></div>
<button type="submit">${t.adminLogin}</button>
</form>
</main>`;
  return layout(ctx, { title: t.adminLoginTitle, body });
}

function logoutForm(t: Messages): Html {
  return html`<form class="logout" method="post" action="/admin/logout"><button type="submit" class="secondary">${t.adminLogout}</button></form>`;
}

export function consolePage(ctx: PageContext, batches: ServiceBatchRow[], upload: { error?: string; problems?: readonly StoredInputProblem[] } = {}): string {
  const t = messages(ctx.lang);
  const body = html`<main>
<h1>${t.consoleTitle}</h1>
${logoutForm(t)}
<section aria-labelledby="upload-heading">
<h2 id="upload-heading">${t.uploadHeading}</h2>
<p>${t.uploadLead}</p>
<form class="check" method="post" action="/admin/batches" enctype="multipart/form-data">
${upload.error ? html`<p id="list-error" class="form-error" role="alert">${upload.error}</p>` : ''}
${upload.problems?.length ? problemTable(ctx.lang, upload.problems) : ''}
<div class="field"><label for="list">${t.listLabel}</label>
<input id="list" name="list" type="file" accept=".csv,.json,.jsonl,.ndjson,text/csv,application/json" required aria-describedby="list-hint">
<p id="list-hint" class="hint">${t.listHint}</p></div>
<div class="field"><label for="asOf">${t.asOfLabel}</label>
<input id="asOf" name="asOf" type="date" aria-describedby="asOf-hint"><p id="asOf-hint" class="hint">${t.asOfHint}</p></div>
<button type="submit">${t.upload}</button>
</form>
</section>
<section aria-labelledby="runs-heading">
<h2 id="runs-heading">${t.pastRuns}</h2>
${batches.length === 0
  ? html`<p>${t.noRuns}</p>`
  : html`<ul class="runs">${batches.map((b) => html`<li><a href="/admin/batches/${String(b.run.id)}">${t.runLine({
      id: b.run.id, file: b.fileName, started: b.run.startedAt.slice(0, 16).replace('T', ' '),
      total: b.counts.pending + b.counts.running + b.counts.done + b.counts.failed, done: b.counts.done, failed: b.counts.failed,
    })}</a></li>`)}</ul>`}
</section>
</main>`;
  return layout(ctx, { title: t.consoleTitle, body });
}

function problemTable(lang: Lang, problems: readonly StoredInputProblem[]): Html {
  const t = messages(lang);
  return html`<table class="problems"><caption>${t.skippedRows}</caption>
<thead><tr><th scope="col">${t.line}</th><th scope="col">${t.problem}</th></tr></thead>
<tbody>${problems.map((p) => html`<tr><td>${String(p.line)}</td><td>${storedProblemText(lang, p, p.message)}</td></tr>`)}</tbody></table>`;
}

export function batchPage(
  ctx: PageContext,
  batch: ServiceBatchRow,
  index: EmbeddedDocument,
  running: { partnerId: string; name: string; pagesFetched: number }[],
): string {
  const t = messages(ctx.lang);
  const c = batch.counts;
  const total = c.pending + c.running + c.done + c.failed;
  const live = batch.run.state === 'running' && c.pending + c.running > 0;
  const title = t.batchTitle(batch.run.id, batch.fileName);
  const body = html`<main class="batch" data-events="${live ? `/admin/batches/${batch.run.id}/events` : ''}"
 data-text-progress="${t.batchProgress({ finished: '{finished}', failed: '{failed}', running: '{running}', queued: '{queued}', total: '{total}' })}">
<p><a href="/admin">${t.consoleTitle}</a></p>
<h1>${title}</h1>
<p class="meta">${t.auditDate(batch.run.asOf)}</p>
<p id="batch-progress" role="status">${t.batchProgress({ finished: c.done + c.failed, failed: c.failed, running: c.running, queued: c.pending, total })}</p>
${live ? html`<p class="hint">${t.refreshHint} <a href="">${t.refresh}</a></p>` : ''}
${batch.problems.length ? problemTable(ctx.lang, batch.problems) : ''}
${live ? html`<h2>${t.nowAuditing}</h2><ul id="batch-running">${running.map((r) => html`<li data-partner="${r.partnerId}">${r.name} (${formatValue(ctx.lang, r.pagesFetched)})</li>`)}</ul>` : ''}
<div class="index">${index.body}</div>
</main>`;
  return layout(ctx, {
    title, body, css: index.css, reloadWithoutScript: live,
    scripts: ['/static/index-sort.js', ...(live ? ['/static/live.js'] : [])],
  });
}

function hostName(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

/** A link for http(s) addresses, plain text for anything else (escape.ts linkHtml). */
function linkHtmlOf(url: string): Html {
  return trusted(linkHtml(url));
}
