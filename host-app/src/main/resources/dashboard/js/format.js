// Formatting of money, instants and durations. Amounts arrive as decimal strings.

const moneyFormats = new Map();

export function money(amount, currency) {
  if (amount === null || amount === undefined) return '—';
  let f = moneyFormats.get(currency);
  if (!f) {
    f = new Intl.NumberFormat('en-US', { style: 'currency', currency, minimumFractionDigits: 2, maximumFractionDigits: 4 });
    moneyFormats.set(currency, f);
  }
  return f.format(Number(amount));
}

/** A compact amount for chart axes. */
export function moneyShort(value, currency) {
  return new Intl.NumberFormat('en-US', { style: 'currency', currency, maximumFractionDigits: value < 1 ? 3 : 2 })
    .format(value);
}

const utcTime = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', timeZone: 'UTC' });
const utcDay = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' });
const utcFull = new Intl.DateTimeFormat('en-GB', {
  weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit',
  second: '2-digit', timeZone: 'UTC',
});

export function clock(ms) {
  return utcFull.format(new Date(ms)).replace(',', '') + ' UTC';
}

/** "14:05", "yesterday 09:10", "12 Sep 09:10", relative to the host's now. */
export function when(iso, nowMs) {
  if (!iso) return '—';
  const t = Date.parse(iso);
  const day = (ms) => Math.floor(ms / 86400000);
  const diff = day(nowMs) - day(t);
  const time = utcTime.format(new Date(t));
  if (diff === 0) return 'today ' + time;
  if (diff === 1) return 'yesterday ' + time;
  return utcDay.format(new Date(t)) + ' ' + time;
}

/** "23h 05m", "4m 10s". */
export function countdown(ms) {
  const s = Math.max(0, Math.floor(ms / 1000));
  const hours = Math.floor(s / 3600);
  const minutes = Math.floor((s % 3600) / 60);
  const seconds = s % 60;
  return hours > 0 ? `${hours}h ${String(minutes).padStart(2, '0')}m` : `${minutes}m ${String(seconds).padStart(2, '0')}s`;
}

export function dayLabel(isoDate) {
  return utcDay.format(new Date(isoDate + 'T00:00:00Z'));
}

export function monthLabel(yyyyMm) {
  return new Intl.DateTimeFormat('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' })
    .format(new Date(yyyyMm + '-01T00:00:00Z'));
}

export function plural(n, one, many) {
  return `${n} ${n === 1 ? one : many || one + 's'}`;
}
