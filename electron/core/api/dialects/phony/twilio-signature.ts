import { createHmac, timingSafeEqual } from 'node:crypto';

/** Form parameters as Twilio sent them; a name may repeat. */
export type TwilioParams = URLSearchParams | Record<string, string | readonly string[]>;

function entries(params: TwilioParams): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const add = (k: string, v: string) => out.set(k, [...(out.get(k) ?? []), v]);
  if (params instanceof URLSearchParams) for (const [k, v] of params) add(k, v);
  else for (const [k, v] of Object.entries(params)) for (const one of typeof v === 'string' ? [v] : v) add(k, one);
  return out;
}

/**
 * `X-Twilio-Signature`: base64 HMAC-SHA1, keyed with the account's auth token, over the full
 * URL Twilio requested (query string included) followed by every POST parameter as name+value,
 * names in sorted order (a repeated name: its values sorted).
 */
export function twilioSignature(authToken: string, url: string, params: TwilioParams): string {
  let data = url;
  const byName = entries(params);
  for (const name of [...byName.keys()].sort()) for (const value of [...byName.get(name)!].sort()) data += name + value;
  return createHmac('sha1', authToken).update(data, 'utf8').digest('base64');
}

/**
 * The URL as signed may carry the scheme's default port or not (Twilio's own validators accept
 * both): `https://host/x` and `https://host:443/x`.
 */
export function urlVariants(url: string): string[] {
  const m = /^(https?):\/\/([^/?#:]+)(:\d+)?(.*)$/i.exec(url);
  if (!m) return [url];
  const [, scheme, host, port, rest] = m;
  const defaultPort = scheme!.toLowerCase() === 'https' ? ':443' : ':80';
  if (port && port !== defaultPort) return [url];
  return [`${scheme}://${host}${rest}`, `${scheme}://${host}${defaultPort}${rest}`];
}

/** Constant-time check of a signature against the URL (and its default-port twin) and params. */
export function verifyTwilioSignature(authToken: string, signature: string, url: string, params: TwilioParams): boolean {
  const given = Buffer.from(signature, 'utf8');
  let ok = false;
  for (const candidate of urlVariants(url)) {
    const expected = Buffer.from(twilioSignature(authToken, candidate, params), 'utf8');
    if (given.length === expected.length && timingSafeEqual(given, expected)) ok = true;
  }
  return ok;
}
