import type { CallStatus } from '../../../shared/domain/call.ts';
import type { LineEndReason, LineState } from '../../../shared/sip/line-state.ts';
import type { CallsService } from '../services/calls.service.ts';

const ENDED_STATUS: Record<LineEndReason, CallStatus> = {
  'local-hangup': 'completed',
  'remote-hangup': 'completed',
  transferred: 'completed',
  declined: 'busy',
  rejected: 'busy',
  busy: 'busy',
  canceled: 'canceled',
  'no-answer': 'no-answer',
  'not-found': 'failed',
  unavailable: 'failed',
  failed: 'failed',
};

export function callStatusOf(line: LineState): CallStatus {
  switch (line.state) {
    case 'dialing':
    case 'ringing':
    case 'incoming':
    case 'connecting':
      return 'ringing';
    case 'on-hold':
      return 'on-hold';
    case 'talking':
    case 'remote-hold':
    case 'transferring':
      return 'in-progress';
    case 'ended':
      return ENDED_STATUS[line.end_reason ?? 'failed'];
  }
}

/**
 * Keeps a line's call record in step with it: the row's status and times, and one timeline
 * event per state change (with the end reason and SIP code at the end).
 */
export class LineRecorder {
  private readonly calls: CallsService;
  private readonly tenantId: string;
  private readonly actor: string;

  constructor(calls: CallsService, tenantId: string, agentId: number) {
    this.calls = calls;
    this.tenantId = tenantId;
    this.actor = `agent:${agentId}`;
  }

  created(line: LineState, agentId: number, local: string, sipCallId: string, metadata: Record<string, unknown> = {}): number {
    const call = this.calls.create(
      this.tenantId,
      {
        sid: line.call_sid,
        direction: line.direction,
        from_number: line.direction === 'outbound' ? local : line.remote.uri,
        to_number: line.direction === 'outbound' ? line.remote.uri : local,
        status: callStatusOf(line),
        handled_by: 'human',
        agent_id: agentId,
        started_at: line.started_at,
        metadata: { ...metadata, sip_call_id: sipCallId, remote_display: line.remote.display },
      },
      this.actor,
    );
    return call.id;
  }

  changed(callId: number, before: LineState, after: LineState): void {
    if (before === after) return;
    const status = callStatusOf(after);
    const ended = after.state === 'ended';
    const duration = ended && after.answered_at && after.ended_at ? (Date.parse(after.ended_at) - Date.parse(after.answered_at)) / 1000 : null;
    if (status !== callStatusOf(before) || after.answered_at !== before.answered_at || ended) {
      this.calls.update(
        this.tenantId,
        callId,
        {
          status,
          answered_at: after.answered_at,
          ...(ended
            ? {
                ended_at: after.ended_at,
                end_reason: after.end_detail ? `${after.end_reason}: ${after.end_detail}` : after.end_reason,
                sip_code: after.sip_code,
                duration_seconds: duration,
              }
            : {}),
        },
        this.actor,
      );
    }
    if (after.state === before.state && after.muted !== before.muted) {
      this.calls.appendEvent(this.tenantId, callId, after.muted ? 'line.muted' : 'line.unmuted', this.actor, {});
    }
  }

  transferred(callId: number, target: string, mode: 'blind' | 'attended'): void {
    const call = this.calls.get(this.tenantId, callId);
    this.calls.update(this.tenantId, callId, { transfer_count: call.transfer_count + 1 }, this.actor);
    this.calls.appendEvent(this.tenantId, callId, 'line.transferred', this.actor, { target, mode });
  }

  dtmf(callId: number, digits: string, source: 'rfc4733' | 'sip-info'): void {
    for (const d of digits) this.calls.addDtmf(this.tenantId, callId, d, source);
    this.calls.appendEvent(this.tenantId, callId, 'line.dtmf', this.actor, { digits, source });
  }
}
