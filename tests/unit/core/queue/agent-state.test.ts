import { describe, expect, it } from 'vitest';
import { nextStatus, type AgentStatusView } from '../../../../electron/core/queue/agent-state.ts';
import { meaningOf, SEED_WORD } from '../../../../electron/core/queue/status-words.ts';

const T = Date.parse('2026-03-04T09:00:00.000Z');
const settings = { wrap_up_seconds: 30, available_on_sign_in: true };
const view = (status: AgentStatusView['status'], status_reason: string | null = null, wrap_up_until: string | null = null): AgentStatusView => ({ status, status_reason, wrap_up_until });

describe('agent state machine', () => {
  it('a call makes an available agent busy; its end starts wrap-up with the tenant’s length', () => {
    expect(nextStatus(view('available'), { type: 'calls', active: 1, handled: false, at: T }, settings)).toEqual({ status: 'busy', reason: 'on-call', wrap_up_until: null });
    expect(nextStatus(view('busy', 'on-call'), { type: 'calls', active: 0, handled: true, at: T }, settings)).toEqual({
      status: 'wrap-up',
      reason: null,
      wrap_up_until: '2026-03-04T09:00:30.000Z',
    });
  });

  it('no wrap-up after a call nobody answered, nor when the tenant wants none', () => {
    expect(nextStatus(view('busy', 'on-call'), { type: 'calls', active: 0, handled: false, at: T }, settings)).toEqual({ status: 'available', reason: null, wrap_up_until: null });
    expect(nextStatus(view('busy', 'on-call'), { type: 'calls', active: 0, handled: true, at: T }, { ...settings, wrap_up_seconds: 0 })).toEqual({
      status: 'available',
      reason: null,
      wrap_up_until: null,
    });
  });

  it('a new call during wrap-up makes the agent busy again; a second call while busy changes nothing', () => {
    expect(nextStatus(view('wrap-up', null, '2026-03-04T09:00:30.000Z'), { type: 'calls', active: 1, handled: false, at: T }, settings)?.status).toBe('busy');
    expect(nextStatus(view('busy', 'on-call'), { type: 'calls', active: 2, handled: true, at: T }, settings)).toBeNull();
  });

  it('calls never move an agent who is away, offline or busy by choice', () => {
    for (const v of [view('away', 'lunch'), view('offline'), view('busy')]) {
      expect(nextStatus(v, { type: 'calls', active: 1, handled: false, at: T }, settings)).toBeNull();
      expect(nextStatus(v, { type: 'calls', active: 0, handled: true, at: T }, settings)).toBeNull();
    }
  });

  it('wrap-up ends when its time has come, not before', () => {
    const w = view('wrap-up', null, '2026-03-04T09:00:30.000Z');
    expect(nextStatus(w, { type: 'wrap-up-ended', at: T + 29_999 }, settings)).toBeNull();
    expect(nextStatus(w, { type: 'wrap-up-ended', at: T + 30_000 }, settings)).toEqual({ status: 'available', reason: null, wrap_up_until: null });
    expect(nextStatus(view('available'), { type: 'wrap-up-ended', at: T + 30_000 }, settings)).toBeNull();
  });

  it('the agent’s own choice: away with a reason (other by default), available again, busy while still on a call', () => {
    expect(nextStatus(view('available'), { type: 'set', status: 'away', reason: 'lunch', active: 0, at: T }, settings)).toEqual({ status: 'away', reason: 'lunch', wrap_up_until: null });
    expect(nextStatus(view('available'), { type: 'set', status: 'away', reason: null, active: 0, at: T }, settings)?.reason).toBe('other');
    expect(nextStatus(view('away', 'lunch'), { type: 'set', status: 'away', reason: 'lunch', active: 0, at: T }, settings)).toBeNull();
    expect(nextStatus(view('away', 'lunch'), { type: 'set', status: 'available', reason: null, active: 0, at: T }, settings)?.status).toBe('available');
    expect(nextStatus(view('wrap-up', null, 'x'), { type: 'set', status: 'available', reason: null, active: 1, at: T }, settings)).toEqual({ status: 'busy', reason: 'on-call', wrap_up_until: null });
    expect(nextStatus(view('available'), { type: 'set', status: 'wrap-up', reason: null, active: 0, at: T }, settings)?.wrap_up_until).toBe('2026-03-04T09:00:30.000Z');
  });

  it('signing in: agents become available (or away when the tenant says so), supervisors come in as supervising', () => {
    expect(nextStatus(view('offline'), { type: 'signed-in', role: 'agent', at: T }, settings)?.status).toBe('available');
    expect(nextStatus(view('offline'), { type: 'signed-in', role: 'agent', at: T }, { ...settings, available_on_sign_in: false })).toMatchObject({ status: 'away', reason: 'other' });
    expect(nextStatus(view('offline'), { type: 'signed-in', role: 'supervisor', at: T }, settings)).toMatchObject({ status: 'away', reason: 'supervising' });
    expect(nextStatus(view('away', 'lunch'), { type: 'signed-in', role: 'agent', at: T }, settings)).toBeNull();
    expect(nextStatus(view('busy', 'on-call'), { type: 'signed-out', at: T }, settings)?.status).toBe('offline');
  });

  it('a missed offer puts an agent ready for calls on away (missed-offer)', () => {
    expect(nextStatus(view('available'), { type: 'missed-offer', at: T }, settings)).toMatchObject({ status: 'away', reason: 'missed-offer' });
    expect(nextStatus(view('away', 'break'), { type: 'missed-offer', at: T }, settings)).toBeNull();
  });
});

describe('seed 002 status words', () => {
  it('maps online/offline/busy/away and friends onto Earshot statuses', () => {
    expect(meaningOf('online')).toEqual({ status: 'available' });
    expect(meaningOf(' ONLINE ')).toEqual({ status: 'available' });
    expect(meaningOf('Offline')).toEqual({ status: 'offline' });
    expect(meaningOf('busy')).toEqual({ status: 'busy' });
    expect(meaningOf('away')).toEqual({ status: 'away' });
    expect(meaningOf('lunch')).toEqual({ status: 'away', reason: 'lunch' });
    expect(meaningOf('wrap-up')).toEqual({ status: 'wrap-up' });
    expect(meaningOf('Wrap up')).toEqual({ status: 'wrap-up' });
    expect(meaningOf('dancing')).toBeNull();
    expect(SEED_WORD.available).toBe('online');
  });
});
