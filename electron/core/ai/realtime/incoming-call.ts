import type { Assistant } from '../../../../shared/domain/assistant.ts';
import type { Call } from '../../../../shared/domain/call.ts';
import { badRequest } from '../../errors.ts';
import type { CallsService } from '../../services/calls.service.ts';
import type { Store } from '../../store/store.ts';
import type { AiSettingsService } from '../ai-settings.service.ts';
import { acceptPlan } from './accept-params.ts';
import type { AiCallSettings } from './ai-call-settings.ts';
import { pickAssistant } from './assistant-picker.ts';
import { callerNumber, dialledNumber, type SipHeader } from './sip-party.ts';

export interface IncomingCallContext {
  store: Store;
  calls: CallsService;
  ai: AiSettingsService;
  settings: AiCallSettings;
  log(line: string): void;
  /** The call is answered: follow it on its sideband. */
  startSession(call: Call, assistant: Assistant): void;
}

/** The HTTP request the webhook came in (seed 001's fallbacks read the caller's number from it). */
export interface WebhookRequestInfo {
  headers: Record<string, string | string[] | undefined>;
  query: Record<string, unknown>;
}

export type IncomingOutcome = 'accepted' | 'rejected' | 'failed' | 'duplicate';

/** SIP answers when an AI call is refused: no assistant for the number, or the tenant is at its limit. */
export const NO_ASSISTANT_SIP_CODE = 404;
export const BUSY_SIP_CODE = 486;

const CALL_ID = /^[A-Za-z0-9_-]{1,128}$/;

function sipHeadersOf(data: unknown): SipHeader[] {
  const list = (data as { sip_headers?: unknown } | null)?.sip_headers;
  if (!Array.isArray(list)) return [];
  return list
    .filter((h): h is SipHeader => typeof h === 'object' && h !== null && typeof h.name === 'string' && typeof h.value === 'string')
    .slice(0, 100)
    .map((h) => ({ name: h.name.slice(0, 100), value: h.value.slice(0, 2000) }));
}

/**
 * `realtime.call.incoming`: records the call (AI-handled, inbound, ringing) and then answers it
 * with the assistant for the dialled number, or refuses it: SIP 404 when no active assistant
 * has the number, 486 when the tenant already has `max_concurrent_ai_calls` live AI calls.
 * A call id seen before is left alone (OpenAI may deliver the event more than once).
 */
export async function handleIncomingCall(
  ctx: IncomingCallContext,
  tenantId: string,
  event: { data?: unknown; [k: string]: unknown },
  req: WebhookRequestInfo,
): Promise<{ outcome: IncomingOutcome; call: Call | null }> {
  const realtimeCallId = (event.data as { call_id?: unknown } | undefined)?.call_id;
  if (typeof realtimeCallId !== 'string' || !CALL_ID.test(realtimeCallId)) throw badRequest('realtime.call.incoming without a valid data.call_id');
  const seen = ctx.store.calls.findByRealtimeCallId(realtimeCallId);
  if (seen) return { outcome: 'duplicate', call: seen.tenant_id === tenantId ? seen : null };

  // Everything up to the call row is synchronous, so a concurrent delivery of the same call sees it.
  const sipHeaders = sipHeadersOf(event.data);
  const policy = ctx.settings.of(tenantId);
  const caller = callerNumber({ sipHeaders, httpHeaders: req.headers, query: req.query, body: event, defaultNumber: policy.default_phone_number });
  const dialled = dialledNumber(sipHeaders);
  const assistant = pickAssistant(ctx.store, tenantId, dialled);
  const liveNow = ctx.store.calls.liveRealtime(tenantId).length;
  const call = ctx.calls.create(
    tenantId,
    {
      direction: 'inbound',
      from_number: caller.number,
      to_number: dialled,
      status: 'ringing',
      handled_by: 'ai_agent',
      assistant_id: assistant?.id ?? null,
      realtime_call_id: realtimeCallId,
      metadata: { sip_headers: sipHeaders, caller_number_source: caller.source },
    },
    'system',
  );

  const client = await ctx.ai.client(tenantId);
  if (!assistant || liveNow >= policy.max_concurrent_ai_calls) {
    const [code, status, reason] = !assistant
      ? ([NO_ASSISTANT_SIP_CODE, 'failed', 'no-assistant'] as const)
      : ([BUSY_SIP_CODE, 'busy', 'ai-call-limit'] as const);
    let error: string | null = null;
    try {
      await client.realtime.calls.reject(realtimeCallId, { status_code: code });
    } catch (err) {
      error = (err as Error).message;
      ctx.log(`ai call ${call.id}: reject failed: ${error}`);
    }
    ctx.calls.appendEvent(tenantId, call.id, 'ai.rejected', 'system', {
      status_code: code,
      reason,
      ...(reason === 'ai-call-limit' ? { live_ai_calls: liveNow, max_concurrent_ai_calls: policy.max_concurrent_ai_calls } : { dialled }),
      ...(error ? { error } : {}),
    });
    const ended = ctx.calls.update(tenantId, call.id, { status, sip_code: code, end_reason: reason, ended_at: new Date().toISOString() }, 'system');
    return { outcome: 'rejected', call: ended };
  }

  const plan = acceptPlan(assistant, ctx.ai.config(tenantId));
  try {
    await client.realtime.calls.accept(realtimeCallId, plan.params);
  } catch (err) {
    // OpenAI times the INVITE out by itself; the record says why nobody answered.
    const message = (err as Error).message;
    ctx.log(`ai call ${call.id}: accept failed: ${message}`);
    ctx.calls.appendEvent(tenantId, call.id, 'ai.accept.failed', 'system', { error: message });
    const failed = ctx.calls.update(tenantId, call.id, { status: 'failed', end_reason: `accept-failed: ${message}`.slice(0, 500), ended_at: new Date().toISOString() }, 'system');
    return { outcome: 'failed', call: failed };
  }
  ctx.calls.appendEvent(tenantId, call.id, 'ai.accepted', 'system', {
    assistant_id: assistant.id,
    model: plan.params.model,
    voice: plan.params.audio?.output?.voice ?? null,
    transcription: plan.params.audio?.input?.transcription ?? null,
    ...(plan.notes.length ? { notes: plan.notes } : {}),
  });
  const answered = ctx.calls.update(tenantId, call.id, { status: 'in-progress', answered_at: new Date().toISOString() }, 'system');
  ctx.startSession(answered, assistant);
  return { outcome: 'accepted', call: answered };
}
