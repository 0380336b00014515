import type { Invitation } from 'sip.js';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Agent, AgentRole } from '../../../../shared/domain/agent.ts';
import { initialLine, type LineState } from '../../../../shared/sip/line-state.ts';
import { EventBus } from '../../../../electron/core/events/event-bus.ts';
import { MonitorAudit } from '../../../../electron/core/monitor/monitor-audit.ts';
import { MonitorGate } from '../../../../electron/core/monitor/monitor-gate.ts';
import { newMonitorClaims, signMonitorToken, type MonitorClaims } from '../../../../electron/core/monitor/monitor-token.ts';
import { AuditLog } from '../../../../electron/core/services/audit-log.service.ts';
import { CallsService } from '../../../../electron/core/services/calls.service.ts';
import { Store } from '../../../../electron/core/store/store.ts';

const SECRET = 'office-secret-0123456789abcdef';
const SID = 'CA00000000000000000000000000000001';

const alice: Agent = {
  id: 1,
  tenant_id: 'default',
  name: 'Alice',
  extension: '101',
  role: 'agent',
  skills: [],
  max_concurrent_calls: 1,
  status: 'busy',
  status_reason: null,
  status_since: '2026-01-01T00:00:00.000Z',
  wrap_up_until: null,
  login_username: 'alice',
  sip: { uri: 'sip:alice@pbx.lan', username: 'alice', ws_url: 'ws://pbx.lan:8088', ice_servers: [], has_password: true, media: 'renderer' },
  created_at: '2026-01-01T00:00:00.000Z',
  updated_at: '2026-01-01T00:00:00.000Z',
};

