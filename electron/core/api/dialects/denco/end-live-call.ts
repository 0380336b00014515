import type { Call } from '../../../../../shared/domain/call.ts';
import { FINAL_CALL_STATUSES } from '../../../../../shared/domain/call.ts';
import { CoreError } from '../../../errors.ts';
import type { ApiDeps } from '../../api-deps.ts';

/**
 * When the PBX says a call has ended and the call is still live here — an AI voice agent on it,
 * or a line on one of our seats — that leg is hung up too, so nothing stays connected to a call
 * the PBX has finished. Returns what was hung up.
 */
export async function endLiveLeg(deps: ApiDeps, call: Call, actor: string): Promise<'ai' | 'seat' | null> {
  if (FINAL_CALL_STATUSES.includes(call.status)) return null;
  if (call.realtime_call_id !== null) {
    try {
      await deps.aiCalls.controls.hangup(call.tenant_id, call.id, actor);
      return 'ai';
    } catch (err) {
      // Not answered yet or already gone: nothing to hang up; the record is ended below anyway.
      if (err instanceof CoreError && err.statusCode === 409) return null;
      throw err;
    }
  }
  if (call.agent_id === null) return null;
  const agent = deps.store.agents.get(call.tenant_id, call.agent_id);
  const lines = agent ? deps.seats.linesOf(agent) : null;
  const line = lines?.list().find((l) => l.call_sid === call.sid && l.state !== 'ended');
  if (!lines || !line) return null;
  await lines.hangup(line.line_id);
  return 'seat';
}
