// The DeskBridge dashboard: every figure comes from the admin API; nothing is computed that the API does not say.

import { api, adoptTokenFromFragment, clearToken, setToken, token, Unauthorized } from './api.js';
import { dailyBars, donut, horizontalBars } from './charts.js';
import { $, fill, h } from './dom.js';
import { loadLinks } from './links.js';
import { loadResponsiveness } from './responsiveness.js';
import { clock, countdown, dayLabel, money, monthLabel, plural, when } from './format.js';

const REFRESH_MS = 15000;
// Costs change slowly and summing a month's ledger is the heaviest question: ask once a minute.
const COSTS_REFRESH_MS = 60000;
const WINDOW_MS = 24 * 3600 * 1000;
const state = { phase: '', serverOffset: 0, timer: null, loading: false, costs: null, costsAt: 0 };

function serverNow() {
  return Date.now() + state.serverOffset;
}

function syncClock(asOf) {
  state.serverOffset = Date.parse(asOf) - Date.now();
}

// ---- views and routing

function show(view) {
  for (const id of ['view-signin', 'view-home', 'view-conversation']) $(id).hidden = id !== view;
  const signedIn = view !== 'view-signin';
  $('sign-out').hidden = !signedIn;
  $('live').hidden = !signedIn;
}

function route() {
  if (!token()) return signIn();
  const match = /^#\/c\/(.+)$/.exec(location.hash);
  if (match) return openConversation(decodeURIComponent(match[1]));
  show('view-home');
  return loadHome();
}

function signIn(message) {
  clearInterval(state.timer);
  state.timer = null;
  show('view-signin');
  $('signin-error').hidden = !message;
  $('signin-error').textContent = message || '';
  $('token-input').focus();
}

function handleError(error, bannerId) {
  if (error instanceof Unauthorized) {
    clearToken();
    return signIn('That token was not accepted. Check host.admin_token in the configuration.');
  }
  $('live').classList.add('stale');
  $('live').lastChild.textContent = 'Stale';
  const banner = $(bannerId);
  banner.hidden = false;
  banner.textContent = 'Could not reach the host: ' + error.message;
}

function markFresh(bannerId) {
  $('live').classList.remove('stale');
  $('live').lastChild.textContent = 'Live';
  $(bannerId).hidden = true;
}

// ---- home

async function loadHome() {
  if (state.loading) return;
  state.loading = true;
  try {
    const phaseQuery = state.phase ? '?phase=' + state.phase : '';
    const costsDue = !state.costs || Date.now() - state.costsAt > COSTS_REFRESH_MS;
    const [all, listed, costs, plugins, dead] = await Promise.all([
      api('/api/conversations'),
      state.phase ? api('/api/conversations' + phaseQuery) : null,
      costsDue ? Promise.all(['day', 'market', 'category'].map((by) => api('/api/costs?by=' + by))) : state.costs,
      api('/api/plugins'),
      api('/api/dead-letters'),
    ]);
    if (costsDue) {
      state.costs = costs;
      state.costsAt = Date.now();
    }
    const [byDay, byMarket, byCategory] = costs;
    syncClock(all.asOf);
    renderKpis(all.windows, byDay, dead.deadLetters);
    renderConversations((listed || all).conversations);
    renderClosingSoon(all.conversations);
    renderCharts(byDay, byMarket, byCategory);
    renderPlugins(plugins.plugins);
    renderDeadLetters(dead.deadLetters);
    await loadResponsiveness();
    await loadLinks();
    markFresh('load-error');
    tick();
  } catch (error) {
    handleError(error, 'load-error');
  } finally {
    state.loading = false;
  }
  if (!state.timer && token()) {
    state.timer = setInterval(() => { if (!$('view-home').hidden) loadHome(); }, REFRESH_MS);
  }
}

function primary(report) {
  return report.totals[0] || null;
}

