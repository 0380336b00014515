import type { Info, Invitation } from 'sip.js';
import type { MonitorMode } from '../../../shared/contracts/monitor-client.ts';
import { isMonitorLeg, type LineMonitor } from '../../../shared/sip/line-monitor.ts';
import type { LineState } from '../../../shared/sip/line-state.ts';
import type { MonitorAudit } from '../monitor/monitor-audit.ts';
import { MonitorGate, type MonitoringSupervisor } from '../monitor/monitor-gate.ts';
import { parseMonitorCommand } from '../monitor/monitor-wire.ts';
import type { MediaProvider } from './line-media.ts';

/** What the monitor legs need from the seat's LineManager. */
export interface MonitorLegsHost {
  media: MediaProvider;
  list(): LineState[];
  state(lineId: string): LineState | undefined;
  /** Adds the supervisor's leg as an inbound line with its media on the monitored line's console. */
  addLeg(invitation: Invitation, remote: { uri: string; display: string }, monitor: LineMonitor, nearLineId: string): LineState;
  annotate(lineId: string, monitor: LineMonitor | undefined): LineState;
  answer(lineId: string): Promise<LineState>;
  fail(lineId: string, reason: string, code: number): void;
  completeTransfer(lineId: string, consultLineId: string): Promise<LineState>;
  hangup(lineId: string): Promise<LineState>;
  log(line: string): void;
}

/**
 * Supervisors' monitor calls to an agent's seat (peer mode, DESIGN §4): the INVITE is checked by
 * the gate and answered without ringing once the console mixes it in; INFO switches the mode
 * (gains in the console) or takes the call over; either call ending releases the other.
 */
export class MonitorLegs {
  private readonly host: MonitorLegsHost;
  private readonly peer: { gate: MonitorGate; audit: MonitorAudit } | undefined;
  /** Monitor leg → who is monitoring and the line it monitors. */
  private readonly legs = new Map<string, { supervisor: MonitoringSupervisor; targetLineId: string }>();

  constructor(host: MonitorLegsHost, peer?: { gate: MonitorGate; audit: MonitorAudit }) {
    this.host = host;
    this.peer = peer;
  }

  /** A supervisor's monitor INVITE: true when it is one (then handled here), false for any other call. */
  offer(invitation: Invitation): boolean {
    if (!this.peer || !MonitorGate.wants(invitation)) return false;
    const { audit, gate } = this.peer;
    const refuse = (code: number, reason: string) => void invitation.reject({ statusCode: code, reasonPhrase: reason }).catch(() => undefined);
    const admission = gate.admit(invitation, this.host.list());
    if (!admission.ok) {
      refuse(admission.code, admission.reason);
      return true;
    }
    const { supervisor, mode, callSid } = admission;
    const target = this.host.list().find((l) => l.call_sid === callSid && !isMonitorLeg(l));
    const media = this.host.media;
    if (!target || !media.monitor) {
      const reason = 'This seat cannot mix a supervisor in';
      audit.refused(callSid, { code: 488, reason, from: supervisor.aor, supervisor_id: supervisor.id });
      refuse(488, reason);
      return true;
    }
    const monitor = (role: 'target' | 'monitored'): LineMonitor => ({ role, mode, via: 'peer', call_sid: callSid, party: supervisor.name });
    const remote = { uri: invitation.remoteIdentity.uri.user ?? invitation.remoteIdentity.uri.toString(), display: supervisor.name };
    let leg: LineState;
    try {
      leg = this.host.addLeg(invitation, remote, monitor('target'), target.line_id);
    } catch (err) {
      refuse(488, (err as Error).message);
      return true;
    }
    this.legs.set(leg.line_id, { supervisor, targetLineId: target.line_id });
    this.host.annotate(target.line_id, monitor('monitored'));
    audit.record(callSid, 'monitor.started', supervisor.id, { mode, via: 'peer', supervisor_id: supervisor.id, supervisor: supervisor.name, supervisor_aor: supervisor.aor });
    void media.monitor(leg.line_id, target.line_id, mode).then(
      () => this.host.answer(leg.line_id),
      (err: Error) => {
        this.host.log(`line ${leg.line_id}: monitor mix failed: ${err.message}`);
        this.host.fail(leg.line_id, `the console could not mix: ${err.message}`, 488);
        refuse(488, 'Monitor mix failed');
      },
    );
    return true;
  }

  /** INFO from the supervisor on a monitor call: a mode change (gains in the console) or take-over. */
  async onInfo(lineId: string, info: Info): Promise<void> {
    const leg = this.legs.get(lineId);
    const monitor = this.host.state(lineId)?.monitor;
    if (!leg || !monitor) {
      await info.reject({ statusCode: 481, reasonPhrase: 'Not a monitor call' }).catch(() => undefined);
      return;
    }
    const parsed = parseMonitorCommand(info.request.body ?? '');
    if (!parsed.ok) {
      await info.reject({ statusCode: 400, reasonPhrase: parsed.message }).catch(() => undefined);
      return;
    }
    const { supervisor, targetLineId } = leg;
    const audit = this.peer?.audit;
    if (parsed.command.kind === 'take-over') {
      await info.accept().catch(() => undefined);
      audit?.record(monitor.call_sid, 'monitor.take-over', supervisor.id, { supervisor_id: supervisor.id, supervisor: supervisor.name, to: supervisor.aor });
      // The caller goes to the supervisor's seat by REFER with Replaces of this very monitor call.
      await this.host.completeTransfer(targetLineId, lineId).catch((err: Error) => this.host.log(`take-over of line ${targetLineId} failed: ${err.message}`));
      return;
    }
    const next: MonitorMode = parsed.command.mode;
    try {
      await this.host.media.monitor?.(lineId, targetLineId, next);
    } catch (err) {
      await info.reject({ statusCode: 500, reasonPhrase: 'Monitor mix failed' }).catch(() => undefined);
      this.host.log(`line ${lineId}: monitor mode ${next} failed: ${(err as Error).message}`);
      return;
    }
    await info.accept().catch(() => undefined);
    if (next === monitor.mode) return;
    for (const id of [lineId, targetLineId]) {
      const current = this.host.state(id)?.monitor;
      if (current) this.host.annotate(id, { ...current, mode: next });
    }
    audit?.record(monitor.call_sid, 'monitor.mode', supervisor.id, { mode: next, from: monitor.mode, supervisor_id: supervisor.id });
  }

  /** A new console took the seat's audio: it learns a leg's mix before the media is renegotiated. */
  remix(lineId: string): void {
    const leg = this.legs.get(lineId);
    const mode = this.host.state(lineId)?.monitor?.mode;
    if (leg && mode) void this.host.media.monitor?.(lineId, leg.targetLineId, mode).catch(() => undefined);
  }

  /** A line ended: a monitor leg releases the call it monitored; a monitored call ends its legs. */
  ended(line: LineState): void {
    if (!line.monitor) return;
    const leg = this.legs.get(line.line_id);
    if (leg) {
      this.legs.delete(line.line_id);
      if (this.host.state(leg.targetLineId)?.monitor) this.host.annotate(leg.targetLineId, undefined);
      this.peer?.audit.record(line.monitor.call_sid, 'monitor.ended', leg.supervisor.id, { supervisor_id: leg.supervisor.id, mode: line.monitor.mode });
      return;
    }
    if (line.monitor.role === 'monitored') {
      for (const [id, other] of this.legs) if (other.targetLineId === line.line_id) void this.host.hangup(id).catch(() => undefined);
    }
  }
}
