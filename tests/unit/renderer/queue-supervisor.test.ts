// The supervisor's side of the queue in the console: the queue policy form, setting another
// agent's status through the store, and monitoring steps read back from a call's timeline.
import { describe, expect, it } from 'vitest';
import type { CoreClient } from '../../../shared/contracts/core-client.ts';
import type { CallEvent } from '../../../shared/domain/call.ts';
import { DEFAULT_QUEUE_SETTINGS, type QueueSettings } from '../../../shared/domain/queue.ts';
import { CoreError } from '../../../renderer/src/client/core-error.ts';
import { monitorEvents } from '../../../renderer/src/features/history/monitor-event.ts';
import { awayReasonsFor } from '../../../shared/domain/agent.ts';
import { formFrom, patchFrom, sameSettings, secondsProblem } from '../../../renderer/src/features/settings/queue-settings-form.ts';
import { createQueueStore } from '../../../renderer/src/state/queue.store.ts';

/** A client that answers each method with what the test says (a value, or a thrown error), and records the calls. */
function answeringClient(answers: Record<string, (arg: unknown) => unknown>) {
  const requests: { method: string; arg: unknown }[] = [];
  const client: CoreClient = {
    call: async (method, arg) => {
      requests.push({ method, arg });
      const answer = answers[method];
      if (!answer) throw new Error(`unexpected ${method}`);
      return answer(arg) as never;
    },
    onEvent: () => () => {},
    onConnection: () => () => {},
    onMediaRequest: () => () => {},
  };
  return { client, requests };
}

describe('queue policy form', () => {
  const settings: QueueSettings = { ...DEFAULT_QUEUE_SETTINGS, wrap_up_seconds: 30 };

  it('starts from what the core holds and sends only what changed', () => {
    const form = formFrom(settings);
    expect(form).toMatchObject({ wrap_up_seconds: '30', offer_timeout_seconds: '15', away_on_missed_offer: true });
    expect(patchFrom(form, settings)).toEqual({});
    expect(patchFrom({ ...form, wrap_up_seconds: '45', available_on_sign_in: false }, settings)).toEqual({ wrap_up_seconds: 45, available_on_sign_in: false });
    expect(patchFrom({ ...form, wrap_up_seconds: '030' }, settings)).toEqual({});
    expect(sameSettings(settings, { ...settings })).toBe(true);
    expect(sameSettings(settings, { ...settings, away_on_missed_offer: false })).toBe(false);
  });

  it('knows the ranges the core enforces, and still sends a number out of range for the core to answer', () => {
    expect(secondsProblem('wrap_up_seconds', '0')).toBeNull();
    expect(secondsProblem('wrap_up_seconds', '3600')).toBeNull();
    expect(secondsProblem('wrap_up_seconds', '3601')).toBe('range');
    expect(secondsProblem('offer_timeout_seconds', '2')).toBe('range');
    expect(secondsProblem('service_level_seconds', '0')).toBe('range');
    expect(secondsProblem('reoffer_after_seconds', '1.5')).toBe('whole');
    expect(secondsProblem('wrap_up_seconds', ' ')).toBe('missing');
    const form = formFrom(settings);
    expect(patchFrom({ ...form, wrap_up_seconds: '5000' }, settings)).toEqual({ wrap_up_seconds: 5000 });
    // An empty field cannot be sent at all.
    expect(patchFrom({ ...form, offer_timeout_seconds: '' }, settings)).toBeNull();
  });
});