function renderKpis(windows, report, deadLetters) {
  const total = windows.open + windows.closing + windows.closed;
  $('kpi-open').textContent = windows.open + windows.closing;
  $('kpi-open-note').textContent = `of ${plural(total, 'conversation')}`;
  $('kpi-closing').textContent = windows.closing;
  $('kpi-month').textContent = '· ' + monthLabel(report.month);
  const totals = report.totals;
  if (totals.length) {
    $('kpi-spend').textContent = totals.map((t) => money(t.cost, t.currency)).join(' · ');
    const t = totals[0];
    $('kpi-spend-note').textContent = `${plural(t.billed, 'billed message')} · ${t.free} free · ${t.failed} failed`;
    $('kpi-saved').textContent = totals.map((x) => money(x.saved, x.currency)).join(' · ');
    $('kpi-saved-note').textContent = `${plural(t.insideWindow, 'reply', 'replies')} sent inside a window`;
  } else {
    $('kpi-spend').textContent = money('0', 'USD');
    $('kpi-spend-note').textContent = 'no messages yet this month';
    $('kpi-saved').textContent = money('0', 'USD');
    $('kpi-saved-note').textContent = '\u00a0';
  }
  $('kpi-dead').textContent = deadLetters.length;
  $('kpi-dead-note').textContent = deadLetters.length ? 'need a look' : 'nothing stuck';
  $('kpi-dead-card').classList.toggle('bad', deadLetters.length > 0);
}

function phaseBadge(phase) {
  return h('span', { class: 'phase ' + phase, 'data-phase': phase }, phase[0].toUpperCase() + phase.slice(1));
}

/** The window cell: phase, a countdown the ticker keeps live, and how much of the 24 hours is left. */
function windowCell(c) {
  if (c.phase === 'closed' || !c.windowClosesAt) {
    return h('div', { class: 'window' }, h('div', { class: 'window-row' }, phaseBadge('closed'),
      h('span', { class: 'sub' }, c.windowClosesAt ? 'closed ' + when(c.windowClosesAt, serverNow()) : 'never opened')));
  }
  const bar = h('span', {});
  return h('div', { class: 'window' },
    h('div', { class: 'window-row' }, phaseBadge(c.phase),
      h('span', { class: 'countdown ' + c.phase, 'data-closes-at': c.windowClosesAt }, '')),
    h('div', { class: 'meter ' + c.phase, 'data-meter-closes-at': c.windowClosesAt }, bar));
}

function renderConversations(conversations) {
  const body = $('conversations').tBodies[0];
  fill(body, conversations.map((c) => {
    const row = h('tr', { class: 'clickable', 'data-id': c.id, tabindex: 0, title: 'Open the conversation' },
      h('td', {}, h('div', { class: 'customer' }, c.customer), h('div', { class: 'sub mono' }, c.id)),
      h('td', {}, h('div', {}, c.channel), h('div', { class: 'sub' }, '→ ' + c.crm)),
      h('td', {}, ticketLink(c.ticket)),
      h('td', {}, windowCell(c)),
      h('td', { class: 'num' }, money(c.costSoFar.amount, c.costSoFar.currency)),
      h('td', {}, when(c.lastMessageAt, serverNow())));
    row.addEventListener('click', (e) => { if (!e.target.closest('a')) go(c.id); });
    row.addEventListener('keydown', (e) => { if (e.key === 'Enter') go(c.id); });
    return row;
  }));
  $('conversations-empty').hidden = conversations.length > 0;
}

function ticketLink(ticket) {
  if (!ticket) return h('span', { class: 'sub' }, 'no ticket yet');
  if (!ticket.url) return h('span', { class: 'mono' }, '#' + ticket.id);
  return h('a', { href: ticket.url, target: '_blank', rel: 'noopener noreferrer', class: 'mono' }, '#' + ticket.id);
}

function go(id) {
  location.hash = '#/c/' + encodeURIComponent(id);
}

function renderClosingSoon(conversations) {
  const open = conversations.filter((c) => c.phase !== 'closed' && c.windowClosesAt)
    .sort((a, b) => Date.parse(a.windowClosesAt) - Date.parse(b.windowClosesAt)).slice(0, 5);
  fill($('closing-soon'), open.map((c) => h('li', { 'data-id': c.id },
    h('div', {}, h('a', { href: '#/c/' + encodeURIComponent(c.id) }, c.customer),
      h('div', { class: 'sub' }, c.ticket ? 'ticket #' + c.ticket.id + ' · ' + c.crm : 'no ticket yet · ' + c.crm)),
    h('span', { class: 'countdown ' + c.phase, 'data-closes-at': c.windowClosesAt }, ''))));
  $('closing-soon-empty').hidden = open.length > 0;
}

function daysOf(month, asOfMs) {
  const [y, m] = month.split('-').map(Number);
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  const now = new Date(asOfMs);
  const current = now.getUTCFullYear() === y && now.getUTCMonth() + 1 === m;
  const until = current ? now.getUTCDate() : last;
  return Array.from({ length: until }, (_, i) => `${month}-${String(i + 1).padStart(2, '0')}`);
}

