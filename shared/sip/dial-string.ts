// Pure (no I/O): used by the core before it hands a target to sip.js and by the renderer to
// validate the dial pad as the agent types. Everything an agent types, pastes or clicks
// (`tel:`/`sip:` links, the API's click-to-dial) goes through `normaliseDialString` first.
//
// Safety model: the result's `uri` is built only from characters this module has checked one
// by one (ASCII, RFC 3261 user / host / param grammar), never copied through, so it cannot
// carry CR/LF, a closing `>`, quotes, headers (`?…`) or routing parameters (`maddr`, `method`)
// into the INVITE's Request-URI or To header.

export const DIAL_STRING_ERRORS = [
  'empty',
  'too-long',
  'line-break',
  'control-character',
  'forbidden-character',
  'invalid-number',
  'unsupported-scheme',
  'uri-headers',
  'forbidden-parameter',
  'invalid-uri',
  'invalid-host',
  'invalid-domain',
] as const;
export type DialStringError = (typeof DIAL_STRING_ERRORS)[number];

export type DialTargetKind = 'number' | 'extension' | 'uri';

export interface DialTarget {
  /** A full SIP URI, ready for sip.js (`UserAgent.makeURI`). */
  uri: string;
  /** The user part: for numbers and extensions as dialled, separators dropped (`+15551234567`,
   * `#21`, unescaped); for URIs as written (`alice`, `%2321`, escapes kept). */
  user: string;
  /** The host the input named (lower-case, no port); null for numbers and extensions. */
  host: string | null;
  /** What the line shows before the far end answers: the number, or `user@host`. */
  display: string;
  kind: DialTargetKind;
}

export type DialStringResult =
  | { ok: true; target: DialTarget }
  | { ok: false; error: DialStringError; message: string };

export interface DialStringOptions {
  /** The seat's SIP domain (`pbx.lan`, `10.0.0.5:5060`): numbers and extensions go to it. */
  domain: string;
  /** Digit strings up to this long, typed without separators, are extensions. Default 6. */
  maxExtensionLength?: number;
}

/** Longest number (as typed, separators included) and longest URI accepted. */
export const MAX_NUMBER_LENGTH = 64;
export const MAX_URI_LENGTH = 256;
/** Inputs longer than this are refused before any other work (NFKC, scanning). */
const MAX_RAW_LENGTH = 4 * MAX_URI_LENGTH;
const DEFAULT_MAX_EXTENSION_LENGTH = 6;

type Step<T> = { ok: true; value: T } | { ok: false; error: DialStringError; message: string };

function fail(error: DialStringError, message: string): { ok: false; error: DialStringError; message: string } {
  return { ok: false, error, message };
}

// ---------------------------------------------------------------------------------------------
// Characters

/** Visual separators people type inside phone numbers (after NFKC): dropped. */
const NUMBER_SEPARATORS = new Set([
  ' ',
  '-',
  '.',
  '(',
  ')',
  '/',
  '\u2010', // hyphen
  '\u2011', // non-breaking hyphen
  '\u2012', // figure dash
  '\u2013', // en dash
  '\u2014', // em dash
  '\u2015', // horizontal bar
  '\u2212', // minus sign
  '\u30fc', // katakana prolonged sound mark, often typed as a dash in Japanese numbers
]);

/** Never legitimate anywhere in a dial string; each can end a header value or a name-addr. */
const FORBIDDEN_ANYWHERE: ReadonlyMap<string, string> = new Map([
  ['<', 'Angle brackets (< >)'],
  ['>', 'Angle brackets (< >)'],
  ['"', 'Quotation marks'],
  ["'", 'Apostrophes'],
  ['`', 'Backticks'],
  ['\\', 'Backslashes'],
  [',', 'Commas'],
]);

/** Format characters (zero-width spaces, bidi marks, BOM) that web pages and mail clients
 * hide inside copied numbers. Invisible, so dropping them dials what the agent sees. */
