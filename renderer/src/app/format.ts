// Locale-aware formatting for numbers, times, durations and phone numbers (Intl underneath).
// Pure functions of (value, locale) so they are cheap to test and to memoise per language.

const cache = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat>();

function dateFormat(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `d|${locale}|${JSON.stringify(options)}`;
  let f = cache.get(key) as Intl.DateTimeFormat | undefined;
  if (!f) cache.set(key, (f = new Intl.DateTimeFormat(locale, options)));
  return f;
}

function numberFormat(locale: string, options: Intl.NumberFormatOptions = {}): Intl.NumberFormat {
  const key = `n|${locale}|${JSON.stringify(options)}`;
  let f = cache.get(key) as Intl.NumberFormat | undefined;
  if (!f) cache.set(key, (f = new Intl.NumberFormat(locale, options)));
  return f;
}

export function formatNumber(value: number, locale: string): string {
  return numberFormat(locale).format(value);
}

/** Date and time for tables: "Mar 4, 14:05" / "3月4日 14:05". */
export function formatDateTime(iso: string | null, locale: string): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return dateFormat(locale, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' }).format(d);
}

/** Full date and time with seconds, for details. */
export function formatFullDateTime(iso: string | null, locale: string): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return dateFormat(locale, { dateStyle: 'medium', timeStyle: 'medium' }).format(d);
}

/** Time of day with seconds, for timelines. */
export function formatTime(iso: string | null, locale: string): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return dateFormat(locale, { hour: '2-digit', minute: '2-digit', second: '2-digit' }).format(d);
}

/** A duration as a clock: "4:05", "1:02:03". */
export function formatDuration(totalSeconds: number | null, locale: string): string {
  if (totalSeconds === null || !Number.isFinite(totalSeconds) || totalSeconds < 0) return '';
  const s = Math.floor(totalSeconds);
  const hours = Math.floor(s / 3600);
  const minutes = Math.floor((s % 3600) / 60);
  const seconds = s % 60;
  const two = numberFormat(locale, { minimumIntegerDigits: 2, useGrouping: false });
  const one = numberFormat(locale, { useGrouping: false });
  return hours > 0 ? `${one.format(hours)}:${two.format(minutes)}:${two.format(seconds)}` : `${one.format(minutes)}:${two.format(seconds)}`;
}

interface DurationFormatLike {
  format(duration: { hours?: number; minutes?: number; seconds?: number }): string;
}
type DurationFormatCtor = new (locale: string, options: { style: 'long' | 'short' | 'narrow' }) => DurationFormatLike;

/** A duration in words for screen readers: "4 minutes, 5 seconds" (Intl.DurationFormat when present). */
export function formatDurationLong(totalSeconds: number | null, locale: string): string {
  if (totalSeconds === null || !Number.isFinite(totalSeconds) || totalSeconds < 0) return '';
  const s = Math.floor(totalSeconds);
  const parts = { hours: Math.floor(s / 3600), minutes: Math.floor((s % 3600) / 60), seconds: s % 60 };
  const Ctor = (Intl as unknown as { DurationFormat?: DurationFormatCtor }).DurationFormat;
  if (Ctor) return new Ctor(locale, { style: 'long' }).format(parts);
  return formatDuration(totalSeconds, locale);
}

/** Country calling codes whose numbers a locale writes in national form. */
const HOME_COUNTRY: Record<string, string> = { en: '1', ja: '81' };

function groupNanp(n: string): [string, string, string] {
  return [n.slice(0, 3), n.slice(3, 6), n.slice(6)];
}

function groupJapan(n: string): string[] {
  // n is the national significant number (no leading 0).
  if (/^[789]0\d{8}$/.test(n)) return [n.slice(0, 2), n.slice(2, 6), n.slice(6)]; // mobile
  if (/^(3|6)\d{8}$/.test(n)) return [n.slice(0, 1), n.slice(1, 5), n.slice(5)]; // Tokyo, Osaka
  if (/^\d{9}$/.test(n)) return [n.slice(0, 2), n.slice(2, 5), n.slice(5)];
  return [n];
}

/**
 * A phone number or SIP address as a person reads it. Numbers in the locale's own country
 * are written nationally ("(415) 555-0100", "03-1234-5678"), others internationally
 * ("+81 3 1234 5678"); extensions and SIP addresses stay as they are.
 */
export function formatPhone(raw: string | null, locale: string): string {
  if (!raw) return '';
  let value = raw.trim().replace(/^(sips?|tel):/i, '');
  const at = value.indexOf('@');
  if (at > 0) {
    const user = value.slice(0, at);
    if (!/^\+?[\d*#]+$/.test(user)) return value;
    value = user;
  }
  if (!/^\+?[\d\s().-]+$/.test(value)) return value;
  const digits = value.replace(/[^\d+]/g, '');
  const home = HOME_COUNTRY[locale.toLowerCase().split('-')[0] ?? ''] ?? '';

  if (/^\+1\d{10}$/.test(digits)) {
    const [a, b, c] = groupNanp(digits.slice(2));
    return home === '1' ? `(${a}) ${b}-${c}` : `+1 ${a} ${b} ${c}`;
  }
  if (/^\+81\d{9,10}$/.test(digits)) {
    const groups = groupJapan(digits.slice(3));
    return home === '81' ? `0${groups.join('-')}` : `+81 ${groups.join(' ')}`;
  }
  if (!digits.startsWith('+')) {
    // NANP area codes and exchanges never start with 0 or 1 (a Japanese 03… number is not one).
    if (home === '1' && /^[2-9]\d{2}[2-9]\d{6}$/.test(digits)) {
      const [a, b, c] = groupNanp(digits);
      return `(${a}) ${b}-${c}`;
    }
    if (home === '81' && /^0\d{9,10}$/.test(digits)) return `0${groupJapan(digits.slice(1)).join('-')}`;
  }
  return value;
}
