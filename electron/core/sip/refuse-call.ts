import type { Invitation } from 'sip.js';
import type { Agent } from '../../../shared/domain/agent.ts';
import type { CallsService } from '../services/calls.service.ts';

/**
 * A call the seat cannot take (no console holding its audio, do-not-disturb, all lines busy)
 * gets 486 Busy Here — never an answer into silence — and is still recorded, so the caller's
 * attempt shows up in history with the reason.
 */
export function refuseCall(agent: Agent, invitation: Invitation, calls: CallsService, reason: string): void {
  const now = new Date().toISOString();
  void invitation.reject({ statusCode: 486, reasonPhrase: 'Busy Here' }).catch(() => undefined);
  const remote = invitation.remoteIdentity.uri;
  calls.create(
    agent.tenant_id,
    {
      direction: 'inbound',
      from_number: remote.user ?? remote.toString(),
      to_number: invitation.request.ruri?.user ?? agent.extension ?? '',
      status: 'busy',
      handled_by: 'human',
      agent_id: agent.id,
      started_at: now,
      ended_at: now,
      sip_code: 486,
      end_reason: reason,
      metadata: { sip_call_id: invitation.request.callId, display_name: invitation.remoteIdentity.displayName || null },
    },
    `agent:${agent.id}`,
  );
}
