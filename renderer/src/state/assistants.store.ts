// The tenant's AI voice agents (shared/domain/assistant.ts), for the Assistants view. Loaded
// when the view opens; a save or delete reloads the list, so the core's answer is what shows.
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { CoreClient } from '../../../shared/contracts/core-client.ts';
import type { Assistant, AssistantInput } from '../../../shared/domain/assistant.ts';
import { requestError, type RequestError } from './errors.ts';

export interface AssistantsState {
  items: Assistant[];
  loading: boolean;
  saving: boolean;
  /** The last failed load. */
  error: RequestError | null;
  /** The last failed save or delete (shown in the editor). */
  saveError: RequestError | null;
  load(): Promise<void>;
  /** Creates (no id) or replaces; resolves to the stored assistant, or null when refused. */
  save(input: AssistantInput & { id?: number }): Promise<Assistant | null>;
  remove(id: number): Promise<boolean>;
  clearSaveError(): void;
  reset(): void;
}

export type AssistantsStore = StoreApi<AssistantsState>;

export function createAssistantsStore(client: CoreClient): AssistantsStore {
  let generation = 0;
  return createStore<AssistantsState>()((set, get) => ({
    items: [],
    loading: false,
    saving: false,
    error: null,
    saveError: null,

    async load() {
      const mine = ++generation;
      set({ loading: true, error: null });
      try {
        const items = await client.call('listAssistants', undefined);
        if (mine === generation) set({ items, loading: false });
      } catch (reason) {
        if (mine === generation) set({ loading: false, error: requestError(reason) });
      }
    },

    async save(input) {
      set({ saving: true, saveError: null });
      try {
        const saved = await client.call('saveAssistant', input);
        set({ saving: false });
        await get().load();
        return saved;
      } catch (reason) {
        set({ saving: false, saveError: requestError(reason) });
        return null;
      }
    },

    async remove(id) {
      set({ saving: true, saveError: null });
      try {
        await client.call('deleteAssistant', { id });
        set({ saving: false });
        await get().load();
        return true;
      } catch (reason) {
        set({ saving: false, saveError: requestError(reason) });
        return false;
      }
    },

    clearSaveError: () => set({ saveError: null }),

    reset() {
      generation++;
      set({ items: [], loading: false, saving: false, error: null, saveError: null });
    },
  }));
}

/** Phone numbers as people type them: one per line or separated by commas. */
export function parsePhoneNumbers(text: string): string[] {
  return [...new Set(text.split(/[\n,;]+/).map((n) => n.trim()).filter(Boolean))];
}
