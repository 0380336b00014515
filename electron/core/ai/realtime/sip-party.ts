// Who called and which number they dialled, read from the SIP INVITE headers OpenAI forwards in
// `realtime.call.incoming` (untrusted caller data: only a phone number or a plain user name is
// taken from it, never the rest of the header).
import { normalisePhone } from './phone-number.ts';

export interface SipHeader {
  name: string;
  value: string;
}

/** Compact header names of RFC 3261 §7.3.3. */
const COMPACT: Record<string, string> = { f: 'from', t: 'to' };

export function headerValue(headers: readonly SipHeader[], name: string): string | null {
  const wanted = name.toLowerCase();
  const found = headers.find((h) => {
    const n = h.name.trim().toLowerCase();
    return (COMPACT[n] ?? n) === wanted;
  });
  return found ? found.value : null;
}

/** The user part of the URI in a name-addr (`"Bob" <sip:+8180…@host;user=phone>;tag=1`) or addr-spec. */
export function uriUser(value: string): string | null {
  const inBrackets = /<([^>]*)>/.exec(value)?.[1];
  const uri = (inBrackets ?? value.split(';')[0] ?? '').trim();
  const m = /^(sips?|tel):(.*)$/i.exec(uri);
  if (!m) return null;
  const rest = m[2] ?? '';
  const user = m[1]!.toLowerCase() === 'tel' ? rest.split(';')[0]! : rest.includes('@') ? rest.slice(0, rest.indexOf('@')).split(';')[0]! : '';
  try {
    return decodeURIComponent(user).trim() || null;
  } catch {
    return null;
  }
}

/** The phone number in a From/To header, in seed 001's form; null for `anonymous`, names and junk. */
export function phoneInHeader(value: string | null): string | null {
  if (value === null) return null;
  const user = uriUser(value);
  return user === null ? null : normalisePhone(user);
}

const PLAIN_USER = /^[A-Za-z0-9._+-]{1,64}$/;

/**
 * Set by the TwiML of Phony's `/receive_call` and `/start_call` (seed 003) on the call it bridges
 * to the AI voice agents: the number the caller dialled on Twilio. That INVITE's `To` is only the
 * project's SIP address (`proj_…`), which names no assistant.
 */
export const BRIDGED_NUMBER_HEADER = 'x-earshot-number';

/** A header value that may still carry the %-escapes of the SIP URI it was given in (`%2B1555…`). */
function unescaped(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/**
 * The dialled number: a bridged call's `X-Earshot-Number` when it holds a phone number, else
 * the one in `To`; a non-numeric SIP user (e.g. OpenAI's `proj_…`) as written; else `unknown`.
 */
export function dialledNumber(headers: readonly SipHeader[]): string {
  const bridged = headerValue(headers, BRIDGED_NUMBER_HEADER);
  const bridgedNumber = bridged === null ? null : normalisePhone(unescaped(bridged).trim());
  if (bridgedNumber !== null) return bridgedNumber;
  const to = headerValue(headers, 'to');
  const number = phoneInHeader(to);
  if (number !== null) return number;
  const user = to === null ? null : uriUser(to);
  return user !== null && PLAIN_USER.test(user) ? user : 'unknown';
}

export interface CallerSources {
  sipHeaders: readonly SipHeader[];
  /** The webhook request's HTTP headers (lower-case names). */
  httpHeaders: Record<string, string | string[] | undefined>;
  query: Record<string, unknown>;
  /** The parsed webhook body. */
  body: unknown;
  /** Tenant setting or DEFAULT_PHONE_NUMBER. */
  defaultNumber: string | null;
}

export type CallerSource = 'sip-from' | 'http-header' | 'query' | 'body' | 'default' | 'anonymous';

const first = (v: string | string[] | undefined): string | null => (Array.isArray(v) ? (v[0] ?? null) : (v ?? null));

/**
 * Seed 001's order: the SIP `From`; then the HTTP headers `X-Phone-Number` and `From`, `?phone=`,
 * the JSON body's `phone`; then the configured default; else `anonymous`.
 */
export function callerNumber(src: CallerSources): { number: string; source: CallerSource } {
  const sip = phoneInHeader(headerValue(src.sipHeaders, 'from'));
  if (sip !== null) return { number: sip, source: 'sip-from' };
  for (const h of ['x-phone-number', 'from']) {
    const raw = first(src.httpHeaders[h]);
    const n = raw === null ? null : (normalisePhone(raw) ?? phoneInHeader(raw));
    if (n !== null) return { number: n, source: 'http-header' };
  }
  const q = src.query.phone;
  if (typeof q === 'string' && normalisePhone(q) !== null) return { number: normalisePhone(q)!, source: 'query' };
  const b = (src.body as { phone?: unknown } | null)?.phone;
  if (typeof b === 'string' && normalisePhone(b) !== null) return { number: normalisePhone(b)!, source: 'body' };
  const d = src.defaultNumber === null ? null : normalisePhone(src.defaultNumber);
  if (d !== null) return { number: d, source: 'default' };
  return { number: 'anonymous', source: 'anonymous' };
}
