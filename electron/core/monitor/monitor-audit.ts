import type { CallsService } from '../services/calls.service.ts';

/** Call-event types a monitoring session leaves in the monitored call's (append-only) timeline. */
export type MonitorEventType = 'monitor.started' | 'monitor.mode' | 'monitor.take-over' | 'monitor.ended' | 'monitor.refused';

/**
 * Who monitored which call, when, and in which mode: call events on the monitored call, written
 * by the core that holds the call's record (the agent's in peer mode, the supervisor's in PBX
 * mode). The actor is the supervisor.
 */
export class MonitorAudit {
  private readonly calls: CallsService;
  private readonly tenantId: string;
  private readonly log: (line: string) => void;

  constructor(calls: CallsService, tenantId: string, log: (line: string) => void) {
    this.calls = calls;
    this.tenantId = tenantId;
    this.log = log;
  }

  record(callSid: string, type: MonitorEventType, supervisorId: number | null, data: Record<string, unknown>): void {
    const call = this.findCall(callSid);
    if (!call) return;
    this.calls.appendEvent(this.tenantId, call, type, supervisorId === null ? 'system' : `agent:${supervisorId}`, data);
  }

  refused(callSid: string, data: { code: number; reason: string; from: string; supervisor_id: number | null }): void {
    this.record(callSid, 'monitor.refused', data.supervisor_id, data);
  }

  private findCall(callSid: string): number | null {
    try {
      return this.calls.getBySid(this.tenantId, callSid).id;
    } catch {
      this.log(`monitor audit: no call ${callSid} in tenant ${this.tenantId}`);
      return null;
    }
  }
}
