import type { OpenAI } from 'openai';
import { badRequest, CoreError } from '../../errors.ts';

/** Standard Webhooks' tolerance, the SDK's default: older or newer timestamps are refused. */
export const WEBHOOK_TOLERANCE_S = 300;

const HEADERS = ['webhook-id', 'webhook-timestamp', 'webhook-signature'] as const;

export interface VerifiedWebhook {
  tenant_id: string;
  webhook_id: string;
  event: { type: string; id?: string; data?: unknown; [k: string]: unknown };
}

export interface WebhookSecretSource {
  webhookSecrets(): { tenant_id: string; secret: string }[];
  client(tenantId: string): Promise<OpenAI>;
}

const first = (v: string | string[] | undefined): string | undefined => (Array.isArray(v) ? v[0] : v);

/**
 * Finds the tenant whose webhook secret signed this delivery, with the `openai` SDK's own
 * Standard Webhooks check (signature over `id.timestamp.body`, ±300 s). The signature is the
 * only authentication a webhook has, so every failure is a 400 that says which check failed.
 */
export async function verifyWebhook(
  raw: string,
  headers: Record<string, string | string[] | undefined>,
  source: WebhookSecretSource,
): Promise<VerifiedWebhook> {
  const picked: Record<string, string> = {};
  for (const name of HEADERS) {
    const value = first(headers[name]);
    if (!value) throw new CoreError(400, 'missing_webhook_headers', `missing ${name} header: webhooks must be signed (Standard Webhooks)`);
    picked[name] = value;
  }
  const secrets = source.webhookSecrets();
  if (secrets.length === 0) {
    throw new CoreError(503, 'webhook_secret_not_configured', 'no webhook secret is configured: set OPENAI_WEBHOOK_SECRET or the webhook secret in the AI settings');
  }
  let stale: string | null = null;
  for (const { tenant_id, secret } of secrets) {
    const client = await source.client(tenant_id);
    try {
      await client.webhooks.verifySignature(raw, picked, secret, WEBHOOK_TOLERANCE_S);
    } catch (err) {
      const message = (err as Error).message;
      if (/timestamp is too (old|new)/i.test(message)) stale = message;
      else if (/timestamp format/i.test(message)) throw new CoreError(400, 'invalid_webhook_timestamp', 'webhook-timestamp must be Unix seconds');
      continue;
    }
    return { tenant_id, webhook_id: picked['webhook-id']!, event: parseEvent(raw) };
  }
  if (stale !== null) {
    throw new CoreError(400, 'stale_webhook', `${stale}: a webhook must be delivered within ${WEBHOOK_TOLERANCE_S} s of its webhook-timestamp`);
  }
  throw new CoreError(400, 'invalid_signature', 'the webhook signature does not match any configured webhook secret');
}

function parseEvent(raw: string): VerifiedWebhook['event'] {
  let event: unknown;
  try {
    event = JSON.parse(raw);
  } catch {
    throw badRequest('the webhook body is not JSON');
  }
  if (typeof event !== 'object' || event === null || typeof (event as { type?: unknown }).type !== 'string') {
    throw badRequest('the webhook body is not an event (no "type")');
  }
  return event as VerifiedWebhook['event'];
}
