// A supervisor's monitoring of human calls (shared/contracts/monitor-client.ts). The session
// itself is the supervisor's monitor leg in the lines store (its mode and state come from the
// core); this store keeps, per call, what is in flight and what last went wrong or was done.
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { CoreClient } from '../../../shared/contracts/core-client.ts';
import type { MonitorMode, MonitorSettingsUpdate, MonitorSettingsView } from '../../../shared/contracts/monitor-client.ts';
import type { LineState } from '../../../shared/sip/line-state.ts';
import { requestError, type RequestError } from './errors.ts';
import type { LinesStore } from './lines.store.ts';

export type MonitorAction = MonitorMode | 'take-over' | 'stop';

export interface MonitorCallState {
  busy: MonitorAction | null;
  /** The last action that worked (a take-over shows as such once the monitor leg is gone). */
  done: MonitorAction | null;
  error: RequestError | null;
}

export interface MonitorState {
  byCall: Record<number, MonitorCallState>;
  /** The tenant's supervision settings (supervisors and admins). */
  settings: MonitorSettingsView | null;
  settingsBusy: boolean;
  settingsError: RequestError | null;
  loadSettings(): Promise<void>;
  /** Admins: resolves true when the core took the change. */
  saveSettings(update: MonitorSettingsUpdate): Promise<boolean>;
  /** Listen, whisper or barge: starts monitoring, or switches mode when already connected. */
  setMode(callId: number, callSid: string, mode: MonitorMode): Promise<boolean>;
  takeOver(callId: number): Promise<boolean>;
  stop(callId: number): Promise<boolean>;
  reset(): void;
}

export type MonitorStore = StoreApi<MonitorState>;

const IDLE: MonitorCallState = { busy: null, done: null, error: null };
const CONNECTED: readonly LineState['state'][] = ['talking', 'on-hold', 'remote-hold'];

const listenerLegs = (legs: readonly LineState[], callSid: string): LineState[] => legs.filter((l) => l.monitor?.role === 'listener' && l.monitor.call_sid === callSid);

/** The supervisor's monitor leg for a call (not ended), if any. */
export function listenerLeg(legs: readonly LineState[], callSid: string): LineState | null {
  return listenerLegs(legs, callSid).find((l) => l.state !== 'ended') ?? null;
}

/** The supervisor's newest monitor leg for a call, ended or not. */
export function lastListenerLeg(legs: readonly LineState[], callSid: string): LineState | null {
  return listenerLegs(legs, callSid).at(-1) ?? null;
}

/** Why a monitor leg failed to connect or dropped (SIP code and reason); null if it is up or ended normally. */
export function monitorFailure(leg: LineState | null): { code: number | null; detail: string | null } | null {
  if (!leg || leg.state !== 'ended' || leg.end_reason === 'local-hangup' || leg.end_reason === 'remote-hangup' || leg.end_reason === 'canceled') return null;
  return { code: leg.sip_code, detail: leg.end_detail };
}

export function createMonitorStore(client: CoreClient, lines: LinesStore): MonitorStore {
  return createStore<MonitorState>()((set, get) => {
    const patch = (callId: number, next: Partial<MonitorCallState>) =>
      set((s) => ({ byCall: { ...s.byCall, [callId]: { ...(s.byCall[callId] ?? IDLE), ...next } } }));
    const run = async (callId: number, action: MonitorAction, request: () => Promise<unknown>): Promise<boolean> => {
      patch(callId, { busy: action, error: null });
      try {
        await request();
        patch(callId, { busy: null, done: action });
        return true;
      } catch (reason) {
        patch(callId, { busy: null, error: requestError(reason) });
        return false;
      }
    };
    const settingsRequest = async (request: () => Promise<MonitorSettingsView>): Promise<boolean> => {
      set({ settingsBusy: true, settingsError: null });
      try {
        const settings = await request();
        set({ settings, settingsBusy: false });
        return true;
      } catch (reason) {
        set({ settingsBusy: false, settingsError: requestError(reason) });
        return false;
      }
    };
    return {
      byCall: {},
      settings: null,
      settingsBusy: false,
      settingsError: null,
      async loadSettings() {
        if (get().settingsBusy) return;
        await settingsRequest(() => client.call('monitorSettings', undefined));
      },
      saveSettings: (update) => settingsRequest(() => client.call('setMonitorSettings', update)),
      setMode(callId, callSid, mode) {
        const leg = listenerLeg(lines.getState().monitorLegs, callSid);
        const connected = leg !== null && CONNECTED.includes(leg.state);
        return run(callId, mode, () => (connected ? client.call('setMonitorMode', { call_id: callId, mode }) : client.call('startMonitor', { call_id: callId, mode })));
      },
      takeOver: (callId) => run(callId, 'take-over', () => client.call('takeOver', { call_id: callId })),
      stop: (callId) => run(callId, 'stop', () => client.call('stopMonitor', { call_id: callId })),
      reset: () => set({ byCall: {}, settings: null, settingsBusy: false, settingsError: null }),
    };
  });
}

export const monitorOf = (state: MonitorState, callId: number): MonitorCallState => state.byCall[callId] ?? IDLE;
