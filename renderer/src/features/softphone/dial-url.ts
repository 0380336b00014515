// Pure: click-to-dial from outside and inside the console.
//
// From outside, a link to the console carries the target in the `dial` query parameter of the
// page address: `https://hub.example/?dial=tel:+15551234567`, `/?dial=1002`,
// `/?dial=sip:carol@pbx.lan` (encoded or not: a `+` is kept as a plus, not read as a space,
// since a phone number is what it means here). `#/softphone?dial=1002` works too. The
// console prefills the dial pad, opens the softphone and asks the agent to confirm before it
// dials (a page opened by a link never places a call by itself). Inside the console, clicking
// a `tel:` / `sip:` link puts its target in the dial input.
//
// Whatever comes out of here is still only text for the dial input: the dial validation
// (shared/sip/dial-string.ts) decides whether it can be called.

/** Longer values are not dial targets (the dial string rules refuse them anyway). */
const MAX_TARGET = 256;

/**
 * A `tel:` / `sip:` / `sips:` link's target as the dial input should show it: `tel:` numbers
 * without the scheme and parameters (`tel:+1-555-123-4567;ext=9` → `+1-555-123-4567`), SIP URIs
 * as written. Null for anything else.
 */
export function dialTargetFromLink(href: string): string | null {
  const raw = href.trim();
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(raw)?.[1]?.toLowerCase();
  if (scheme === 'tel' || scheme === 'callto') {
    const number = safeDecode(raw.slice(scheme.length + 1).replace(/^\/\//, '')).split(';')[0] ?? '';
    return clean(number);
  }
  if (scheme === 'sip' || scheme === 'sips') return clean(safeDecode(raw));
  return null;
}

/** The click-to-dial target of a console address, or null when it has none. */
export function dialParamFrom(href: string): string | null {
  let url: URL;
  try {
    url = new URL(href, 'http://console.invalid/');
  } catch {
    return null;
  }
  const hashQuery = url.hash.includes('?') ? url.hash.slice(url.hash.indexOf('?') + 1) : '';
  const value = rawParam(url.search.replace(/^\?/, ''), 'dial') ?? rawParam(hashQuery, 'dial');
  if (value === null) return null;
  return dialTargetFromLink(value) ?? clean(value);
}

/** A query parameter, percent-decoded but with `+` kept (URLSearchParams reads it as a space). */
function rawParam(query: string, name: string): string | null {
  for (const pair of query.split('&')) {
    const at = pair.indexOf('=');
    const key = at < 0 ? pair : pair.slice(0, at);
    if (safeDecode(key) === name) return at < 0 ? '' : safeDecode(pair.slice(at + 1));
  }
  return null;
}

/** The same address without the `dial` parameter (so a reload does not ask again). */
export function withoutDialParam(href: string): string {
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    return href;
  }
  url.searchParams.delete('dial');
  if (url.hash.includes('?')) {
    const at = url.hash.indexOf('?');
    const params = new URLSearchParams(url.hash.slice(at + 1));
    params.delete('dial');
    const rest = params.toString();
    url.hash = url.hash.slice(0, at) + (rest ? `?${rest}` : '');
  }
  return url.toString();
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

function clean(value: string): string | null {
  const trimmed = value.trim();
  if (trimmed === '' || trimmed.length > MAX_TARGET) return null;
  // Control characters (line breaks above all) never reach the dial input.
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(trimmed)) return null;
  return trimmed;
}
