// The tenant's agents (people and their seats), kept current by agent.* events.
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { CoreClient } from '../../../shared/contracts/core-client.ts';
import type { EventEnvelope } from '../../../shared/contracts/domain-events.ts';
import type { Agent } from '../../../shared/domain/agent.ts';
import { requestError, type RequestError } from './errors.ts';

export interface AgentsState {
  agents: Agent[];
  loaded: boolean;
  loading: boolean;
  error: RequestError | null;
  load(): Promise<void>;
  applyEvent(envelope: EventEnvelope): void;
  reset(): void;
}

export type AgentsStore = StoreApi<AgentsState>;

const byName = (a: Agent, b: Agent): number => a.name.localeCompare(b.name) || a.id - b.id;

export function createAgentsStore(client: CoreClient): AgentsStore {
  let generation = 0;
  const store = createStore<AgentsState>()((set, get) => ({
    agents: [],
    loaded: false,
    loading: false,
    error: null,

    async load() {
      const mine = ++generation;
      set({ loading: true, error: null });
      try {
        const agents = await client.call('listAgents', undefined);
        if (mine !== generation) return;
        set({ agents: [...agents].sort(byName), loaded: true, loading: false });
      } catch (reason) {
        if (mine !== generation) return;
        set({ loading: false, error: requestError(reason) });
      }
    },

    applyEvent({ event }) {
      const { agents } = get();
      switch (event.type) {
        case 'agent.created':
        case 'agent.updated': {
          const rest = agents.filter((a) => a.id !== event.agent.id);
          set({ agents: [...rest, event.agent].sort(byName) });
          return;
        }
        case 'agent.deleted':
          set({ agents: agents.filter((a) => a.id !== event.agent_id) });
          return;
        default:
          return;
      }
    },

    reset() {
      generation++;
      set({ agents: [], loaded: false, loading: false, error: null });
    },
  }));

  client.onEvent((envelope) => store.getState().applyEvent(envelope));
  return store;
}