function renderCharts(byDay, byMarket, byCategory) {
  const total = primary(byDay);
  const currency = total ? total.currency : 'USD';
  const lines = (report) => report.lines.filter((l) => l.currency === currency);
  const dayMap = new Map(lines(byDay).map((l) => [l.key, l]));
  const points = daysOf(byDay.month, serverNow()).map((key) => {
    const l = dayMap.get(key);
    const spend = l ? Number(l.cost) : 0;
    const saved = l ? Number(l.saved) : 0;
    return {
      key, label: dayLabel(key), spend, saved,
      title: `${dayLabel(key)}: ${money(l ? l.cost : '0', currency)} spent on ${plural(l ? l.messages : 0, 'message')}`
        + `, ${money(l ? l.saved : '0', currency)} saved`,
    };
  });
  dailyBars($('chart-day'), points, currency);
  $('day-caption').textContent = total
    ? `${monthLabel(byDay.month)} · ${money(total.cost, currency)} spent · ${money(total.saved, currency)} saved`
    : monthLabel(byDay.month);
  horizontalBars($('chart-market'), lines(byMarket).map((l) => ({
    label: l.key, value: Number(l.cost), amount: l.cost, note: `${plural(l.messages, 'message')}, ${l.billed} billed`,
  })), currency);
  const categories = lines(byCategory).map((l) => ({
    label: l.key.replace('_', ' '), value: Number(l.cost), amount: l.cost,
    note: l.billed ? `${l.billed} billed` : `${l.free} free`,
  }));
  donut($('chart-category'), categories, currency, total ? money(total.cost, currency) : money('0', currency));
}

function renderPlugins(plugins) {
  fill($('plugins'), plugins.map((p) => h('li', { 'data-plugin': p.id },
    h('div', { class: 'plugin-row' },
      h('span', {}, h('span', { class: 'plugin-name' }, p.builtIn ? 'Built into the host' : p.id),
        h('span', { class: 'sub' }, ' v' + p.version)),
      h('span', { class: 'status ' + p.status }, p.status)),
    h('div', {}, p.channelTypes.map((t) => h('span', { class: 'chip', title: 'WhatsApp channel type' }, t)),
      p.crmTypes.map((t) => h('span', { class: 'chip', title: 'CRM type' }, t))),
    p.problem ? h('div', { class: 'problem' }, p.problem) : null)));
}

function renderDeadLetters(deadLetters) {
  fill($('dead-letters').tBodies[0], deadLetters.map((d) => h('tr', { 'data-id': d.id },
    h('td', { class: 'mono' }, d.id),
    h('td', {}, d.queue),
    h('td', {}, h('div', {}, d.eventType.toLowerCase().replaceAll('_', ' ')), h('div', { class: 'sub' }, d.source)),
    h('td', {}, d.conversation
      ? h('a', { href: '#/c/' + encodeURIComponent(d.conversation) }, d.conversation) : h('span', { class: 'sub' }, '—')),
    h('td', {}, d.reason),
    h('td', { class: 'num' }, d.attempts),
    h('td', {}, when(d.deadAt, serverNow())),
    h('td', { class: 'num' }, h('button', {
      type: 'button', class: 'button small', 'data-replay': d.id, onclick: (e) => replay(e.currentTarget, d.id),
    }, 'Replay')))));
  $('dead-letters-empty').hidden = deadLetters.length > 0;
  $('replay-all').hidden = deadLetters.length < 2;
}

async function replay(button, id) {
  button.disabled = true;
  button.textContent = 'Replaying…';
  try {
    await api('/api/dead-letters/' + encodeURIComponent(id) + '/replay', 'POST');
  } catch (error) {
    handleError(error, 'load-error');
  }
  await loadHome();
}

async function replayAll() {
  if (!confirm('Hand every dead letter back to its queue?')) return;
  try {
    await api('/api/dead-letters/replay', 'POST');
  } catch (error) {
    handleError(error, 'load-error');
  }
  await loadHome();
}

// ---- one conversation