describe("a supervisor sets agents' statuses and the queue policy through the store", () => {
  it("asks the core for another agent's status with the agent's id; a refusal is kept for that agent's row only", async () => {
    let refuse = false;
    const c = answeringClient({
      setAgentStatus: () => {
        if (refuse) throw new CoreError({ statusCode: 403, error: 'Forbidden', message: "changing another agent's status needs the supervisor or admin role" });
        return {};
      },
    });
    const store = createQueueStore(c.client);
    expect(await store.getState().setStatusOf(7, 'away', 'training')).toBe(true);
    expect(c.requests).toEqual([{ method: 'setAgentStatus', arg: { agent_id: 7, status: 'away', reason: 'training' } }]);
    refuse = true;
    expect(await store.getState().setStatusOf(8, 'available')).toBe(false);
    expect(c.requests.at(-1)?.arg).toEqual({ agent_id: 8, status: 'available' });
    expect(store.getState().agentErrors).toEqual({ 8: expect.objectContaining({ statusCode: 403, message: expect.stringMatching(/supervisor or admin/) }) });
    expect(store.getState().agentBusy).toEqual({});
    store.getState().dismissAgentError(8);
    expect(store.getState().agentErrors).toEqual({});
  });

  it("saves the policy: the core's answer replaces the settings; its refusal is kept in its own words", async () => {
    const c = answeringClient({
      setQueueSettings: (arg) => {
        const patch = arg as Partial<QueueSettings>;
        if ((patch.wrap_up_seconds ?? 0) > 3600) throw new CoreError({ statusCode: 400, error: 'Bad Request', message: 'wrap_up_seconds: a whole number of seconds from 0 to 3600' });
        return { ...DEFAULT_QUEUE_SETTINGS, ...patch };
      },
    });
    const store = createQueueStore(c.client);
    expect(await store.getState().saveSettings({ wrap_up_seconds: 45 })).toBe(true);
    expect(store.getState()).toMatchObject({ settings: { wrap_up_seconds: 45 }, settingsSaving: false, settingsError: null });
    expect(await store.getState().saveSettings({ wrap_up_seconds: 5000 })).toBe(false);
    expect(store.getState()).toMatchObject({ settings: { wrap_up_seconds: 45 }, settingsError: { statusCode: 400, message: 'wrap_up_seconds: a whole number of seconds from 0 to 3600' } });
  });

  it('offers the away reasons a person chooses: never the queue’s own missed-offer, supervising only for supervisors and admins', () => {
    expect(awayReasonsFor('agent')).toEqual(['break', 'lunch', 'training', 'meeting', 'other']);
    expect(awayReasonsFor('supervisor')).toContain('supervising');
    expect(awayReasonsFor('admin')).not.toContain('missed-offer');
  });
});

describe("monitoring steps in a call's timeline", () => {
  const ev = (id: number, type: string, actor: string, data: Record<string, unknown>): CallEvent => ({ id, call_id: 1, tenant_id: 'default', type, actor, data, at: new Date(Date.UTC(2026, 2, 4, 9, 0, id)).toISOString() });

  it('reads mode and supervisor from what the monitor audit records; later steps borrow the name the start recorded', () => {
    const events = [
      ev(1, 'call.created', 'system', {}),
      ev(2, 'monitor.started', 'agent:3', { mode: 'listen', via: 'peer', supervisor_id: 3, supervisor: 'Sue Supervisor', supervisor_aor: 'sip:sue@pbx' }),
      ev(3, 'monitor.mode', 'agent:3', { mode: 'whisper', from: 'listen', supervisor_id: 3 }),
      ev(4, 'monitor.take-over', 'agent:3', { supervisor_id: 3, supervisor: 'Sue Supervisor', to: 'sip:sue@pbx' }),
      ev(5, 'monitor.ended', 'agent:9', { supervisor_id: 9, mode: 'barge', via: 'pbx' }),
      ev(6, 'monitor.refused', 'system', { code: 403, reason: 'expired token', from: 'sip:mallory@pbx', supervisor_id: null }),
      ev(7, 'monitor.something-new', 'agent:3', {}),
    ];
    const views = monitorEvents(events);
    expect([...views.keys()]).toEqual([2, 3, 4, 5, 6]);
    expect(views.get(2)).toMatchObject({ kind: 'started', mode: 'listen', via: 'peer', supervisorId: 3, supervisorName: 'Sue Supervisor' });
    expect(views.get(3)).toMatchObject({ kind: 'mode', mode: 'whisper', from: 'listen', supervisorName: 'Sue Supervisor' });
    expect(views.get(4)).toMatchObject({ kind: 'take-over', mode: null, supervisorName: 'Sue Supervisor' });
    // No name recorded for this supervisor: the console looks it up among the agents.
    expect(views.get(5)).toMatchObject({ kind: 'ended', mode: 'barge', via: 'pbx', supervisorId: 9, supervisorName: null });
    expect(views.get(6)).toMatchObject({ kind: 'refused', mode: null, from: null, supervisorId: null, code: 403, reason: 'expired token' });
  });

  it('takes the supervisor from the actor when the data has no id, and ignores modes it does not know', () => {
    const views = monitorEvents([ev(1, 'monitor.mode', 'agent:4', { mode: 'shout' })]);
    expect(views.get(1)).toMatchObject({ kind: 'mode', mode: null, supervisorId: 4 });
  });
});
