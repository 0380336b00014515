// Calls: a page of history (filters + pagination), the live (not ended) calls, and the detail
// of one opened call. Call, call-event and transcript events keep all three current.
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { CallListQuery, CoreClient } from '../../../shared/contracts/core-client.ts';
import type { EventEnvelope } from '../../../shared/contracts/domain-events.ts';
import { FINAL_CALL_STATUSES, type Call, type CallDirection, type CallEvent, type CallStatus } from '../../../shared/domain/call.ts';
import type { TranscriptSegment } from '../../../shared/domain/transcript.ts';
import { requestError, type RequestError } from './errors.ts';

export const HISTORY_PAGE_SIZE = 25;
/** How many live calls the console asks for; a small office never has this many at once. */
export const LIVE_CALLS_LIMIT = 200;

export interface HistoryQuery {
  status: CallStatus | null;
  direction: CallDirection | null;
  limit: number;
  offset: number;
}

export interface HistorySlice {
  query: HistoryQuery;
  items: Call[];
  total: number;
  loaded: boolean;
  loading: boolean;
  error: RequestError | null;
}

export interface LiveSlice {
  calls: Call[];
  loaded: boolean;
  loading: boolean;
  error: RequestError | null;
}

export interface DetailSlice {
  id: number | null;
  call: Call | null;
  events: CallEvent[];
  transcript: TranscriptSegment[];
  loading: boolean;
  error: RequestError | null;
}

/** The signed-in agent's latest calls, for the softphone's call-back list. */
export interface RecentSlice {
  agentId: number | null;
  calls: Call[];
  loaded: boolean;
  loading: boolean;
  error: RequestError | null;
}

export const RECENT_CALLS_LIMIT = 8;

export interface CallsState {
  history: HistorySlice;
  live: LiveSlice;
  detail: DetailSlice;
  recent: RecentSlice;
  loadRecent(agentId: number): Promise<void>;
  /** Loads a history page; fields not given keep their current value. */
  loadHistory(query?: Partial<HistoryQuery>): Promise<void>;
  loadLive(): Promise<void>;
  openCall(id: number): Promise<void>;
  closeCall(): void;
  /** Re-fetches whatever has been loaded (after a reconnect, events may have been missed). */
  refresh(): Promise<void>;
  applyEvent(envelope: EventEnvelope): void;
  reset(): void;
}

export type CallsStore = StoreApi<CallsState>;

export function isActiveCall(call: Call): boolean {
  return call.ended_at === null && !FINAL_CALL_STATUSES.includes(call.status);
}

export function matchesHistoryQuery(call: Call, query: HistoryQuery): boolean {
  return (query.status === null || call.status === query.status) && (query.direction === null || call.direction === query.direction);
}

const newestFirst = (a: Call, b: Call): number => b.started_at.localeCompare(a.started_at) || b.id - a.id;

const initialHistory = (): HistorySlice => ({
  query: { status: null, direction: null, limit: HISTORY_PAGE_SIZE, offset: 0 },
  items: [],
  total: 0,
  loaded: false,
  loading: false,
  error: null,
});
const initialLive = (): LiveSlice => ({ calls: [], loaded: false, loading: false, error: null });
const initialRecent = (): RecentSlice => ({ agentId: null, calls: [], loaded: false, loading: false, error: null });
const initialDetail = (): DetailSlice => ({ id: null, call: null, events: [], transcript: [], loading: false, error: null });

function toListQuery(q: HistoryQuery): CallListQuery {
  return {
    limit: q.limit,
    offset: q.offset,
    ...(q.status ? { status: q.status } : {}),
    ...(q.direction ? { direction: q.direction } : {}),
  };
}

function upsertBy<T extends { id: number }>(list: T[], item: T): T[] {
  const i = list.findIndex((x) => x.id === item.id);
  if (i < 0) return [...list, item];
  const copy = [...list];
  copy[i] = item;
  return copy;
}

