// The tenant's AI endpoint settings (shared/contracts/ai-settings.ts): admins read and change
// them, supervisors read them. Secrets never come back: only whether they are set, and where from.
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { AiSettingsUpdate, AiSettingsView } from '../../../shared/contracts/ai-settings.ts';
import type { CoreClient } from '../../../shared/contracts/core-client.ts';
import { requestError, type RequestError } from './errors.ts';

export interface AiSettingsState {
  settings: AiSettingsView | null;
  loading: boolean;
  saving: boolean;
  /** Loading failed (the card says why, e.g. not allowed). */
  loadError: RequestError | null;
  /** The last save failed; the form keeps what the person typed. */
  saveError: RequestError | null;
  /** Bumped on every successful save, so the form can say "Saved" and clear secrets it sent. */
  savedCount: number;
  load(): Promise<void>;
  save(update: AiSettingsUpdate): Promise<boolean>;
  reset(): void;
}

export type AiSettingsStore = StoreApi<AiSettingsState>;

export function createAiSettingsStore(client: CoreClient): AiSettingsStore {
  let generation = 0;
  return createStore<AiSettingsState>()((set, get) => ({
    settings: null,
    loading: false,
    saving: false,
    loadError: null,
    saveError: null,
    savedCount: 0,

    async load() {
      const mine = ++generation;
      set({ loading: true, loadError: null });
      try {
        const settings = await client.call('aiSettings', undefined);
        if (mine === generation) set({ settings, loading: false });
      } catch (reason) {
        if (mine === generation) set({ loading: false, loadError: requestError(reason) });
      }
    },

    async save(update) {
      if (Object.keys(update).length === 0) return true;
      const mine = ++generation;
      set({ saving: true, saveError: null });
      try {
        const settings = await client.call('setAiSettings', update);
        if (mine === generation) set({ settings, saving: false, savedCount: get().savedCount + 1 });
        return true;
      } catch (reason) {
        if (mine === generation) set({ saving: false, saveError: requestError(reason) });
        return false;
      }
    },

    reset() {
      generation++;
      set({ settings: null, loading: false, saving: false, loadError: null, saveError: null, savedCount: 0 });
    },
  }));
}
