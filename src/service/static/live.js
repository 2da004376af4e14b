// Live updates for a running audit or batch page from its Server-Sent Events stream. The page is
// complete without this script (it reloads itself instead); this only fills in what changed. Text from
// the stream (URLs, summaries) is only ever set as textContent, never parsed as markup.
(() => {
  'use strict';
  const root = document.querySelector('[data-events]');
  const url = root && root.getAttribute('data-events');
  if (!url || !window.EventSource) return;
  const source = new EventSource(url);
  const byId = (id) => document.getElementById(id);
  const setText = (id, text) => { const el = byId(id); if (el) el.textContent = text; };
  const finish = () => { source.close(); window.location.reload(); };
  // Numbers as the page's language writes them (1,204), as the server wrote them.
  const numberFormat = new Intl.NumberFormat(document.documentElement.lang || 'en');
  const number = (n) => numberFormat.format(Number(n) || 0);

  // ---- an audit ----
  const text = (name) => root.getAttribute(`data-text-${name}`) || '';
  const stateText = {
    queued: (d) => (d.position ? text('queued').replace('{position}', number(d.position)) : text('waiting')),
    running: () => text('running'),
  };
  const statusWords = JSON.parse(text('status') || '{}');
  source.addEventListener('state', (e) => {
    const d = JSON.parse(e.data);
    const el = byId('audit-state');
    if (el) {
      el.className = `state state-${d.state}`;
      if (stateText[d.state]) el.textContent = stateText[d.state](d);
    }
    if (root) root.setAttribute('data-state', d.state);
    if (d.state === 'done' || d.state === 'failed') finish();
  });
  source.addEventListener('progress', (e) => {
    const d = JSON.parse(e.data);
    setText('pages-read', number(d.pagesFetched));
    const current = byId('current-page');
    if (current && d.currentUrl) {
      const link = document.createElement('a');
      link.href = /^https?:/i.test(d.currentUrl) ? d.currentUrl : '#';
      link.rel = 'noreferrer noopener';
      link.textContent = d.currentUrl;
      current.replaceChildren(link);
    }
  });
  source.addEventListener('check', (e) => {
    const d = JSON.parse(e.data);
    const list = byId('live-checks');
    if (!list || list.querySelector(`[data-check="${CSS.escape(d.id)}"]`)) return;
    const pending = byId('checks-pending');
    if (pending) pending.remove();
    const item = document.createElement('li');
    item.setAttribute('data-check', d.id);
    const badge = document.createElement('span');
    badge.className = `badge badge-${d.status}`;
    badge.textContent = statusWords[d.status] || d.status;
    const id = document.createElement('strong');
    id.textContent = d.id;
    const summary = document.createElement('span');
    summary.className = 'summary';
    summary.textContent = d.summary;
    item.append(badge, ' ', id, ` ${d.title}: `, summary);
    list.append(item);
  });

  // ---- a batch ----
  source.addEventListener('partner', (e) => {
    const d = JSON.parse(e.data);
    const c = d.counts;
    const total = c.queued + c.running + c.done + c.failed;
    // The page's sentence with its numbers in place ({finished} … {total} stand for them, see pages.ts).
    const figures = { finished: c.done + c.failed, failed: c.failed, running: c.running, queued: c.queued, total };
    setText('batch-progress', text('progress').replace(/\{(\w+)\}/g, (_, name) => number(figures[name])));
    const list = byId('batch-running');
    if (list) {
      let item = list.querySelector(`[data-partner="${CSS.escape(d.partnerId)}"]`);
      if (d.state === 'running') {
        if (!item) {
          item = document.createElement('li');
          item.setAttribute('data-partner', d.partnerId);
          list.append(item);
        }
        item.textContent = `${d.name} (${number(d.pagesFetched)})`;
      } else if (item) {
        item.remove();
      }
    }
    if (c.queued + c.running === 0) finish();
  });
})();