export function createCallsStore(client: CoreClient): CallsStore {
  // Only the newest request of each kind may write its answer.
  const generation = { history: 0, live: 0, detail: 0, recent: 0 };
  let liveTouched: Map<number, Call> | null = null;

  const store = createStore<CallsState>()((set, get) => ({
    history: initialHistory(),
    live: initialLive(),
    detail: initialDetail(),
    recent: initialRecent(),

    async loadRecent(agentId) {
      const mine = ++generation.recent;
      set((s) => ({ recent: { ...s.recent, agentId, loading: true, error: null } }));
      try {
        const page = await client.call('listCalls', { agent_id: agentId, limit: RECENT_CALLS_LIMIT, offset: 0 });
        if (mine !== generation.recent) return;
        set({ recent: { agentId, calls: [...page.items].sort(newestFirst), loaded: true, loading: false, error: null } });
      } catch (reason) {
        if (mine !== generation.recent) return;
        set((s) => ({ recent: { ...s.recent, loading: false, error: requestError(reason) } }));
      }
    },

    async loadHistory(patch = {}) {
      const query: HistoryQuery = { ...get().history.query, ...patch };
      const mine = ++generation.history;
      set((s) => ({ history: { ...s.history, query, loading: true, error: null } }));
      try {
        const page = await client.call('listCalls', toListQuery(query));
        if (mine !== generation.history) return;
        set((s) => ({ history: { ...s.history, items: page.items, total: page.total, loaded: true, loading: false } }));
      } catch (reason) {
        if (mine !== generation.history) return;
        set((s) => ({ history: { ...s.history, loading: false, error: requestError(reason) } }));
      }
    },

    async loadLive() {
      const mine = ++generation.live;
      // Calls that change while the list is in flight: the answer may predate them.
      const touched = new Map<number, Call>();
      liveTouched = touched;
      set((s) => ({ live: { ...s.live, loading: true, error: null } }));
      try {
        const page = await client.call('listCalls', { active: true, limit: LIVE_CALLS_LIMIT, offset: 0 });
        if (mine !== generation.live) return;
        liveTouched = null;
        const byId = new Map(page.items.map((c) => [c.id, c]));
        for (const [id, call] of touched) {
          const listed = byId.get(id);
          if (!listed || listed.updated_at <= call.updated_at) byId.set(id, call);
        }
        set({ live: { calls: [...byId.values()].filter(isActiveCall).sort(newestFirst), loaded: true, loading: false, error: null } });
      } catch (reason) {
        if (mine !== generation.live) return;
        set((s) => ({ live: { ...s.live, loading: false, error: requestError(reason) } }));
      }
    },

    async openCall(id) {
      const mine = ++generation.detail;
      const known = get().history.items.find((c) => c.id === id) ?? get().live.calls.find((c) => c.id === id) ?? null;
      set({ detail: { ...initialDetail(), id, call: known, loading: true } });
      try {
        const { call, events, transcript } = await client.call('getCall', { id });
        if (mine !== generation.detail) return;
        set((s) => ({
          detail: {
            id,
            call,
            // Events that arrived while the request was in flight are kept.
            events: mergeById(events, s.detail.events).sort((a, b) => a.at.localeCompare(b.at) || a.id - b.id),
            transcript: mergeById(transcript, s.detail.transcript).sort(byStart),
            loading: false,
            error: null,
          },
        }));
      } catch (reason) {
        if (mine !== generation.detail) return;
        set((s) => ({ detail: { ...s.detail, loading: false, error: requestError(reason) } }));
      }
    },

    closeCall() {
      generation.detail++;
      set({ detail: initialDetail() });
    },

    async refresh() {
      const { history, live, detail, recent } = get();
      const jobs: Promise<void>[] = [];
      if (recent.agentId !== null && (recent.loaded || recent.loading)) jobs.push(get().loadRecent(recent.agentId));
      if (history.loaded || history.loading) jobs.push(get().loadHistory());
      if (live.loaded || live.loading) jobs.push(get().loadLive());
      if (detail.id !== null) jobs.push(get().openCall(detail.id));
      await Promise.all(jobs);
    },

    applyEvent({ event }) {
      switch (event.type) {
        case 'call.created':
        case 'call.updated': {
          const call = event.call;
          liveTouched?.set(call.id, call);
          set((s) => {
            const liveRest = s.live.calls.filter((c) => c.id !== call.id);
            const live = { ...s.live, calls: isActiveCall(call) ? [call, ...liveRest].sort(newestFirst) : liveRest };

            let history = s.history;
            const present = history.items.some((c) => c.id === call.id);
            if (present) {
              history = { ...history, items: history.items.map((c) => (c.id === call.id ? call : c)) };
            } else if (history.loaded && history.query.offset === 0 && matchesHistoryQuery(call, history.query)) {
              history = {
                ...history,
                items: [call, ...history.items].sort(newestFirst).slice(0, history.query.limit),
                total: history.total + 1,
              };
            }

            const detail = s.detail.id === call.id ? { ...s.detail, call } : s.detail;

            let recent = s.recent;
            if (recent.loaded && recent.agentId !== null && call.agent_id === recent.agentId) {
              const rest = recent.calls.filter((c) => c.id !== call.id);
              recent = { ...recent, calls: [call, ...rest].sort(newestFirst).slice(0, RECENT_CALLS_LIMIT) };
            }
            return { live, history, detail, recent };
          });
          return;
        }
        case 'call.event': {
          const e = event.event;
          if (get().detail.id !== e.call_id) return;
          set((s) => ({ detail: { ...s.detail, events: upsertBy(s.detail.events, e).sort((a, b) => a.at.localeCompare(b.at) || a.id - b.id) } }));
          return;
        }
        case 'transcript.segment': {
          const seg = event.segment;
          if (get().detail.id !== seg.call_id) return;
          set((s) => ({ detail: { ...s.detail, transcript: upsertBy(s.detail.transcript, seg).sort(byStart) } }));
          return;
        }
        default:
          return;
      }
    },

    reset() {
      generation.history++;
      generation.live++;
      generation.detail++;
      generation.recent++;
      set({ history: initialHistory(), live: initialLive(), detail: initialDetail(), recent: initialRecent() });
    },
  }));

  client.onEvent((envelope) => store.getState().applyEvent(envelope));
  return store;
}

function byStart(a: TranscriptSegment, b: TranscriptSegment): number {
  return a.start_ms - b.start_ms || a.id - b.id;
}

/** `fresh` wins over `pending` for the same id. */
function mergeById<T extends { id: number }>(fresh: T[], pending: T[]): T[] {
  const ids = new Set(fresh.map((x) => x.id));
  return [...fresh, ...pending.filter((x) => !ids.has(x.id))];
}