const FORMAT_CHARS = /\p{Cf}/gu;

function isLineBreak(code: number): boolean {
  return code === 0x0a || code === 0x0d || code === 0x85 || code === 0x2028 || code === 0x2029;
}

function isControl(code: number): boolean {
  return code <= 0x1f || (code >= 0x7f && code <= 0x9f);
}

/** A character for a message: quoted if it is printable ASCII, else described (a message
 * must not carry invisible or direction-changing characters). */
function describeChar(c: string): string {
  return /^[\x21-\x7e]$/.test(c) ? `"${c}"` : 'That character';
}

function checkControls(text: string): Step<null> {
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if (isLineBreak(code)) return fail('line-break', 'Line breaks are not allowed in a number or address.');
    if (isControl(code)) return fail('control-character', 'Control characters (such as tabs) are not allowed.');
  }
  // Percent-escapes of the same, which a SIP stack may decode: %0D%0A, %00, %7F…
  const escaped = /%([0-1][0-9a-f]|7f)/i.exec(text);
  if (escaped) {
    const hex = escaped[1]?.toLowerCase();
    return hex === '0d' || hex === '0a'
      ? fail('line-break', 'Encoded line breaks (%0D, %0A) are not allowed.')
      : fail('control-character', `Encoded control characters (${escaped[0]}) are not allowed.`);
  }
  return { ok: true, value: null };
}

function checkForbidden(text: string): Step<null> {
  for (const c of text) {
    const what = FORBIDDEN_ANYWHERE.get(c);
    if (what !== undefined) return fail('forbidden-character', `${what} are not allowed in a number or address.`);
  }
  return { ok: true, value: null };
}

// ---------------------------------------------------------------------------------------------
// Numbers and extensions (also the number inside a tel: URI)

interface ParsedNumber {
  /** Digits, `*`, `#`, and a leading `+`, separators dropped. */
  user: string;
  kind: 'number' | 'extension';
}

