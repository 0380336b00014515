import { MONITOR_INFO_CONTENT_TYPE, type MonitorMode, type MonitorSession } from '../../../shared/contracts/monitor-client.ts';
import { FINAL_CALL_STATUSES, type Call } from '../../../shared/domain/call.ts';
import type { Agent } from '../../../shared/domain/agent.ts';
import type { LineMonitor } from '../../../shared/sip/line-monitor.ts';
import type { LineState } from '../../../shared/sip/line-state.ts';
import { conflict, CoreError } from '../errors.ts';
import type { EventBus } from '../events/event-bus.ts';
import type { AuditLog } from '../services/audit-log.service.ts';
import type { CallsService } from '../services/calls.service.ts';
import type { LineManager } from '../sip/line-manager.ts';
import type { SeatManager } from '../sip/seat-manager.ts';
import type { Store } from '../store/store.ts';
import { MonitorAudit } from './monitor-audit.ts';
import type { MonitorSettingsService } from './monitor-settings.service.ts';
import { newMonitorClaims, signMonitorToken } from './monitor-token.ts';
import { aorOf, monitorCommandBody, monitorInviteHeaders } from './monitor-wire.ts';
import { pbxModeDigit, pbxSpyDialString } from './pbx-dial.ts';

export interface MonitorServiceDeps {
  store: Store;
  calls: CallsService;
  auditLog: AuditLog;
  bus: EventBus;
  seats: Pick<SeatManager, 'linesOf'>;
  settings: MonitorSettingsService;
  log(line: string): void;
}

/** How long take-over waits for a monitor call it had to place first. */
const CONNECT_TIMEOUT_MS = 15_000;
const CONNECTED: readonly LineState['state'][] = ['talking', 'on-hold', 'remote-hold'];

/**
 * The supervisor's side of monitoring (DESIGN §4). Peer mode: the supervisor's seat calls the
 * agent's seat with a signed, expiring monitor token and switches modes with SIP INFO; the
 * agent's core checks and mixes (see MonitorGate, LineManager). PBX mode: the seat dials the
 * ChanSpy feature code plus the agent's extension and switches with DTMF. The supervisor's
 * monitor line is the session's state: nothing else is kept here.
 */
export class MonitorService {
  private readonly deps: MonitorServiceDeps;

  constructor(deps: MonitorServiceDeps) {
    this.deps = deps;
    // In PBX mode no agent core sees the session: this core writes its end to the call's audit trail.
    deps.bus.subscribe(({ tenant_id, event }) => {
      if (event.type !== 'line.updated' || !tenant_id) return;
      const m = event.line.monitor;
      if (m?.role !== 'listener' || m.via !== 'pbx' || event.line.state !== 'ended') return;
      this.audit(tenant_id).record(m.call_sid, 'monitor.ended', event.agent_id, { supervisor_id: event.agent_id, mode: m.mode, via: 'pbx' });
    });
  }

  async start(supervisor: Agent, callId: number, mode: MonitorMode): Promise<MonitorSession> {
    const { call, agent, ownUri } = this.monitorable(supervisor, callId);
    const lines = this.linesOf(supervisor);
    const existing = listenerLine(lines, call.sid);
    if (existing?.monitor) return existing.monitor.mode === mode ? view(call, existing, existing.monitor) : this.setMode(supervisor, callId, mode);
    const settings = this.deps.settings.of(supervisor.tenant_id);
    const monitor: LineMonitor = { role: 'listener', mode, via: settings.via, call_sid: call.sid, party: agent.name };
    let line: LineState;
    if (settings.via === 'peer') {
      const seat = agent.sip;
      if (!seat) throw conflict('the call’s agent has no SIP seat to monitor');
      const claims = newMonitorClaims({
        tenant: supervisor.tenant_id,
        sid: call.sid,
        mode,
        sup: supervisor.id,
        sup_role: supervisor.role,
        sup_aor: aorOf(ownUri),
        sup_name: supervisor.name,
        tgt: agent.id,
        tgt_aor: aorOf(seat.uri),
      });
      const token = signMonitorToken(this.deps.settings.secret(supervisor.tenant_id), claims);
      line = lines.dial(seat.uri, null, {}, { extraHeaders: monitorInviteHeaders(call.sid, mode, token), monitor });
    } else {
      const dialled = pbxSpyDialString(settings, mode, agent.extension);
      line = lines.dial(dialled, null, {}, { monitor });
      this.audit(supervisor.tenant_id).record(call.sid, 'monitor.started', supervisor.id, { mode, via: 'pbx', supervisor_id: supervisor.id, supervisor: supervisor.name, dialled });
    }
    return view(call, line, monitor);
  }

  async setMode(supervisor: Agent, callId: number, mode: MonitorMode): Promise<MonitorSession> {
    const call = this.deps.calls.get(supervisor.tenant_id, callId);
    const lines = this.linesOf(supervisor);
    const line = listenerLine(lines, call.sid);
    if (!line?.monitor) throw conflict('you are not monitoring this call');
    if (!CONNECTED.includes(line.state)) throw conflict('the monitor call is not connected yet');
    if (line.monitor.via === 'peer') {
      await lines.sendInfo(line.line_id, MONITOR_INFO_CONTENT_TYPE, monitorCommandBody({ kind: 'mode', mode }));
    } else {
      await lines.sendDtmf(line.line_id, pbxModeDigit(this.deps.settings.of(supervisor.tenant_id), mode));
      this.audit(supervisor.tenant_id).record(call.sid, 'monitor.mode', supervisor.id, { mode, from: line.monitor.mode, via: 'pbx', supervisor_id: supervisor.id });
    }
    const monitor: LineMonitor = { ...line.monitor, mode };
    return view(call, lines.annotate(line.line_id, monitor), monitor);
  }

