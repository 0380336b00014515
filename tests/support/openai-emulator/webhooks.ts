// Webhook delivery the way OpenAI sends it (Standard Webhooks): a JSON event POSTed with
// `webhook-id`, `webhook-timestamp` (unix seconds) and `webhook-signature: v1,<base64
// HMAC-SHA256 of "id.timestamp.body">`, keyed with the base64-decoded part of the whsec_
// secret. Variants for receivers' negative tests: a wrong signature, an old timestamp, and a
// byte-for-byte replay of an earlier delivery.
import { createHmac, randomBytes } from 'node:crypto';
import { newId, nowSeconds } from './ids.ts';
import type { SipHeader } from './realtime-calls.ts';

export interface SendWebhookOptions {
  /** Sign with a different secret, so verification must fail. */
  badSignature?: boolean;
  /** Date the timestamp this many seconds back (e.g. 600: older than the SDK's 300 s tolerance). */
  ageSeconds?: number;
  /** The webhook-id header (default: a fresh `wh_…`). */
  id?: string;
}

export interface WebhookDelivery {
  url: string;
  id: string;
  timestamp: number;
  /** The exact body sent. */
  payload: string;
  /** The exact headers sent. */
  headers: Record<string, string>;
  /** The receiver's answer. */
  status: number;
  body: string;
}

export interface IncomingCallOptions {
  /** Caller: an E.164 number or a full sip: URI (default +818012345678). */
  from?: string;
  /** Display name in From (default none). */
  fromName?: string;
  /** Dialled number or sip: URI (default +81312345678). */
  to?: string;
  /** More SIP headers, after From, To and Call-ID. */
  extraHeaders?: SipHeader[];
  /** Default: a fresh rtc_… id. */
  callId?: string;
}

export function newWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString('base64')}`;
}

export function signWebhook(secret: string, id: string, timestamp: number, payload: string): string {
  const key = secret.startsWith('whsec_') ? Buffer.from(secret.slice('whsec_'.length), 'base64') : Buffer.from(secret, 'utf8');
  return `v1,${createHmac('sha256', key).update(`${id}.${timestamp}.${payload}`).digest('base64')}`;
}

async function post(url: string, payload: string, headers: Record<string, string>): Promise<{ status: number; body: string }> {
  const res = await fetch(url, { method: 'POST', headers, body: payload, signal: AbortSignal.timeout(30_000) });
  return { status: res.status, body: await res.text() };
}

export async function sendWebhook(url: string, event: object, secret: string, opts: SendWebhookOptions = {}): Promise<WebhookDelivery> {
  const id = opts.id ?? newId('wh_', 16);
  const timestamp = nowSeconds() - (opts.ageSeconds ?? 0);
  const payload = JSON.stringify(event);
  const headers = {
    'content-type': 'application/json',
    'user-agent': 'OpenAI/1.0 (+https://platform.openai.com/docs/webhooks)',
    'webhook-id': id,
    'webhook-timestamp': String(timestamp),
    'webhook-signature': signWebhook(opts.badSignature ? newWebhookSecret() : secret, id, timestamp, payload),
  };
  return { url, id, timestamp, payload, headers, ...(await post(url, payload, headers)) };
}

/** Sends an earlier delivery again, byte for byte (same id, timestamp, signature, body). */
export async function replayWebhook(d: WebhookDelivery, url = d.url): Promise<WebhookDelivery> {
  return { ...d, url, ...(await post(url, d.payload, d.headers)) };
}

function sipUri(numberOrUri: string, host: string): string {
  return /^sips?:/i.test(numberOrUri) ? numberOrUri : `sip:${numberOrUri}@${host}`;
}

export function incomingSipHeaders(opts: IncomingCallOptions): SipHeader[] {
  const from = sipUri(opts.from ?? '+818012345678', 'pstn.example.com');
  const name = opts.fromName !== undefined ? `"${opts.fromName}" ` : '';
  return [
    { name: 'From', value: `${name}<${from}>;tag=${randomBytes(6).toString('hex')}` },
    { name: 'To', value: `<${sipUri(opts.to ?? '+81312345678', 'sip.api.openai.com')}>` },
    { name: 'Call-ID', value: `${randomBytes(12).toString('hex')}@pstn.example.com` },
    ...(opts.extraHeaders ?? []),
  ];
}

/** The `realtime.call.incoming` event OpenAI posts when a SIP call arrives. */
export function incomingCallEvent(callId: string, sipHeaders: SipHeader[]): Record<string, unknown> {
  return {
    object: 'event',
    id: newId('evt_', 16),
    type: 'realtime.call.incoming',
    created_at: nowSeconds(),
    data: { call_id: callId, sip_headers: sipHeaders },
  };
}