function parseNumber(text: string, maxExtensionLength: number): Step<ParsedNumber> {
  if (text.length > MAX_NUMBER_LENGTH) {
    return fail('too-long', `That number is too long (at most ${MAX_NUMBER_LENGTH} characters).`);
  }
  let user = '';
  let separated = false;
  for (const c of text) {
    if (NUMBER_SEPARATORS.has(c)) {
      separated = true;
    } else if (/^[0-9*#+]$/.test(c)) {
      user += c;
    } else if (c === ';') {
      return fail('forbidden-character', 'Semicolons are not allowed in a number.');
    } else if (/^\p{L}$/u.test(c)) {
      return fail('invalid-number', 'A phone number can contain only digits, *, # and a leading +. Letters are not allowed.');
    } else {
      return fail('invalid-number', `${describeChar(c)} is not allowed in a phone number. Use digits, *, # and a leading +.`);
    }
  }
  if (user === '') return fail('invalid-number', 'Enter at least one digit.');
  if (user.startsWith('+')) {
    if (!/^\+[0-9]+$/.test(user)) {
      return fail('invalid-number', 'An international number is + followed by digits only.');
    }
    return { ok: true, value: { user, kind: 'number' } };
  }
  if (user.includes('+')) return fail('invalid-number', 'A + is allowed only at the start of a number.');
  const extension = /[*#]/.test(user) || (!separated && user.length <= maxExtensionLength);
  return { ok: true, value: { user, kind: extension ? 'extension' : 'number' } };
}

/** The user part of a SIP URI for a dialled number: `#` must be escaped (RFC 3261 §25.1). */
function numberToSipUser(user: string): string {
  return user.replaceAll('#', '%23');
}

// ---------------------------------------------------------------------------------------------
// SIP URI pieces

/** RFC 3261 user: unreserved / escaped / user-unreserved, minus `'` (refused everywhere),
 * `;` `,` `?` (parameter, list and header delimiters, refused in the user part here). */
const SIP_USER = /^(?:[A-Za-z0-9\-_.!~*()&=+$/]|%[0-9A-Fa-f]{2})+$/;
/** RFC 3261 paramchar: param-unreserved / unreserved / escaped (minus `'`). */
const SIP_PARAM_CHARS = /^(?:[A-Za-z0-9\-_.!~*()[\]/:&+$]|%[0-9A-Fa-f]{2})+$/;
const HOST_LABEL = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;
const FORBIDDEN_PARAMS = new Set(['maddr', 'method']);

interface HostPort {
  host: string;
  port: string | null;
}

function parseHost(host: string): boolean {
  if (host.startsWith('[')) {
    // IPv6 reference: hex, colons, optional dotted IPv4 tail; at most one "::".
    if (!/^\[[0-9A-Fa-f:.]+\]$/.test(host) || !host.includes(':')) return false;
    return host.indexOf('::') === host.lastIndexOf('::');
  }
  if (/^[0-9]+(?:\.[0-9]+){3}$/.test(host)) {
    return host.split('.').every((octet) => octet.length <= 3 && Number(octet) <= 255);
  }
  const name = host.endsWith('.') ? host.slice(0, -1) : host;
  if (name.length === 0 || name.length > 253) return false;
  const labels = name.split('.');
  // RFC 3261 toplabel starts with a letter, so "10.0.0" is neither a name nor an address.
  return labels.every((label) => HOST_LABEL.test(label)) && /^[A-Za-z]/.test(labels[labels.length - 1] ?? '');
}

function parseHostPort(text: string): Step<HostPort> {
  let host = text;
  let port: string | null = null;
  if (text.startsWith('[')) {
    const close = text.indexOf(']');
    if (close >= 0 && close + 1 < text.length) {
      if (text[close + 1] !== ':') return fail('invalid-host', 'That host name is not valid.');
      host = text.slice(0, close + 1);
      port = text.slice(close + 2);
    }
  } else {
    const colon = text.indexOf(':');
    if (colon >= 0) {
      host = text.slice(0, colon);
      port = text.slice(colon + 1);
    }
  }
  if (!parseHost(host)) return fail('invalid-host', 'That host name is not valid.');
  if (port !== null && (!/^[0-9]{1,5}$/.test(port) || Number(port) < 1 || Number(port) > 65535)) {
    return fail('invalid-host', 'The port must be a number from 1 to 65535.');
  }
  return { ok: true, value: { host: host.toLowerCase(), port } };
}

function parseParams(params: readonly string[]): Step<null> {
  for (const param of params) {
    const eq = param.indexOf('=');
    const name = eq >= 0 ? param.slice(0, eq) : param;
    const value = eq >= 0 ? param.slice(eq + 1) : null;
    if (!SIP_PARAM_CHARS.test(name) || (value !== null && !SIP_PARAM_CHARS.test(value))) {
      return fail('invalid-uri', 'A parameter of that address is not valid.');
    }
    if (FORBIDDEN_PARAMS.has(name.toLowerCase())) {
      return fail('forbidden-parameter', `Addresses with a "${name.toLowerCase()}" parameter are not allowed.`);
    }
  }
  return { ok: true, value: null };
}

function parseSipUri(scheme: 'sip' | 'sips', rest: string): DialStringResult {
  if (/\s/.test(rest)) return fail('forbidden-character', 'A SIP address cannot contain spaces.');
  if (rest.includes('?')) return fail('uri-headers', 'SIP addresses with headers (the part after "?") are not allowed.');
  const at = rest.indexOf('@');
  if (at < 0) return fail('invalid-uri', 'A SIP address needs a user and a host, like sip:alice@pbx.lan.');
  if (rest.indexOf('@', at + 1) >= 0) return fail('invalid-uri', 'A SIP address can contain only one "@".');
  const user = rest.slice(0, at);
  const [hostPort = '', ...params] = rest.slice(at + 1).split(';');
  if (user === '') return fail('invalid-uri', 'A SIP address needs a user before the "@", like sip:alice@pbx.lan.');
  if (user.includes(':')) return fail('invalid-uri', 'Addresses with a password (user:password@host) are not allowed.');
  if (user.includes(';')) return fail('forbidden-character', 'Semicolons are not allowed in the user part of an address.');
  if (!SIP_USER.test(user)) {
    const bad = [...user].find((c) => !/^[A-Za-z0-9\-_.!~*()&=+$/%]$/.test(c));
    return bad === undefined
      ? fail('invalid-uri', 'The user part has a broken %-escape (use % followed by two hex digits).')
      : fail('invalid-uri', `${describeChar(bad)} is not allowed in the user part of a SIP address.`);
  }
  const hp = parseHostPort(hostPort);
  if (!hp.ok) return hp;
  const checked = parseParams(params);
  if (!checked.ok) return checked;
  const { host, port } = hp.value;
  const uri = `${scheme}:${user}@${host}${port === null ? '' : `:${port}`}${params.map((p) => `;${p}`).join('')}`;
  return { ok: true, target: { uri, user, host, display: `${user}@${host}`, kind: 'uri' } };
}

// ---------------------------------------------------------------------------------------------
// Entry points

/** `sip:<user>@<seat domain>`, or null when the seat's domain is not a valid host[:port]. */
function atSeatDomain(sipUser: string, domain: string): string | null {
  const hp = /[;?@\s]/.test(domain) ? null : parseHostPort(domain);
  if (hp === null || !hp.ok) return null;
  const { host, port } = hp.value;
  return `sip:${sipUser}@${host}${port === null ? '' : `:${port}`}`;
}

const BAD_DOMAIN = "This seat's SIP domain is not valid, so numbers cannot be dialled. Ask an administrator to check it.";

function numberTarget(parsed: ParsedNumber, domain: string): DialStringResult {
  const uri = atSeatDomain(numberToSipUser(parsed.user), domain);
  if (uri === null) return fail('invalid-domain', BAD_DOMAIN);
  return { ok: true, target: { uri, user: parsed.user, host: null, display: parsed.user, kind: parsed.kind } };
}

function parseTel(rest: string, options: DialStringOptions): DialStringResult {
  if (rest.includes('?')) return fail('uri-headers', 'Addresses with headers (the part after "?") are not allowed.');
  const [number = '', ...params] = rest.split(';');
  // RFC 3966 parameters (phone-context, ext, isub) are checked for shape, then dropped.
  if (params.some((p) => /\s/.test(p))) return fail('forbidden-character', 'A tel: address cannot contain spaces in its parameters.');
  const checked = parseParams(params);
  if (!checked.ok) return checked;
  const parsed = parseNumber(number.trim(), options.maxExtensionLength ?? DEFAULT_MAX_EXTENSION_LENGTH);
  return parsed.ok ? numberTarget(parsed.value, options.domain) : parsed;
}

/**
 * What an agent typed, pasted or clicked, as a SIP target: a phone number, an extension or
 * feature code, a `tel:` URI, a `sip:`/`sips:` URI, or a bare `user@host`. Full-width and other
 * compatibility characters are folded (NFKC) first; numbers lose their visual separators.
 * Dangerous or malformed input is refused with an error code (for the UI's message catalogue)
 * and an English message.
 */
export function normaliseDialString(input: string, options: DialStringOptions): DialStringResult {
  if (input.length > MAX_RAW_LENGTH) {
    return fail('too-long', `That is too long (at most ${MAX_URI_LENGTH} characters for an address).`);
  }
  const raw = checkControls(input);
  if (!raw.ok) return raw;
  const text = input.normalize('NFKC').replace(FORMAT_CHARS, '').trim();
  const folded = checkControls(text);
  if (!folded.ok) return folded;
  if (text === '') return fail('empty', 'Enter a number, an extension or a SIP address.');
  const forbidden = checkForbidden(text);
  if (!forbidden.ok) return forbidden;

  const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(text)?.[1];
  if (scheme !== undefined) {
    if (text.length > MAX_URI_LENGTH) {
      return fail('too-long', `That address is too long (at most ${MAX_URI_LENGTH} characters).`);
    }
    const lower = scheme.toLowerCase();
    const rest = text.slice(scheme.length + 1);
    if (lower === 'sip' || lower === 'sips') return parseSipUri(lower, rest);
    if (lower === 'tel') return parseTel(rest, options);
    const shown = scheme.length <= 16 ? `"${lower}:" addresses` : 'Those addresses';
    return fail('unsupported-scheme', `${shown} cannot be dialled. Use a number, an extension, or a sip: or tel: address.`);
  }
  if (text.includes('@')) {
    if (text.length > MAX_URI_LENGTH) {
      return fail('too-long', `That address is too long (at most ${MAX_URI_LENGTH} characters).`);
    }
    return parseSipUri('sip', text);
  }
  // A bare name ("alice", "sales-queue") is a user at the seat's own domain, as on most PBXs.
  if (NAMED_USER.test(text)) return namedTarget(text, options.domain);
  const parsed = parseNumber(text, options.maxExtensionLength ?? DEFAULT_MAX_EXTENSION_LENGTH);
  return parsed.ok ? numberTarget(parsed.value, options.domain) : parsed;
}

/** Starts with a letter, then letters, digits, `.`, `_` or `-`: safe as a SIP user unescaped. */
const NAMED_USER = /^[A-Za-z][A-Za-z0-9._-]{0,63}$/;

function namedTarget(user: string, domain: string): DialStringResult {
  const uri = atSeatDomain(user, domain);
  if (uri === null) return fail('invalid-domain', BAD_DOMAIN);
  return { ok: true, target: { uri, user, host: null, display: user, kind: 'extension' } };
}

// ---------------------------------------------------------------------------------------------
// DTMF

/** The sixteen DTMF events of RFC 4733 §3.2 that a keypad can send, canonical (upper) case. */
export const DTMF_DIGITS = '0123456789*#ABCD';
export const MAX_DTMF_LENGTH = 64;

/** True for exactly one canonical DTMF digit: 0-9, *, #, A-D (upper case only). */
export function isDtmfDigit(c: string): boolean {
  return c.length === 1 && DTMF_DIGITS.includes(c);
}

export type DtmfError = 'empty' | 'too-long' | 'invalid-digit';
export type DtmfResult = { ok: true; digits: string } | { ok: false; error: DtmfError; message: string };

/**
 * Digits to send as DTMF: full-width folded (NFKC), a-d upper-cased, visual separators
 * (spaces, dashes, dots, brackets, slashes) dropped. Anything else refuses the whole string
 * rather than sending part of a PIN.
 */
export function normaliseDtmf(input: string): DtmfResult {
  if (input.length > 4 * MAX_DTMF_LENGTH) {
    return { ok: false, error: 'too-long', message: `Send at most ${MAX_DTMF_LENGTH} digits at a time.` };
  }
  let digits = '';
  for (const c of input.normalize('NFKC').replace(FORMAT_CHARS, '')) {
    if (NUMBER_SEPARATORS.has(c)) continue;
    const d = /^[a-d]$/.test(c) ? c.toUpperCase() : c;
    if (!isDtmfDigit(d)) {
      return {
        ok: false,
        error: 'invalid-digit',
        message: `${describeChar(c)} is not a keypad digit. Use 0-9, *, # or A-D.`,
      };
    }
    digits += d;
  }
  if (digits === '') return { ok: false, error: 'empty', message: 'Enter the digits to send.' };
  if (digits.length > MAX_DTMF_LENGTH) {
    return { ok: false, error: 'too-long', message: `Send at most ${MAX_DTMF_LENGTH} digits at a time.` };
  }
  return { ok: true, digits };
}
