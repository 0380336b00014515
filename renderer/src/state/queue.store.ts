// The queue as the wallboard and the agent see it: open entries, every agent's live state,
// today's figures and the queue's settings, from a snapshot kept current by `queue.*` and
// `agent.status` events. Also the signed-in agent's own actions: its status, and accepting or
// declining the call offered to it. Supervisors also set other agents' statuses and the queue's
// settings.
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { CoreClient } from '../../../shared/contracts/core-client.ts';
import type { EventEnvelope } from '../../../shared/contracts/domain-events.ts';
import type { AgentStatus, AwayReason } from '../../../shared/domain/agent.ts';
import { OPEN_QUEUE_STATES, type AgentLiveState, type QueueEntry, type QueueSettings, type QueueStats } from '../../../shared/domain/queue.ts';
import { requestError, type RequestError } from './errors.ts';

export type OfferAction = 'accept' | 'decline';

export interface QueueState {
  entries: QueueEntry[];
  agents: Record<number, AgentLiveState>;
  stats: QueueStats | null;
  settings: QueueSettings | null;
  loaded: boolean;
  loading: boolean;
  error: RequestError | null;
  /** When this console heard of each current offer (its own clock), by entry id. */
  offeredSeenAt: Record<number, number>;
  /** An offer action in flight, by entry id. */
  busy: Record<number, OfferAction>;
  /** The last failed action (status change, accept, decline), for the person to read. */
  actionError: RequestError | null;
  /** Supervisors: status changes in flight for other agents, and the last refusal, by agent id. */
  agentBusy: Record<number, true>;
  agentErrors: Record<number, RequestError>;
  /** Supervisors: a settings change in flight, and the core's refusal of the last one. */
  settingsSaving: boolean;
  settingsError: RequestError | null;
  load(): Promise<void>;
  applyEvent(envelope: EventEnvelope): void;
  setStatus(status: AgentStatus, reason?: AwayReason): Promise<boolean>;
  accept(entryId: number): Promise<boolean>;
  decline(entryId: number): Promise<boolean>;
  dismissError(): void;
  /** A supervisor sets an agent's status (the new state arrives as `agent.status`, on every console). */
  setStatusOf(agentId: number, status: AgentStatus, reason?: AwayReason): Promise<boolean>;
  dismissAgentError(agentId: number): void;
  saveSettings(patch: Partial<QueueSettings>): Promise<boolean>;
  reset(): void;
}

export type QueueStore = StoreApi<QueueState>;

const isOpen = (e: QueueEntry): boolean => OPEN_QUEUE_STATES.includes(e.state);

/** Upserts `entry` (dropping it once it leaves the queue), oldest id first. */
export function withEntry(entries: readonly QueueEntry[], entry: QueueEntry): QueueEntry[] {
  const rest = entries.filter((e) => e.id !== entry.id);
  return (isOpen(entry) ? [...rest, entry] : rest).sort((a, b) => a.id - b.id);
}

/** The entry offered to `agentId` right now, if any. */
export function offerFor(entries: readonly QueueEntry[], agentId: number | null): QueueEntry | null {
  if (agentId === null) return null;
  return entries.find((e) => e.state === 'offered' && e.offered_agent_id === agentId) ?? null;
}

const initial = () => ({
  entries: [] as QueueEntry[],
  agents: {} as Record<number, AgentLiveState>,
  stats: null,
  settings: null,
  loaded: false,
  loading: false,
  error: null,
  offeredSeenAt: {} as Record<number, number>,
  busy: {} as Record<number, OfferAction>,
  actionError: null,
  agentBusy: {} as Record<number, true>,
  agentErrors: {} as Record<number, RequestError>,
  settingsSaving: false,
  settingsError: null,
});

const without = <V>(record: Record<number, V>, key: number): Record<number, V> => {
  const { [key]: _gone, ...rest } = record;
  return rest;
};

/** Keeps the arrival time of offers still standing, adding `entry`'s if it is a new offer. */
function seenOffers(seen: Record<number, number>, before: readonly QueueEntry[], entry: QueueEntry, now: number): Record<number, number> {
  const old = before.find((e) => e.id === entry.id);
  if (entry.state !== 'offered') {
    if (!(entry.id in seen)) return seen;
    const { [entry.id]: _gone, ...rest } = seen;
    return rest;
  }
  return old?.state === 'offered' && old.offered_at === entry.offered_at && entry.id in seen ? seen : { ...seen, [entry.id]: now };
}

