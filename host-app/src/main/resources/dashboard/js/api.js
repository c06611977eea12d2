// The admin API client. The token lives in sessionStorage: this tab only, gone when it closes.

const KEY = 'deskbridge.adminToken';

export class Unauthorized extends Error {}

export function token() {
  return sessionStorage.getItem(KEY);
}

export function setToken(value) {
  sessionStorage.setItem(KEY, value.trim());
}

export function clearToken() {
  sessionStorage.removeItem(KEY);
}

/** Takes a token handed over as `#token=...` (the demo opens the page that way) and removes it from the address bar. */
export function adoptTokenFromFragment() {
  const match = /^#token=([^&]+)/.exec(location.hash);
  if (match) {
    setToken(decodeURIComponent(match[1]));
    history.replaceState(null, '', location.pathname + location.search);
  }
}

export async function api(path, method = 'GET') {
  const response = await fetch(path, {
    method,
    headers: { Authorization: 'Bearer ' + token(), Accept: 'application/json' },
    cache: 'no-store',
  });
  if (response.status === 401) throw new Unauthorized('The admin token was not accepted.');
  const body = await response.json().catch(() => null);
  if (!response.ok) throw new Error((body && body.message) || 'The host answered HTTP ' + response.status);
  return body;
}

/** A binary answer (a QR code's image) as a Blob, fetched with the token in the header, never the URL. */
export async function download(path) {
  const response = await fetch(path, { headers: { Authorization: 'Bearer ' + token() }, cache: 'no-store' });
  if (response.status === 401) throw new Unauthorized('The admin token was not accepted.');
  if (!response.ok) {
    const body = await response.json().catch(() => null);
    throw new Error((body && body.message) || 'The host answered HTTP ' + response.status);
  }
  return response.blob();
}
