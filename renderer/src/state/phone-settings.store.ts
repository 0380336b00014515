// The seat's own call handling (shared/contracts/phone-settings.ts): do not disturb,
// auto-answer, intercom. Loaded on sign-in and reconnect; a change shows at once and is
// rolled back if the core refuses it (the core's answer wins).
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { CoreClient } from '../../../shared/contracts/core-client.ts';
import type { PhoneSettings } from '../../../shared/contracts/phone-settings.ts';
import { requestError, type RequestError } from './errors.ts';

export interface PhoneSettingsState {
  settings: PhoneSettings | null;
  loading: boolean;
  saving: boolean;
  error: RequestError | null;
  load(): Promise<void>;
  update(partial: Partial<PhoneSettings>): Promise<void>;
  reset(): void;
}

export type PhoneSettingsStore = StoreApi<PhoneSettingsState>;

/** Auto-answer delays people can choose from, in seconds (0 = at once). */
export const AUTO_ANSWER_DELAYS = [0, 1, 2, 3, 5, 10] as const;

export function clampDelay(seconds: number): number {
  if (!Number.isFinite(seconds)) return 0;
  return Math.min(60, Math.max(0, Math.round(seconds)));
}

export function createPhoneSettingsStore(client: CoreClient): PhoneSettingsStore {
  let generation = 0;
  return createStore<PhoneSettingsState>()((set, get) => ({
    settings: null,
    loading: false,
    saving: false,
    error: null,

    async load() {
      const mine = ++generation;
      set({ loading: true, error: null });
      try {
        const settings = await client.call('phoneSettings', undefined);
        if (mine === generation) set({ settings, loading: false });
      } catch (reason) {
        if (mine === generation) set({ loading: false, error: requestError(reason) });
      }
    },

    async update(partial) {
      const before = get().settings;
      const mine = ++generation;
      const wanted = { ...partial };
      if (wanted.auto_answer_delay_s !== undefined) wanted.auto_answer_delay_s = clampDelay(wanted.auto_answer_delay_s);
      set({ saving: true, error: null, settings: before ? { ...before, ...wanted } : before });
      try {
        const settings = await client.call('setPhoneSettings', wanted);
        if (mine === generation) set({ settings, saving: false });
      } catch (reason) {
        if (mine === generation) set({ settings: before, saving: false, error: requestError(reason) });
      }
    },

    reset() {
      generation++;
      set({ settings: null, loading: false, saving: false, error: null });
    },
  }));
}