export function createQueueStore(client: CoreClient): QueueStore {
  let generation = 0;
  /** Events that arrived while a snapshot was in flight: they are newer than it. */
  let early: EventEnvelope[] | null = null;

  const store = createStore<QueueState>()((set, get) => {
    const offerAction = async (entryId: number, action: OfferAction): Promise<boolean> => {
      if (get().busy[entryId]) return false;
      set((s) => ({ busy: { ...s.busy, [entryId]: action }, actionError: null }));
      try {
        // The entry's new state arrives as a `queue.entry` event (the answer could be older than one).
        await client.call(action === 'accept' ? 'acceptOffer' : 'declineOffer', { entry_id: entryId });
        return true;
      } catch (reason) {
        set({ actionError: requestError(reason) });
        return false;
      } finally {
        set((s) => {
          const { [entryId]: _done, ...rest } = s.busy;
          return { busy: rest };
        });
      }
    };

    return {
      ...initial(),

      async load() {
        const mine = ++generation;
        early = [];
        set({ loading: true, error: null });
        try {
          const snap = await client.call('queueSnapshot', undefined);
          if (mine !== generation) return;
          const replay = early ?? [];
          early = null;
          set({
            entries: snap.entries.filter(isOpen).sort((a, b) => a.id - b.id),
            agents: Object.fromEntries(snap.agents.map((a) => [a.agent_id, a])),
            stats: snap.stats,
            settings: snap.settings,
            loaded: true,
            loading: false,
          });
          for (const env of replay) get().applyEvent(env);
        } catch (reason) {
          if (mine !== generation) return;
          early = null;
          set({ loading: false, error: requestError(reason) });
        }
      },

      applyEvent(envelope) {
        const { event } = envelope;
        switch (event.type) {
          case 'queue.entry':
          case 'queue.stats':
          case 'queue.settings':
          case 'agent.status':
          case 'agent.deleted':
            break;
          default:
            return;
        }
        early?.push(envelope);
        switch (event.type) {
          case 'queue.entry':
            set((s) => ({ entries: withEntry(s.entries, event.entry), offeredSeenAt: seenOffers(s.offeredSeenAt, s.entries, event.entry, Date.now()) }));
            return;
          case 'queue.stats':
            set({ stats: event.stats });
            return;
          case 'queue.settings':
            set({ settings: event.settings });
            return;
          case 'agent.status':
            set((s) => ({ agents: { ...s.agents, [event.state.agent_id]: event.state } }));
            return;
          case 'agent.deleted':
            set((s) => {
              const { [event.agent_id]: _gone, ...rest } = s.agents;
              return { agents: rest };
            });
            return;
        }
      },

      async setStatus(status, reason) {
        set({ actionError: null });
        try {
          // The new state arrives as an `agent.status` event, like everyone else's.
          await client.call('setAgentStatus', { status, ...(reason ? { reason } : {}) });
          return true;
        } catch (err) {
          set({ actionError: requestError(err) });
          return false;
        }
      },

      accept: (entryId) => offerAction(entryId, 'accept'),
      decline: (entryId) => offerAction(entryId, 'decline'),
      dismissError: () => set({ actionError: null }),

      async setStatusOf(agentId, status, reason) {
        if (get().agentBusy[agentId]) return false;
        set((s) => ({ agentBusy: { ...s.agentBusy, [agentId]: true }, agentErrors: without(s.agentErrors, agentId) }));
        try {
          await client.call('setAgentStatus', { agent_id: agentId, status, ...(reason ? { reason } : {}) });
          return true;
        } catch (err) {
          set((s) => ({ agentErrors: { ...s.agentErrors, [agentId]: requestError(err) } }));
          return false;
        } finally {
          set((s) => ({ agentBusy: without(s.agentBusy, agentId) }));
        }
      },

      dismissAgentError: (agentId) => set((s) => (agentId in s.agentErrors ? { agentErrors: without(s.agentErrors, agentId) } : s)),

      async saveSettings(patch) {
        if (get().settingsSaving) return false;
        set({ settingsSaving: true, settingsError: null });
        try {
          const settings = await client.call('setQueueSettings', patch);
          set({ settings, settingsSaving: false });
          return true;
        } catch (err) {
          set({ settingsSaving: false, settingsError: requestError(err) });
          return false;
        }
      },

      reset() {
        generation++;
        early = null;
        set(initial());
      },
    };
  });

  client.onEvent((envelope) => store.getState().applyEvent(envelope));
  return store;
}
