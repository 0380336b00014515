import type { AuditLog } from '../services/audit-log.service.ts';
import type { CallsService } from '../services/calls.service.ts';

/** Call-event types a monitoring session leaves in the monitored call's (append-only) timeline. */
export type MonitorEventType = 'monitor.started' | 'monitor.mode' | 'monitor.take-over' | 'monitor.ended' | 'monitor.refused';

/**
 * Who monitored which call, when, and in which mode: written by the core that holds the call's
 * record (the agent's in peer mode, the supervisor's in PBX mode) to the tenant's audit log and
 * to the monitored call's timeline when this core knows the call. The actor is the supervisor.
 */
export class MonitorAudit {
  private readonly calls: CallsService;
  private readonly auditLog: AuditLog;
  private readonly tenantId: string;
  private readonly log: (line: string) => void;

  constructor(deps: { calls: CallsService; auditLog: AuditLog; log: (line: string) => void }, tenantId: string) {
    this.calls = deps.calls;
    this.auditLog = deps.auditLog;
    this.tenantId = tenantId;
    this.log = deps.log;
  }

  record(callSid: string | null, type: MonitorEventType, supervisorId: number | null, data: Record<string, unknown>): void {
    const actor = supervisorId === null ? 'system' : `agent:${supervisorId}`;
    try {
      this.auditLog.record(this.tenantId, { actor, action: type, call_sid: callSid, data });
    } catch (err) {
      this.log(`monitor audit: could not write ${type} for ${callSid ?? 'an unnamed call'}: ${(err as Error).message}`);
    }
    const call = callSid === null ? null : this.findCall(callSid);
    if (call !== null) this.calls.appendEvent(this.tenantId, call, type, actor, data);
  }

  /** A monitor INVITE refused; `callSid` null when its monitor header did not even name a call. */
  refused(callSid: string | null, data: { code: number; reason: string; from: string; supervisor_id: number | null }): void {
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
