import { describe, expect, it } from 'vitest';
import type { CoreArg, CoreClient, CoreMethod, CoreResult } from '../../../shared/contracts/core-client.ts';
import { MONITOR_MODES } from '../../../shared/contracts/monitor-client.ts';
import type { LineMonitor } from '../../../shared/sip/line-monitor.ts';
import { initialLine, type LineState } from '../../../shared/sip/line-state.ts';
import { viewForShortcut } from '../../../renderer/src/app/Nav.tsx';
import { MONITOR_SHORTCUT_KEYS, MONITOR_SHORTCUTS, monitorShortcutFor } from '../../../renderer/src/features/monitor/monitor-shortcuts.ts';
import { queueShortcutFor } from '../../../renderer/src/features/queue/queue-shortcuts.ts';
import { SHORTCUT_KEYS, shortcutFor, type KeyLike } from '../../../renderer/src/features/softphone/shortcuts.ts';
import { monitorGains } from '../../../renderer/src/media/monitor-mix.ts';
import { createLinesStore } from '../../../renderer/src/state/lines.store.ts';
import { createMonitorStore, lastListenerLeg, listenerLeg, monitorFailure, monitorOf } from '../../../renderer/src/state/monitor.store.ts';
import { CoreError } from '../../../renderer/src/client/core-error.ts';
import { FakeCoreClient, flush } from './fake-core-client.ts';

const AT = '2026-03-04T10:00:00.000Z';
const line = (id: string, over: Partial<LineState> = {}): LineState => ({
  ...initialLine({ line_id: id, call_sid: `CA${id}`, direction: 'inbound', remote: { uri: 'sip:bob@pbx', display: 'Bob' }, at: AT }),
  state: 'talking',
  ...over,
});
const monitor = (role: LineMonitor['role'], mode: LineMonitor['mode'] = 'listen', call_sid = 'CAcall'): LineMonitor => ({ role, mode, via: 'peer', call_sid, party: 'Carol' });
/** `Alt+<letter>` as a key event, by physical key. */
const alt = (code: string): KeyLike => ({ key: code.slice(-1).toLowerCase(), code, altKey: true, ctrlKey: false, metaKey: false, shiftKey: false });

describe('who hears the supervisor (the mix’s gains per mode)', () => {
  it('listen: nobody; whisper: the agent only; barge: agent and caller', () => {
    expect(Object.fromEntries(MONITOR_MODES.map((m) => [m, monitorGains(m)]))).toEqual({
      listen: { agent: false, caller: false },
      whisper: { agent: true, caller: false },
      barge: { agent: true, caller: true },
    });
  });
});

describe('supervisor hotkeys', () => {
  it('Alt+L / W / B / T / S: listen, whisper, barge, take over, stop', () => {
    expect(['KeyL', 'KeyW', 'KeyB', 'KeyT', 'KeyS'].map((code) => monitorShortcutFor(alt(code)))).toEqual([...MONITOR_SHORTCUTS]);
    expect(monitorShortcutFor({ ...alt('KeyL'), ctrlKey: true })).toBeNull();
    expect(monitorShortcutFor({ ...alt('KeyL'), shiftKey: true })).toBeNull();
    expect(monitorShortcutFor({ ...alt('KeyL'), altKey: false })).toBeNull();
  });

  it('clash with no softphone, queue or navigation shortcut', () => {
    for (const action of MONITOR_SHORTCUTS) {
      const chord = MONITOR_SHORTCUT_KEYS[action];
      const code = `Key${chord.slice(-1)}`;
      expect(shortcutFor(alt(code)), chord).toBeNull();
      expect(viewForShortcut(alt(code)), chord).toBeNull();
      expect(queueShortcutFor(alt(code), false), chord).toBeNull();
      expect(Object.values(SHORTCUT_KEYS).flat(), chord).not.toContain(chord);
    }
  });
});