async function openConversation(id) {
  show('view-conversation');
  fill($('conversation-head'), h('p', { class: 'muted' }, 'Loading…'));
  fill($('timeline'));
  try {
    const data = await api('/api/conversations/' + encodeURIComponent(id) + '/messages');
    syncClock(data.asOf);
    renderConversationHead(data.conversation);
    renderTimeline(data.messages);
    markFresh('conversation-error');
    tick();
  } catch (error) {
    fill($('conversation-head'));
    handleError(error, 'conversation-error');
  }
}

function renderConversationHead(c) {
  fill($('conversation-head'),
    h('div', { class: 'conv-title', id: 'conversation-customer' }, c.customer),
    h('div', { class: 'sub mono' }, c.id),
    h('dl', {},
      h('dt', {}, 'Window'), h('dd', {}, windowCell(c)),
      h('dt', {}, 'Closes'), h('dd', {}, c.windowClosesAt ? when(c.windowClosesAt, serverNow()) : '—'),
      h('dt', {}, 'Route'), h('dd', {}, c.channel + ' → ' + c.crm),
      h('dt', {}, 'Ticket'), h('dd', {}, ticketLink(c.ticket)),
      h('dt', {}, 'Cost so far'), h('dd', {}, money(c.costSoFar.amount, c.costSoFar.currency)),
      h('dt', {}, 'Last message'), h('dd', {}, when(c.lastMessageAt, serverNow()))));
}

function costNote(m) {
  if (m.direction === 'inbound') return null;
  const settled = m.settled;
  const quoted = m.quoted;
  if (settled && Number(settled.amount) === 0) {
    const failed = m.status === 'failed';
    return h('span', { class: 'cost free' }, failed ? 'failed · costs nothing' : 'free');
  }
  if (settled) return h('span', { class: 'cost' }, money(settled.amount, settled.currency) + ' settled');
  if (quoted) return h('span', { class: 'cost' }, money(quoted.amount, quoted.currency) + ' quoted');
  return null;
}

function renderTimeline(messages) {
  if (!messages.length) return fill($('timeline'), h('li', { class: 'empty' }, 'No messages stored.'));
  fill($('timeline'), messages.map((m) => h('li', {
    class: `msg ${m.direction} ${m.kind}`, 'data-message': m.id,
  },
  h('div', { class: 'bubble' }, m.summary),
  h('div', { class: 'msg-meta' },
    h('span', {}, (m.direction === 'inbound' ? 'Customer' : m.kind === 'template' ? 'Template' : 'Agent') + ' · '
      + when(m.at, serverNow())),
    h('span', { class: 'steps' }, m.statusHistory.map((st) => h('span', {
      class: 'step ' + st.status, title: when(st.at, serverNow()) + (st.detail ? ' · ' + st.detail : ''),
    }, st.status))),
    costNote(m)),
  m.statusHistory.filter((st) => st.detail).map((st) => h('div', { class: 'sub' }, st.status + ': ' + st.detail)))));
}

// ---- the live clock and countdowns

function tick() {
  const now = serverNow();
  $('clock').textContent = clock(now);
  for (const el of document.querySelectorAll('[data-closes-at]')) {
    const left = Date.parse(el.dataset.closesAt) - now;
    el.textContent = left > 0 ? countdown(left) + ' left' : 'closed';
  }
  for (const el of document.querySelectorAll('[data-meter-closes-at]')) {
    const left = Date.parse(el.dataset.meterClosesAt) - now;
    el.firstChild.style.width = Math.max(0, Math.min(100, (left / WINDOW_MS) * 100)) + '%';
  }
}

// ---- start

function start() {
  adoptTokenFromFragment();
  $('signin-form').addEventListener('submit', (e) => {
    e.preventDefault();
    setToken($('token-input').value);
    $('token-input').value = '';
    route();
  });
  $('sign-out').addEventListener('click', () => {
    clearToken();
    signIn();
  });
  $('replay-all').addEventListener('click', replayAll);
  for (const tab of $('phase-tabs').querySelectorAll('button')) {
    tab.addEventListener('click', () => {
      state.phase = tab.dataset.phase;
      for (const t of $('phase-tabs').querySelectorAll('button')) t.setAttribute('aria-selected', String(t === tab));
      loadHome();
    });
  }
  for (const link of document.querySelectorAll('[data-nav="home"]')) {
    link.addEventListener('click', (e) => {
      e.preventDefault();
      history.pushState(null, '', location.pathname);
      route();
    });
  }
  window.addEventListener('hashchange', route);
  window.addEventListener('popstate', route);
  setInterval(tick, 1000);
  route();
}

start();