  async stop(supervisor: Agent, callId: number): Promise<{ ok: true }> {
    const call = this.deps.calls.get(supervisor.tenant_id, callId);
    const lines = this.linesOf(supervisor);
    const line = listenerLine(lines, call.sid);
    if (line) await lines.hangup(line.line_id);
    return { ok: true };
  }

  /**
   * Peer mode: the agent's seat REFERs the caller to this seat, replacing the monitor call
   * (placed first, in listen mode, if there is none). PBX mode: ChanSpy cannot hand a call over,
   * so the agent's seat (when it runs in this core) transfers the caller to the supervisor.
   */
  async takeOver(supervisor: Agent, callId: number): Promise<{ ok: true }> {
    const { call, agent, ownUri } = this.monitorable(supervisor, callId);
    const lines = this.linesOf(supervisor);
    const settings = this.deps.settings.of(supervisor.tenant_id);
    const existing = listenerLine(lines, call.sid);
    if ((existing?.monitor?.via ?? settings.via) === 'pbx') return this.takeOverViaAgentSeat(supervisor, ownUri, agent, call, lines, existing);
    const line = existing ?? (await this.connected(supervisor, (await this.start(supervisor, callId, 'listen')).line_id));
    if (!CONNECTED.includes(line.state)) await this.connected(supervisor, line.line_id);
    await lines.sendInfo(line.line_id, MONITOR_INFO_CONTENT_TYPE, monitorCommandBody({ kind: 'take-over' }));
    return { ok: true };
  }

  private async takeOverViaAgentSeat(supervisor: Agent, ownUri: string, agent: Agent, call: Call, lines: LineManager, spy: LineState | undefined): Promise<{ ok: true }> {
    const agentLines = this.deps.seats.linesOf(agent);
    const target = agentLines?.list().find((l) => l.call_sid === call.sid && CONNECTED.includes(l.state));
    if (!agentLines || !target) throw conflict('in PBX mode a take-over needs the agent’s seat running in this core');
    if (spy) await lines.hangup(spy.line_id);
    await agentLines.transfer(target.line_id, ownUri);
    this.audit(supervisor.tenant_id).record(call.sid, 'monitor.take-over', supervisor.id, { supervisor_id: supervisor.id, supervisor: supervisor.name, to: aorOf(ownUri), via: 'pbx' });
    return { ok: true };
  }

  /** The call and its agent, if this supervisor may monitor it, and the supervisor's own SIP address. */
  private monitorable(supervisor: Agent, callId: number): { call: Call; agent: Agent; ownUri: string } {
    const call = this.deps.calls.get(supervisor.tenant_id, callId);
    if (FINAL_CALL_STATUSES.includes(call.status)) throw conflict('the call has ended');
    if (call.handled_by !== 'human' || call.agent_id === null) throw conflict('only calls a person handles can be monitored (AI calls have their own controls)');
    if (call.agent_id === supervisor.id) throw conflict('this is your own call');
    const agent = this.deps.store.agents.get(supervisor.tenant_id, call.agent_id);
    if (!agent) throw conflict('the call’s agent no longer exists');
    if (!supervisor.sip) throw new CoreError(409, 'no_sip_account', 'monitoring needs a SIP seat of your own');
    return { call, agent, ownUri: supervisor.sip.uri };
  }

  private linesOf(supervisor: Agent): LineManager {
    const lines = this.deps.seats.linesOf(supervisor);
    if (!lines) throw new CoreError(503, 'seat_not_running', 'the softphone is not connected: keep the console open while monitoring');
    return lines;
  }

  /** Resolves with the line once it is connected; fails if it ends first or takes too long. */
  private connected(supervisor: Agent, lineId: string): Promise<LineState> {
    const now = this.linesOf(supervisor).list().find((l) => l.line_id === lineId);
    if (now && CONNECTED.includes(now.state)) return Promise.resolve(now);
    return new Promise((resolve, reject) => {
      const done = (err: CoreError | null, line?: LineState) => {
        off();
        clearTimeout(timer);
        if (err) reject(err);
        else resolve(line!);
      };
      const timer = setTimeout(() => done(new CoreError(504, 'monitor_timeout', 'the monitor call did not connect in time')), CONNECT_TIMEOUT_MS);
      timer.unref();
      const off = this.deps.bus.subscribe(({ event }) => {
        if (event.type !== 'line.updated' || event.agent_id !== supervisor.id || event.line.line_id !== lineId) return;
        if (CONNECTED.includes(event.line.state)) done(null, event.line);
        else if (event.line.state === 'ended') done(conflict(`the monitor call ended: ${event.line.end_detail ?? event.line.end_reason ?? 'no reason'}`));
      });
    });
  }

  private audit(tenantId: string): MonitorAudit {
    return new MonitorAudit({ calls: this.deps.calls, auditLog: this.deps.auditLog, log: this.deps.log }, tenantId);
  }
}

function listenerLine(lines: LineManager, callSid: string): LineState | undefined {
  return lines.list().find((l) => l.monitor?.role === 'listener' && l.monitor.call_sid === callSid && l.state !== 'ended');
}

function view(call: Call, line: LineState, monitor: LineMonitor): MonitorSession {
  return { call_id: call.id, call_sid: call.sid, line_id: line.line_id, mode: monitor.mode, via: monitor.via };
}
