import type { Call } from '../../../../../shared/domain/call.ts';
import type { Store } from '../../../store/store.ts';

/**
 * SIP headers that carry a Twilio CallSid into the AI call's INVITE: ours (set by the TwiML of
 * `/receive_call` and `/start_call`) and Twilio's own.
 */
export const CALL_SID_HEADERS = ['x-earshot-call-sid', 'x-twilio-callsid'];

/** The Twilio CallSid an AI call was bridged from, read from the INVITE headers it was recorded with. */
export function linkedCallSid(call: Call): string | null {
  const headers = call.metadata.sip_headers;
  if (!Array.isArray(headers)) return null;
  for (const h of headers as unknown[]) {
    const { name, value } = (h ?? {}) as { name?: unknown; value?: unknown };
    if (typeof name === 'string' && typeof value === 'string' && CALL_SID_HEADERS.includes(name.trim().toLowerCase())) return value.trim();
  }
  return null;
}

/** Whether `callSid` names this call: its own sid, or the Twilio call it was bridged from. */
export const isCall = (call: Call, callSid: string): boolean => call.sid === callSid || linkedCallSid(call) === callSid;

/** The tenant's call a Phony `callSid` names: by sid, else the live AI call bridged from that Twilio call. */
export function findCall(store: Store, tenantId: string, callSid: string): Call | null {
  return store.calls.getBySid(tenantId, callSid) ?? store.calls.liveRealtime(tenantId).find((c) => linkedCallSid(c) === callSid) ?? null;
}