describe('monitor legs in the lines store', () => {
  it('keeps monitor legs out of the calls (no card, ringing, selection, transcript); an ended one only says how it ended', async () => {
    const client = new FakeCoreClient();
    const store = createLinesStore(client, { agentId: () => 1 });
    client.emit({ type: 'line.updated', agent_id: 1, line: line('call', { monitor: monitor('monitored') }) });
    client.emit({ type: 'line.updated', agent_id: 1, line: line('leg', { state: 'incoming', monitor: monitor('target') }) });
    client.emit({ type: 'line.updated', agent_id: 1, line: line('spy', { direction: 'outbound', state: 'dialing', monitor: monitor('listener') }) });
    await flush();
    expect(store.getState().lines.map((l) => [l.line_id, l.monitor?.role])).toEqual([['call', 'monitored']]);
    expect(store.getState().monitorLegs.map((l) => l.line_id)).toEqual(['leg', 'spy']);
    expect(store.getState().selectedId).toBe('call');

    client.emit({ type: 'line.updated', agent_id: 1, line: line('leg', { state: 'ended', monitor: monitor('target') }) });
    // A late event does not bring an ended leg back.
    client.emit({ type: 'line.updated', agent_id: 1, line: line('leg', { monitor: monitor('target') }) });
    expect(store.getState().monitorLegs.map((l) => [l.line_id, l.state])).toEqual([
      ['leg', 'ended'],
      ['spy', 'dialing'],
    ]);
    expect(listenerLeg(store.getState().monitorLegs, 'CAcall')?.line_id).toBe('spy');
    expect(listenerLeg(store.getState().monitorLegs, 'CAother')).toBeNull();
    expect(store.getState().lines.map((l) => l.line_id)).toEqual(['call']);
  });

  it('says why the supervisor’s last monitor call failed, and nothing when it ended normally or is up', async () => {
    const client = new FakeCoreClient();
    const store = createLinesStore(client, { agentId: () => 1 });
    const legs = () => store.getState().monitorLegs;
    const spy = (id: string, over: Partial<LineState>) => line(id, { direction: 'outbound', monitor: monitor('listener'), ...over });
    client.emit({ type: 'line.updated', agent_id: 1, line: spy('s1', { state: 'ended', end_reason: 'rejected', sip_code: 403, end_detail: 'Monitor token expired' }) });
    expect(monitorFailure(lastListenerLeg(legs(), 'CAcall'))).toEqual({ code: 403, detail: 'Monitor token expired' });
    client.emit({ type: 'line.updated', agent_id: 1, line: spy('s2', { state: 'talking' }) });
    expect(monitorFailure(lastListenerLeg(legs(), 'CAcall'))).toBeNull();
    client.emit({ type: 'line.updated', agent_id: 1, line: spy('s2', { state: 'ended', end_reason: 'local-hangup' }) });
    expect(monitorFailure(lastListenerLeg(legs(), 'CAcall'))).toBeNull();
    // Only the newest few ended legs are kept.
    for (let i = 3; i < 12; i++) client.emit({ type: 'line.updated', agent_id: 1, line: spy(`s${i}`, { state: 'ended', end_reason: 'local-hangup' }) });
    expect(legs()).toHaveLength(5);
  });
});

/** Records console calls; answers the monitor methods like the core would. */
class RecordingClient extends FakeCoreClient {
  readonly sent: [CoreMethod, unknown][] = [];
  failNext: CoreError | null = null;

  override async call<M extends CoreMethod>(method: M, arg: CoreArg<M>): Promise<CoreResult<M>> {
    if (!['startMonitor', 'setMonitorMode', 'stopMonitor', 'takeOver'].includes(method)) return super.call(method, arg);
    this.sent.push([method, arg]);
    const failure = this.failNext;
    this.failNext = null;
    if (failure) throw failure;
    return (method === 'stopMonitor' || method === 'takeOver' ? { ok: true } : { ...(arg as object), call_sid: 'CAcall', line_id: 'spy', via: 'peer' }) as CoreResult<M>;
  }
}

describe('monitor store', () => {
  function setup() {
    const client = new RecordingClient();
    const lines = createLinesStore(client as CoreClient, { agentId: () => 1 });
    const store = createMonitorStore(client as CoreClient, lines);
    return { client, lines, store };
  }

  it('starts monitoring when there is no connected monitor call, and switches mode (no new call) when there is', async () => {
    const { client, store } = setup();
    expect(await store.getState().setMode(7, 'CAcall', 'whisper')).toBe(true);
    client.emit({ type: 'line.updated', agent_id: 1, line: line('spy', { direction: 'outbound', state: 'dialing', monitor: monitor('listener', 'whisper') }) });
    await store.getState().setMode(7, 'CAcall', 'barge');
    client.emit({ type: 'line.updated', agent_id: 1, line: line('spy', { direction: 'outbound', monitor: monitor('listener', 'whisper') }) });
    await store.getState().setMode(7, 'CAcall', 'barge');
    expect(client.sent).toEqual([
      ['startMonitor', { call_id: 7, mode: 'whisper' }],
      ['startMonitor', { call_id: 7, mode: 'barge' }],
      ['setMonitorMode', { call_id: 7, mode: 'barge' }],
    ]);
    expect(monitorOf(store.getState(), 7)).toEqual({ busy: null, done: 'barge', error: null });
  });

  it('keeps the core’s refusal for the panel, and a take-over as done', async () => {
    const { client, store } = setup();
    client.failNext = new CoreError({ statusCode: 403, error: 'Forbidden', message: 'monitoring calls needs the supervisor or admin role' });
    expect(await store.getState().setMode(7, 'CAcall', 'listen')).toBe(false);
    expect(monitorOf(store.getState(), 7).error).toMatchObject({ statusCode: 403, message: /supervisor/ });
    expect(await store.getState().takeOver(7)).toBe(true);
    expect(monitorOf(store.getState(), 7)).toEqual({ busy: null, done: 'take-over', error: null });
    expect(monitorOf(store.getState(), 8)).toEqual({ busy: null, done: null, error: null });
  });
});
