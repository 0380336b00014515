import { describe, expect, it } from 'vitest';
import type { CoreClient } from '../../../shared/contracts/core-client.ts';
import type { CoreStatus } from '../../../shared/contracts/core-status.ts';
import type { EventEnvelope } from '../../../shared/contracts/domain-events.ts';
import type { Call } from '../../../shared/domain/call.ts';
import { createCallsStore } from '../../../renderer/src/state/calls.store.ts';
import { createStatusStore } from '../../../renderer/src/state/status.store.ts';

/** A core whose answers the test releases by hand, so events can overtake them. */
function slowCore() {
  const listeners = new Set<(e: EventEnvelope) => void>();
  const pending: ((value: unknown) => void)[] = [];
  const client: CoreClient = {
    call: () => new Promise((resolve) => pending.push(resolve as (value: unknown) => void)) as never,
    onEvent: (l) => (listeners.add(l), () => listeners.delete(l)),
    onConnection: () => () => undefined,
    onMediaRequest: () => () => undefined,
  };
  return {
    client,
    answer: (value: unknown) => pending.shift()!(value),
    emit: (event: EventEnvelope['event']) => listeners.forEach((l) => l({ seq: 1, at: '', tenant_id: 'default', event })),
  };
}

const call = (id: number, status: Call['status'], updated_at: string): Call => ({
  id, sid: `CA${id}`, tenant_id: 'default', direction: 'inbound', from_number: '1', to_number: '2', status, handled_by: 'human', agent_id: null,
  assistant_id: null, started_at: updated_at, answered_at: null, ended_at: null, duration_seconds: null, end_reason: null, sip_code: null,
  sentiment: null, summary: null, disposition: null, analysis_state: null, realtime_call_id: null, transfer_count: 0, metadata: {}, created_at: updated_at, updated_at,
});

const status = (state: CoreStatus['sip']['state']): CoreStatus => ({
  version: '0', started_at: '', sip: { state, detail: null }, ai: { state: 'unconfigured', base_url: null, checked_at: null, detail: null }, offline: false,
});

describe('snapshots never overwrite newer live events', () => {
  it('a call created while the live list loads is kept when the older list arrives', async () => {
    const core = slowCore();
    const store = createCallsStore(core.client);
    const loading = store.getState().loadLive();
    core.emit({ type: 'call.created', call: call(7, 'ringing', '2026-01-01T00:00:02Z') });
    core.answer({ items: [call(3, 'in-progress', '2026-01-01T00:00:01Z')], total: 1, limit: 100, offset: 0 });
    await loading;
    expect(store.getState().live.calls.map((c) => c.id)).toEqual([7, 3]);
  });

  it('a call that ended while the list loaded does not come back from the older list', async () => {
    const core = slowCore();
    const store = createCallsStore(core.client);
    const loading = store.getState().loadLive();
    core.emit({ type: 'call.updated', call: call(3, 'completed', '2026-01-01T00:00:05Z') });
    core.answer({ items: [call(3, 'in-progress', '2026-01-01T00:00:01Z')], total: 1, limit: 100, offset: 0 });
    await loading;
    expect(store.getState().live.calls).toEqual([]);
  });

  it('a status event that arrives while a status request is in flight wins', async () => {
    const core = slowCore();
    const store = createStatusStore(core.client);
    const refreshing = store.getState().refresh();
    core.emit({ type: 'status.changed', status: status('registered') });
    core.answer(status('registering'));
    await refreshing;
    expect(store.getState().status?.sip.state).toBe('registered');
  });
});
