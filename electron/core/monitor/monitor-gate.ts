import type { Invitation } from 'sip.js';
import { MONITOR_HEADER, MONITOR_TOKEN_HEADER, type MonitorMode } from '../../../shared/contracts/monitor-client.ts';
import type { Agent, AgentRole } from '../../../shared/domain/agent.ts';
import { isMonitorLeg } from '../../../shared/sip/line-monitor.ts';
import type { LineState } from '../../../shared/sip/line-state.ts';
import type { MonitorAudit } from './monitor-audit.ts';
import { MONITOR_TOKEN_TTL_S, verifyMonitorToken, type MonitorTokenFailure } from './monitor-token.ts';
import { aorOf, parseMonitorHeader } from './monitor-wire.ts';

/** Who is monitoring, as the token (checked) says. */
export interface MonitoringSupervisor {
  id: number;
  name: string;
  aor: string;
}

export type MonitorAdmission =
  | { ok: true; callSid: string; mode: MonitorMode; supervisor: MonitoringSupervisor }
  | { ok: false; code: 403 | 486 | 488; reason: string };

export interface MonitorGateDeps {
  /** The seat's agent. */
  agent: Agent;
  /** The tenant's office monitor secret. */
  secret(): string;
  /** The role this core's store gives the agent with this id and SIP address; null when it does not know them. */
  roleOf(agentId: number, aor: string): AgentRole | null;
  audit: MonitorAudit;
  log(line: string): void;
  now?(): number;
}

const SUPERVISING_ROLES: readonly AgentRole[] = ['supervisor', 'admin'];
const LIVE: readonly LineState['state'][] = ['talking', 'on-hold', 'remote-hold'];
const TOKEN_REASONS: Record<MonitorTokenFailure, string> = {
  malformed: 'Monitor token malformed',
  'bad-signature': 'Monitor token signature invalid',
  expired: 'Monitor token expired',
  'too-long-lived': 'Monitor token lives too long',
};

/**
 * The agent's core deciding on a supervisor's monitor INVITE (peer mode, DESIGN §4): the token's
 * signature (office secret, constant-time), its expiry, that it was made for this very request
 * (call, mode, this seat, the calling seat), the supervisor role, one use per token, and that
 * the call is live on this seat. Refusals carry the reason in the SIP reason phrase and go to
 * the audit log (and the call's timeline when the call is known).
 */
export class MonitorGate {
  private readonly deps: MonitorGateDeps;
  /** Token ids already used, until they expire. */
  private readonly used = new Map<string, number>();

  constructor(deps: MonitorGateDeps) {
    this.deps = deps;
  }

  static wants(invitation: Invitation): boolean {
    return invitation.request.hasHeader(MONITOR_HEADER);
  }

  admit(invitation: Invitation, lines: readonly LineState[]): MonitorAdmission {
    const request = invitation.request;
    const from = aorOf(invitation.remoteIdentity.uri.toString());
    const header = parseMonitorHeader(request.getHeader(MONITOR_HEADER) ?? '');
    const refuse = (code: 403 | 486 | 488, reason: string, supervisorId: number | null = null): MonitorAdmission => {
      this.deps.log(`seat ${this.deps.agent.id}: monitor INVITE from ${from} refused (${code} ${reason})`);
      this.deps.audit.refused(header.ok ? header.callSid : null, { code, reason, from, supervisor_id: supervisorId });
      return { ok: false, code, reason };
    };
    if (!header.ok) return refuse(488, 'Bad monitor header');
    const token = request.getHeader(MONITOR_TOKEN_HEADER);
    if (!token) return refuse(403, 'Monitor token missing');
    const now = this.deps.now?.() ?? Date.now();
    const checked = verifyMonitorToken(this.deps.secret(), token.trim(), now);
    if (!checked.ok) return refuse(403, TOKEN_REASONS[checked.reason]);
    const c = checked.claims;
    const agent = this.deps.agent;
    if (c.sid !== header.callSid || c.mode !== header.mode) return refuse(403, 'Monitor token is for another call or mode', c.sup);
    if (c.tenant !== agent.tenant_id || c.tgt_aor !== aorOf(agent.sip?.uri ?? '')) return refuse(403, 'Monitor token is for another seat', c.sup);
    if (c.sup_aor !== from) return refuse(403, 'Monitor token belongs to another caller', c.sup);
    const storedRole = this.deps.roleOf(c.sup, c.sup_aor);
    if (!SUPERVISING_ROLES.includes(c.sup_role) || (storedRole !== null && !SUPERVISING_ROLES.includes(storedRole))) return refuse(403, 'Not a supervisor', c.sup);
    this.forgetExpired(now);
    if (this.used.has(c.jti)) return refuse(403, 'Monitor token already used', c.sup);
    const call = lines.find((l) => l.call_sid === c.sid && !isMonitorLeg(l));
    if (!call || !LIVE.includes(call.state)) return refuse(488, 'No such live call on this seat', c.sup);
    if (call.monitor) return refuse(486, 'Call already monitored', c.sup);
    this.used.set(c.jti, c.exp);
    return { ok: true, callSid: c.sid, mode: c.mode, supervisor: { id: c.sup, name: c.sup_name, aor: c.sup_aor } };
  }

  private forgetExpired(nowMs: number): void {
    const horizon = Math.floor(nowMs / 1000) - MONITOR_TOKEN_TTL_S;
    for (const [jti, exp] of this.used) if (exp < horizon) this.used.delete(jti);
  }
}
