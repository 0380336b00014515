import type { Call } from '../../../../shared/domain/call.ts';
import { FINAL_CALL_STATUSES } from '../../../../shared/domain/call.ts';
import { badRequest, CoreError } from '../../errors.ts';
import type { AuditAction } from '../../../../shared/domain/audit.ts';
import type { AuditLog } from '../../services/audit-log.service.ts';
import type { CallsService } from '../../services/calls.service.ts';
import type { Store } from '../../store/store.ts';
import type { AiCallSession } from './ai-call-session.ts';
import { transferTarget } from './transfer-target.ts';

export interface AiCallControlsDeps {
  calls: CallsService;
  auditLog: AuditLog;
  store: Store;
  session(callId: number): AiCallSession | undefined;
}

const MAX_TEXT = 4000;

/**
 * A supervisor's controls on a live AI call (DESIGN §4): whisper guidance to the AI, make it
 * say something, stop it, take the caller away (REFER to a seat or a number), hang up. Each
 * one that happened is written to the call's append-only timeline as `ai.<control>` by its
 * actor (`agent:<id>` or `key:<id>`) and published as `call.event`.
 * 404: no such call; 409: not an AI call, or not live; 503: the sideband is down (whisper,
 * say, stop); 502: OpenAI refused or could not be reached (transfer, hang up).
 */
export class AiCallControls {
  private readonly deps: AiCallControlsDeps;

  constructor(deps: AiCallControlsDeps) {
    this.deps = deps;
  }

  whisper(tenantId: string, callId: number, text: string, actor: string): { ok: true } {
    const { session } = this.live(tenantId, callId);
    const said = checkedText(text);
    session.whisper(said);
    return this.audit(tenantId, callId, 'ai.whisper', actor, { text: said });
  }

  async say(tenantId: string, callId: number, text: string, actor: string): Promise<{ ok: true }> {
    const { session } = this.live(tenantId, callId);
    const said = checkedText(text);
    await session.say(said);
    return this.audit(tenantId, callId, 'ai.say', actor, { text: said });
  }

  stop(tenantId: string, callId: number, actor: string): { ok: true } {
    this.live(tenantId, callId).session.stop();
    return this.audit(tenantId, callId, 'ai.stop', actor, {});
  }

  async transfer(tenantId: string, callId: number, target: string, actor: string): Promise<{ ok: true }> {
    const { session } = this.live(tenantId, callId);
    const to = transferTarget(target, this.deps.store.agents.list(tenantId));
    await upstream(() => session.refer(to.uri), 'transfer');
    return this.audit(tenantId, callId, 'ai.transfer', actor, { target, target_uri: to.uri, kind: to.kind, ...(to.agent_id !== null ? { agent_id: to.agent_id } : {}) });
  }

  async hangup(tenantId: string, callId: number, actor: string): Promise<{ ok: true }> {
    const { session } = this.live(tenantId, callId);
    await upstream(() => session.hangup(), 'hang up');
    return this.audit(tenantId, callId, 'ai.hangup', actor, {});
  }

  private live(tenantId: string, callId: number): { call: Call; session: AiCallSession } {
    const call = this.deps.calls.get(tenantId, callId);
    if (call.realtime_call_id === null) throw new CoreError(409, 'not_ai_call', `call ${callId} is not handled by an AI voice agent over OpenAI Realtime`);
    if (FINAL_CALL_STATUSES.includes(call.status)) throw new CoreError(409, 'call_not_live', `call ${callId} has ended (${call.status})`);
    const session = this.deps.session(callId);
    if (!session || !session.live) throw new CoreError(409, 'call_not_live', `call ${callId} is not answered yet (${call.status})`);
    return { call, session };
  }

  private audit(tenantId: string, callId: number, type: AuditAction, actor: string, data: Record<string, unknown>): { ok: true } {
    const call = this.deps.calls.get(tenantId, callId);
    this.deps.auditLog.record(tenantId, { actor, action: type, call_sid: call.sid, data });
    this.deps.calls.appendEvent(tenantId, callId, type, actor, data);
    return { ok: true };
  }
}

function checkedText(text: string): string {
  const t = text.trim();
  if (!t) throw badRequest('text must not be empty');
  if (t.length > MAX_TEXT) throw badRequest(`text is too long (at most ${MAX_TEXT} characters)`);
  return t;
}

async function upstream(fn: () => Promise<void>, what: string): Promise<void> {
  try {
    await fn();
  } catch (err) {
    if (err instanceof CoreError) throw err;
    throw new CoreError(502, 'ai_endpoint_failed', `${what} failed at the AI endpoint: ${(err as Error).message}`);
  }
}