/** An INVITE as the gate reads it: headers and the From address. */
function invite(headers: Record<string, string>, from = 'sip:carol@pbx.lan'): Invitation {
  const byName = new Map(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
  return {
    request: { hasHeader: (n: string) => byName.has(n.toLowerCase()), getHeader: (n: string) => byName.get(n.toLowerCase()) },
    remoteIdentity: { uri: { toString: () => from } },
  } as unknown as Invitation;
}

const talking = (sid = SID, over: Partial<LineState> = {}): LineState => ({
  ...initialLine({ line_id: `line-${sid}`, call_sid: sid, direction: 'inbound', remote: { uri: 'bob', display: 'Bob' }, at: '2026-01-01T00:00:00.000Z' }),
  state: 'talking',
  ...over,
});

describe('the agent core’s check of a monitor INVITE', () => {
  let store: Store;
  let calls: CallsService;
  let roles: Map<number, AgentRole>;
  let gate: MonitorGate;
  let callId: number;
  const now = Date.parse('2026-05-01T10:00:00Z');

  const claims = (over: Partial<MonitorClaims> = {}, at = now): MonitorClaims => ({
    ...newMonitorClaims({ tenant: 'default', sid: SID, mode: 'listen', sup: 3, sup_role: 'supervisor', sup_aor: 'carol@pbx.lan', sup_name: 'Carol', tgt: 1, tgt_aor: 'alice@pbx.lan' }, at),
    ...over,
  });
  const headers = (c: MonitorClaims, header = `${c.sid};mode=${c.mode}`, secret = SECRET) => ({ 'X-Earshot-Monitor': header, 'X-Earshot-Monitor-Token': signMonitorToken(secret, c) });
  const refusals = () =>
    store.callEvents
      .list('default', callId)
      .filter((e) => e.type === 'monitor.refused')
      .map((e) => e.data.reason);

  beforeEach(() => {
    store = Store.open(':memory:');
    store.tenants.ensure('default', 'Default');
    calls = new CallsService(store, new EventBus());
    callId = calls.create('default', { sid: SID, direction: 'inbound', from_number: 'bob', to_number: '101', status: 'in-progress', handled_by: 'human' }, 'system').id;
    roles = new Map([[3, 'supervisor']]);
    gate = new MonitorGate({
      agent: alice,
      secret: () => SECRET,
      roleOf: (id) => roles.get(id) ?? null,
      audit: new MonitorAudit({ calls, auditLog: new AuditLog(store), log: () => undefined }, 'default'),
      log: () => undefined,
      now: () => now,
    });
  });

  it('admits a supervisor’s fresh token for a live call of this seat, once', () => {
    const c = claims();
    expect(gate.admit(invite(headers(c)), [talking()])).toEqual({ ok: true, callSid: SID, mode: 'listen', supervisor: { id: 3, name: 'Carol', aor: 'carol@pbx.lan' } });
    // The very same token again (a replay within its minute) is refused.
    expect(gate.admit(invite(headers(c)), [talking()])).toEqual({ ok: false, code: 403, reason: 'Monitor token already used' });
    expect(refusals()).toEqual(['Monitor token already used']);
  });

  it('admits an admin too, and a supervisor this core does not know (another desktop’s, trusted by the shared secret)', () => {
    roles.set(3, 'admin');
    expect(gate.admit(invite(headers(claims({ sup_role: 'admin' }))), [talking()]).ok).toBe(true);
    roles.clear();
    expect(gate.admit(invite(headers(claims())), [talking()]).ok).toBe(true);
  });

  it.each<[string, () => Record<string, string>, string | [number, string], number?]>([
    ['forged (another secret)', () => headers(claims(), undefined, 'not-the-office-secret'), 'Monitor token signature invalid'],
    ['expired', () => headers(claims({}, now - 5 * 60_000)), 'Monitor token expired'],
    ['no token', () => ({ 'X-Earshot-Monitor': `${SID};mode=listen` }), 'Monitor token missing'],
    ['a token for another call', () => headers(claims({ sid: 'CA99' }), `${SID};mode=listen`), 'Monitor token is for another call or mode'],
    ['a token for another mode', () => headers(claims({ mode: 'listen' }), `${SID};mode=barge`), 'Monitor token is for another call or mode'],
    ['a token for another seat', () => headers(claims({ tgt_aor: 'dave@pbx.lan' })), 'Monitor token is for another seat'],
    ['a token of another tenant', () => headers(claims({ tenant: 'other' })), 'Monitor token is for another seat'],
    ['a token naming an agent (not a supervisor)', () => headers(claims({ sup_role: 'agent' })), 'Not a supervisor'],
  ])('refuses %s with 403, audited on the call and in the audit log', (_what, make, reason) => {
    expect(gate.admit(invite(make()), [talking()])).toEqual({ ok: false, code: 403, reason });
    expect(refusals()).toEqual([reason]);
    expect(store.auditLog.list('default', { limit: 10 })).toMatchObject([{ action: 'monitor.refused', call_sid: SID, data: { code: 403, reason, from: 'carol@pbx.lan' } }]);
  });

  it('refuses a supervisor role this core’s store does not give that person (demoted since the token was signed)', () => {
    roles.set(3, 'agent');
    expect(gate.admit(invite(headers(claims())), [talking()])).toEqual({ ok: false, code: 403, reason: 'Not a supervisor' });
  });

  it('refuses a token presented by another caller than the one it names', () => {
    expect(gate.admit(invite(headers(claims()), 'sip:mallory@pbx.lan'), [talking()])).toEqual({ ok: false, code: 403, reason: 'Monitor token belongs to another caller' });
  });

  it('refuses monitoring a call this seat is not in, one not connected, or one already monitored (488/486)', () => {
    expect(gate.admit(invite(headers(claims())), [])).toEqual({ ok: false, code: 488, reason: 'No such live call on this seat' });
    expect(gate.admit(invite(headers(claims())), [talking(SID, { state: 'incoming' })])).toEqual({ ok: false, code: 488, reason: 'No such live call on this seat' });
    const monitored = talking(SID, { monitor: { role: 'monitored', mode: 'listen', via: 'peer', call_sid: SID, party: 'Dana' } });
    expect(gate.admit(invite(headers(claims())), [monitored])).toEqual({ ok: false, code: 486, reason: 'Call already monitored' });
  });

  it('refuses a malformed monitor header (488) and keeps going for the next INVITE', () => {
    expect(gate.admit(invite({ 'X-Earshot-Monitor': 'listen please' }), [talking()])).toEqual({ ok: false, code: 488, reason: 'Bad monitor header' });
    // No call named: nothing on any call's timeline, but the audit log has it.
    expect(refusals()).toEqual([]);
    expect(store.auditLog.list('default', { limit: 10 })).toMatchObject([{ action: 'monitor.refused', call_sid: null, actor: 'system', data: { reason: 'Bad monitor header' } }]);
    expect(gate.admit(invite(headers(claims())), [talking()]).ok).toBe(true);
  });
});
