// The tenant's audit log (shared/domain/audit.ts) for admins: newest first, paged back on
// demand, filtered by family. Loaded when the card opens and on Refresh: entries are not pushed
// live (the core keeps them off the event bus every console hears).
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { CoreClient } from '../../../shared/contracts/core-client.ts';
import type { AuditEntry, AuditFamily } from '../../../shared/domain/audit.ts';
import { requestError, type RequestError } from './errors.ts';

export const AUDIT_PAGE = 50;

export interface AuditState {
  entries: AuditEntry[];
  /** Older entries exist: Load more asks for them. */
  more: boolean;
  family: AuditFamily | null;
  loading: boolean;
  error: RequestError | null;
  /** Loads the newest page again (with the current filter, or a new one). */
  load(family?: AuditFamily | null): Promise<void>;
  loadMore(): Promise<void>;
  reset(): void;
}

export type AuditStore = StoreApi<AuditState>;

export function createAuditStore(client: CoreClient): AuditStore {
  let generation = 0;
  let nextBefore: number | null = null;
  return createStore<AuditState>()((set, get) => {
    const fetchPage = async (fresh: boolean): Promise<void> => {
      const mine = ++generation;
      const { family } = get();
      set({ loading: true, error: null });
      try {
        const page = await client.call('auditLog', {
          limit: AUDIT_PAGE,
          ...(family ? { action: family } : {}),
          ...(!fresh && nextBefore !== null ? { before: nextBefore } : {}),
        });
        if (mine !== generation) return;
        nextBefore = page.next_before;
        set({ entries: fresh ? page.entries : [...get().entries, ...page.entries], more: page.next_before !== null, loading: false });
      } catch (reason) {
        if (mine === generation) set({ loading: false, error: requestError(reason) });
      }
    };
    return {
      entries: [],
      more: false,
      family: null,
      loading: false,
      error: null,
      async load(family) {
        if (family !== undefined) set({ family });
        await fetchPage(true);
      },
      async loadMore() {
        if (get().more) await fetchPage(false);
      },
      reset() {
        generation++;
        nextBefore = null;
        set({ entries: [], more: false, family: null, loading: false, error: null });
      },
    };
  });
}
