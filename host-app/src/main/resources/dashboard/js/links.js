// Click-to-chat links from /api/links: where each is placed, its wa.me link, and its QR code's image.
// The image is fetched with the admin token and handed to the browser as a blob, so the token never
// appears in a URL and nothing is loaded from elsewhere.

import { api, download, Unauthorized } from './api.js';
import { $, fill, h } from './dom.js';

// Links change when an operator makes one: asking once a minute is plenty.
const REFRESH_MS = 60000;
let fetchedAt = 0;

function qrActions(link) {
  if (!link.qrCode) return h('span', { class: 'sub' }, 'wa.me only (no QR code)');
  const button = (format, label) => h('button', {
    type: 'button', class: 'button small', 'data-qr': format,
    onclick: (e) => downloadQr(e.currentTarget, link.code, format),
  }, label);
  return h('div', { class: 'qr-actions' }, button('png', 'Download QR (PNG)'), button('svg', 'SVG'));
}

function row(link) {
  return h('tr', { 'data-code': link.code },
    h('td', {}, h('div', {}, link.name), h('div', { class: 'sub' }, link.channel)),
    h('td', {}, h('span', { class: 'chip' }, link.source)),
    h('td', { class: 'mono' }, link.code),
    h('td', { class: 'link-url' },
      h('a', { href: link.waMeUrl, target: '_blank', rel: 'noopener noreferrer', title: link.prefilledMessage },
        link.waMeUrl),
      link.shortLink ? h('div', { class: 'sub' }, link.shortLink) : null),
    h('td', { class: 'num' }, qrActions(link)));
}

/** Fetches the image with the token, then saves it through an object URL and a download anchor. */
async function downloadQr(button, code, format) {
  const tr = button.closest('tr');
  const label = button.textContent;
  button.disabled = true;
  button.textContent = 'Downloading…';
  try {
    const blob = await download(`/api/links/${encodeURIComponent(code)}/qr?format=${format}`);
    const url = URL.createObjectURL(blob);
    const a = h('a', { href: url, download: `whatsapp-${code}.${format}`, hidden: true });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
    // What was saved, for the operator's eye (title) and for the browser test.
    tr.dataset.downloaded = format;
    tr.dataset.downloadedType = blob.type;
    tr.dataset.downloadedBytes = String(blob.size);
    $('links-caption').textContent = `Saved whatsapp-${code}.${format} (${blob.size} bytes)`;
  } catch (error) {
    if (error instanceof Unauthorized) throw error;
    $('links-caption').textContent = `QR code of ${code}: ${error.message}`;
  } finally {
    button.disabled = false;
    button.textContent = label;
  }
}

/** Loads and draws the panel; at most once a minute unless `force`. */
export async function loadLinks(force = false) {
  const panel = $('links');
  if (!panel || (!force && Date.now() - fetchedAt < REFRESH_MS)) return;
  fetchedAt = Date.now();
  let answer;
  try {
    answer = await api('/api/links');
  } catch (error) {
    if (error instanceof Unauthorized) throw error;
    // The rest of the dashboard stays useful; this panel says why it is empty.
    $('links-caption').textContent = 'Not available: ' + error.message;
    return;
  }
  fill($('links-table').tBodies[0], answer.links.map(row));
  $('links-empty').hidden = answer.links.length > 0;
  $('links-caption').textContent = answer.links.length ? `${answer.links.length} active` : '';
}
