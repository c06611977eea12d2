// Responsiveness: how fast customers were answered over the last 30 days, from /api/stats/responsiveness.
// Every figure is the API's; times are shown on the clock and, beside them, counting business hours only.

import { api, Unauthorized } from './api.js';
import { $, fill, h, s } from './dom.js';
import { dayLabel } from './format.js';

// Thirty days of messages is a heavier question than the live lists: ask once a minute.
const REFRESH_MS = 60000;
let fetchedAt = 0;

/** 45s, 12m 30s, 1h 05m (as `deskbridge stats` prints them); an em dash when nothing was answered. */
export function duration(seconds) {
  if (seconds === null || seconds === undefined) return '—';
  if (seconds >= 3600) return `${Math.floor(seconds / 3600)}h ${String(Math.floor((seconds % 3600) / 60)).padStart(2, '0')}m`;
  if (seconds >= 60) return `${Math.floor(seconds / 60)}m ${String(seconds % 60).padStart(2, '0')}s`;
  return `${seconds}s`;
}

function share(value) {
  return value === null || value === undefined ? '—' : `${Math.round(value * 100)}%`;
}

function figure(name, label, value, raw, note) {
  return h('div', { class: 'card kpi', 'data-figure': name, 'data-raw': raw === null || raw === undefined ? '' : String(raw) },
    h('div', { class: 'kpi-label' }, label), h('div', { class: 'kpi-value' }, value),
    h('div', { class: 'kpi-note' }, note || '\u00a0'));
}

/** Bars per day: median response on the clock and, beside it, in business hours. */
function chart(days) {
  const W = 760, H = 200, left = 56, right = 8, top = 12, bottom = 30;
  const plotW = W - left - right, plotH = H - top - bottom;
  const max = Math.max(60, ...days.map((d) => Math.max(d.medianSeconds || 0, d.medianBusinessHoursSeconds || 0)));
  const y = (v) => top + plotH - (v / max) * plotH;
  const band = plotW / Math.max(days.length, 1);
  const barW = Math.max(2, Math.min(14, band * 0.36));
  const svg = s('svg', { viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-label': 'Median response time by day' });
  for (const v of [0, max / 2, max]) {
    svg.append(s('line', { class: 'grid', x1: left, x2: W - right, y1: y(v), y2: y(v) }));
    svg.append(s('text', { x: left - 8, y: y(v) + 4, 'text-anchor': 'end' }, duration(Math.round(v))));
  }
  const labelEvery = Math.ceil(days.length / 12);
  days.forEach((d, i) => {
    const cx = left + band * i + band / 2;
    const clockS = d.medianSeconds || 0, businessS = d.medianBusinessHoursSeconds || 0;
    const g = s('g', { 'data-day': d.day, 'data-median': d.medianSeconds === null ? '' : String(d.medianSeconds) },
      s('title', {}, `${d.day}: ${d.customerMessages} customer messages, ${d.answered} answered, median `
        + `${duration(d.medianSeconds)} (${duration(d.medianBusinessHoursSeconds)} in business hours)`));
    g.append(s('rect', { class: 'bar', x: cx - barW - 1, y: y(clockS), width: barW, height: Math.max(0, y(0) - y(clockS)), rx: 2 }));
    g.append(s('rect', { class: 'bar saved', x: cx + 1, y: y(businessS), width: barW, height: Math.max(0, y(0) - y(businessS)), rx: 2 }));
    g.append(s('rect', { x: cx - band / 2, y: top, width: band, height: plotH, fill: 'transparent' }));
    svg.append(g);
    if (i % labelEvery === 0) svg.append(s('text', { x: cx, y: H - 10, 'text-anchor': 'middle' }, dayLabel(d.day)));
  });
  return [svg, h('div', { class: 'legend-inline' },
    h('span', { class: 'series-key' }, h('span', { class: 'swatch c0' }), 'Median response'),
    h('span', { class: 'series-key' }, h('span', { class: 'swatch c3' }), 'The same in business hours'))];
}

/** Loads and draws the panel; at most once a minute unless `force`. */
export async function loadResponsiveness(force = false) {
  const panel = $('responsiveness');
  if (!panel || (!force && Date.now() - fetchedAt < REFRESH_MS)) return;
  fetchedAt = Date.now();
  let report;
  try {
    report = await api('/api/stats/responsiveness');
  } catch (error) {
    if (error instanceof Unauthorized) throw error;
    // The rest of the dashboard stays useful; this panel says why it is empty.
    $('responsiveness-caption').textContent = 'Not available: ' + error.message;
    return;
  }
  const t = report.total;
  fill($('responsiveness-figures'),
    figure('median', 'Median response', duration(t.medianSeconds), t.medianSeconds,
      `${duration(t.medianBusinessHoursSeconds)} in business hours`),
    figure('p90', '90% answered within', duration(t.p90Seconds), t.p90Seconds,
      `${duration(t.p90BusinessHoursSeconds)} in business hours`),
    figure('first-response', 'First response', duration(t.firstResponseSeconds), t.firstResponseSeconds,
      `${duration(t.firstResponseBusinessHoursSeconds)} in business hours`),
    figure('in-window', 'Answered in the window', share(t.shareAnsweredInWindow), t.shareAnsweredInWindow,
      `${t.answeredInWindow} of ${t.customerMessages - t.waiting} customer messages`),
    figure('within-target', 'Within target', share(t.shareWithinTarget), t.shareWithinTarget,
      `${share(t.shareWithinTargetBusinessHours)} in business hours`),
    figure('unanswered', 'Unanswered when the window closed', String(t.unansweredWhenWindowClosed),
      t.unansweredWhenWindowClosed, `${t.lateTemplates} late templates`));
  fill($('responsiveness-chart'), ...chart(report.days));
  $('responsiveness-caption').textContent = `${report.from.slice(0, 10)} to ${report.to.slice(0, 10)} (UTC days)`;
}
