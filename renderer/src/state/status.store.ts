// Hub connection and the core's status (SIP registration, AI reachability, offline).
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ConnectionState, CoreClient } from '../../../shared/contracts/core-client.ts';
import type { CoreStatus } from '../../../shared/contracts/core-status.ts';

export interface StatusState {
  connection: ConnectionState;
  status: CoreStatus | null;
  refresh(): Promise<void>;
  reset(): void;
}

export type StatusStore = StoreApi<StatusState>;

export function createStatusStore(client: CoreClient): StatusStore {
  // A status event newer than a refresh's answer must win over it (the answer may predate it).
  let statusEvents = 0;
  const store = createStore<StatusState>()((set) => ({
    connection: 'connecting',
    status: null,
    async refresh() {
      try {
        const seen = statusEvents;
        const status = await client.call('status', undefined);
        if (seen === statusEvents) set({ status });
      } catch {
        // Keep the last known status; the connection indicator tells the rest.
      }
    },
    reset() {
      set({ status: null });
    },
  }));

  client.onConnection((connection) => store.setState({ connection }));
  client.onEvent(({ event }) => {
    if (event.type !== 'status.changed') return;
    statusEvents++;
    store.setState({ status: event.status });
  });
  return store;
}
