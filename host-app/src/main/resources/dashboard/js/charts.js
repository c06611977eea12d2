// Charts drawn as inline SVG: small, dependency-free, and sized by viewBox so they scale with the card.

import { fill, h, s } from './dom.js';
import { money, moneyShort } from './format.js';

/** A round upper bound for an axis and its tick step. */
function niceScale(max, ticks = 4) {
  if (!(max > 0)) return { top: 1, step: 0.25 };
  const raw = max / ticks;
  const mag = Math.pow(10, Math.floor(Math.log10(raw)));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * mag).find((v) => v >= raw);
  return { top: step * Math.ceil(max / step), step };
}

/**
 * Vertical bars per day: spend, and beside it what answering inside windows saved.
 * @param points [{key, label, spend, saved, title}]
 */
export function dailyBars(container, points, currency) {
  const W = 760, H = 230, left = 56, right = 8, top = 12, bottom = 30;
  const plotW = W - left - right, plotH = H - top - bottom;
  const { top: maxY, step } = niceScale(Math.max(...points.map((p) => Math.max(p.spend, p.saved)), 0));
  const y = (v) => top + plotH - (v / maxY) * plotH;
  const band = plotW / Math.max(points.length, 1);
  const barW = Math.max(2, Math.min(14, band * 0.36));
  const svg = s('svg', { viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-label': 'Spend and savings by day' });
  for (let v = 0; v <= maxY + step / 2; v += step) {
    svg.append(s('line', { class: 'grid', x1: left, x2: W - right, y1: y(v), y2: y(v) }));
    svg.append(s('text', { x: left - 8, y: y(v) + 4, 'text-anchor': 'end' }, moneyShort(v, currency)));
  }
  const labelEvery = Math.ceil(points.length / 12);
  points.forEach((p, i) => {
    const cx = left + band * i + band / 2;
    const g = s('g', { 'data-day': p.key }, s('title', {}, p.title));
    g.append(s('rect', { class: 'bar', x: cx - barW - 1, y: y(p.spend), width: barW, height: Math.max(0, y(0) - y(p.spend)), rx: 2 }));
    g.append(s('rect', { class: 'bar saved', x: cx + 1, y: y(p.saved), width: barW, height: Math.max(0, y(0) - y(p.saved)), rx: 2 }));
    // A wide transparent target so the tooltip is easy to hit.
    g.append(s('rect', { x: cx - band / 2, y: top, width: band, height: plotH, fill: 'transparent' }));
    svg.append(g);
    if (i % labelEvery === 0) svg.append(s('text', { x: cx, y: H - 10, 'text-anchor': 'middle' }, p.label));
  });
  fill(container, svg, h('div', { class: 'legend-inline' },
    h('span', { class: 'series-key' }, h('span', { class: 'swatch c0' }), 'Spend'),
    h('span', { class: 'series-key' }, h('span', { class: 'swatch c3' }), 'Saved by answering inside the window')));
}

/**
 * Horizontal bars, largest first.
 * @param items [{label, value, amount, note}] value is numeric, amount the exact decimal string
 */
export function horizontalBars(container, items, currency) {
  if (!items.length) return fill(container, h('p', { class: 'empty' }, 'No spend this month.'));
  const W = 320, rowH = 28, left = 40, right = 78;
  const H = rowH * items.length + 4;
  const max = Math.max(...items.map((i) => i.value), 0) || 1;
  const svg = s('svg', { viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-label': 'Spend by market' });
  items.forEach((item, i) => {
    const yTop = i * rowH + 4;
    const w = Math.max(item.value > 0 ? 3 : 0, ((W - left - right) * item.value) / max);
    svg.append(s('g', {},
      s('title', {}, `${item.label}: ${money(item.amount, currency)} · ${item.note}`),
      s('text', { class: 'label', x: 0, y: yTop + 15 }, item.label),
      s('rect', { class: 'bar', x: left, y: yTop + 3, width: w, height: 16, rx: 3 }),
      s('text', { x: left + w + 8, y: yTop + 15 }, money(item.amount, currency))));
  });
  fill(container, svg);
}

/**
 * A donut of shares with a legend.
 * @param items [{label, value, amount, note}]
 */
export function donut(container, items, currency, centre) {
  const total = items.reduce((sum, i) => sum + i.value, 0);
  const R = 62, C = 2 * Math.PI * R;
  const svg = s('svg', { viewBox: '0 0 180 180', role: 'img', 'aria-label': 'Spend by category', class: 'donut' });
  svg.append(s('circle', { cx: 90, cy: 90, r: R, fill: 'none', stroke: '#eef0f4', 'stroke-width': 24 }));
  let offset = 0;
  items.forEach((item, i) => {
    if (!(item.value > 0) || !(total > 0)) return;
    const len = (item.value / total) * C;
    svg.append(s('circle', {
      class: 'c' + (i % 6), cx: 90, cy: 90, r: R, fill: 'none', stroke: 'currentColor', 'stroke-width': 24,
      'stroke-dasharray': `${len} ${C - len}`, 'stroke-dashoffset': -offset, transform: 'rotate(-90 90 90)',
    }, s('title', {}, `${item.label}: ${money(item.amount, currency)}`)));
    offset += len;
  });
  svg.append(s('text', { class: 'donut-total', x: 90, y: 92, 'text-anchor': 'middle' }, centre));
  svg.append(s('text', { x: 90, y: 110, 'text-anchor': 'middle' }, 'this month'));
  const legend = h('ul', { class: 'legend' }, items.map((item, i) => h('li', {},
    h('span', { class: 'swatch c' + (i % 6) }),
    h('span', {}, item.label, h('span', { class: 'sub' }, ' · ' + item.note)),
    h('span', { class: 'value' }, money(item.amount, currency)))));
  fill(container, svg, legend);
}
