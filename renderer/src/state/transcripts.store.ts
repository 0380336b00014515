// The transcript of one call as a person follows it: stored segments and the segments the core
// still holds (queued, being transcribed with partial text, retrying, failed), in order of
// start. A pending segment is replaced in place by the final one with the same `segment_key`.
// One store per call, kept by a registry that feeds them the `transcript.*` events; a snapshot
// (`getCall` + `pendingSegments`) never undoes an event that arrived while it was in flight.
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { CoreClient } from '../../../shared/contracts/core-client.ts';
import type { EventEnvelope } from '../../../shared/contracts/domain-events.ts';
import type { PendingSegment, PendingState, Speaker, TranscriptSegment } from '../../../shared/domain/transcript.ts';
import { requestError, type RequestError } from './errors.ts';

/** Where an entry stands: stored text (final or a realtime interim), or still with the core. */
export type TranscriptEntryStatus = 'final' | 'interim' | PendingState;

export interface TranscriptEntry {
  /** The capture's `segment_key`, else `id:<segment id>`: stable from pending to final. */
  key: string;
  speaker: Speaker;
  /** Milliseconds from the start of the call. */
  start_ms: number;
  end_ms: number;
  /** The text, or for a pending segment what has streamed in so far (often empty). */
  text: string;
  status: TranscriptEntryStatus;
  /** Transcription attempts so far (pending segments only; 0 otherwise). */
  attempts: number;
}

export interface TranscriptState {
  callId: number;
  entries: TranscriptEntry[];
  loaded: boolean;
  loading: boolean;
  error: RequestError | null;
  load(): Promise<void>;
  applyEvent(envelope: EventEnvelope): void;
}

export type TranscriptStore = StoreApi<TranscriptState>;

const keyOf = (segment: TranscriptSegment): string => segment.segment_key ?? `id:${segment.id}`;

function finalEntry(s: TranscriptSegment): TranscriptEntry {
  return { key: keyOf(s), speaker: s.speaker, start_ms: s.start_ms, end_ms: s.end_ms, text: s.text, status: s.is_final ? 'final' : 'interim', attempts: 0 };
}

function pendingEntry(p: PendingSegment): TranscriptEntry {
  return { key: p.segment_key, speaker: p.speaker, start_ms: p.start_ms, end_ms: p.end_ms, text: p.partial_text, status: p.state, attempts: p.attempts };
}

export function byStart(a: TranscriptEntry, b: TranscriptEntry): number {
  return a.start_ms - b.start_ms || a.end_ms - b.end_ms || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
}

/** Of two versions of a stored segment, a final one beats an interim one; else the newer. */
function newer(known: TranscriptSegment | undefined, incoming: TranscriptSegment): TranscriptSegment {
  return known && known.is_final && !incoming.is_final ? known : incoming;
}

export function createTranscriptStore(client: CoreClient, callId: number): TranscriptStore {
  const finals = new Map<number, TranscriptSegment>();
  const pendings = new Map<string, PendingSegment>();
  /** Keys that have their final text: a late pending event for them is stale. */
  const finalKeys = new Set<string>();
  /** Pending keys an event touched while a snapshot was in flight (the event is newer). */
  let touched: Set<string> | null = null;
  let generation = 0;

  const store = createStore<TranscriptState>()((set) => {
    const publish = (): void => {
      const entries = [...[...finals.values()].map(finalEntry), ...[...pendings.values()].map(pendingEntry)].sort(byStart);
      set({ entries });
    };

    const takeSegment = (segment: TranscriptSegment): void => {
      finals.set(segment.id, newer(finals.get(segment.id), segment));
      if (segment.segment_key !== null) {
        finalKeys.add(segment.segment_key);
        pendings.delete(segment.segment_key);
      }
    };

    return {
      callId,
      entries: [],
      loaded: false,
      loading: false,
      error: null,

      async load() {
        const mine = ++generation;
        const seen = new Set<string>();
        touched = seen;
        set({ loading: true, error: null });
        try {
          const [detail, pending] = await Promise.all([
            client.call('getCall', { id: callId }),
            // Placeholders are a nicety: a core that cannot list them still shows the text.
            client.call('pendingSegments', { call_id: callId }).catch(() => [] as PendingSegment[]),
          ]);
          if (mine !== generation) return;
          touched = null;
          for (const segment of detail.transcript) takeSegment(segment);
          // The snapshot's pending list replaces ours, except where an event was newer.
          const kept = new Map([...pendings].filter(([key]) => seen.has(key)));
          pendings.clear();
          for (const p of pending) if (!finalKeys.has(p.segment_key) && !kept.has(p.segment_key)) pendings.set(p.segment_key, p);
          for (const [key, p] of kept) pendings.set(key, p);
          publish();
          set({ loaded: true, loading: false });
        } catch (reason) {
          if (mine !== generation) return;
          touched = null;
          set({ loading: false, error: requestError(reason) });
        }
      },

      applyEvent({ event }) {
        if (event.type === 'transcript.segment') {
          if (event.segment.call_id !== callId) return;
          takeSegment(event.segment);
          publish();
        } else if (event.type === 'transcript.pending') {
          const p = event.pending;
          if (p.call_id !== callId || finalKeys.has(p.segment_key)) return;
          touched?.add(p.segment_key);
          pendings.set(p.segment_key, p);
          publish();
        }
      },
    };
  });
  return store;
}

/** How long a transcript nobody looks at stays cached (switching views brings it back at once). */
export const TRANSCRIPT_KEEP_MS = 60_000;

/**
 * The open transcripts. `get` hands out (and caches) a call's store; `retain` marks it in use
 * (loading it the first time) and returns the release; unused stores are dropped after a while.
 */
export interface TranscriptsRegistry {
  get(callId: number): TranscriptStore;
  retain(callId: number): () => void;
  /** Reloads every cached transcript (after a reconnect events may have been missed). */
  refresh(): void;
  /** Forgets everything (sign-out). */
  reset(): void;
}

export function createTranscriptsRegistry(client: CoreClient, keepMs = TRANSCRIPT_KEEP_MS): TranscriptsRegistry {
  const stores = new Map<number, { store: TranscriptStore; users: number; evict: ReturnType<typeof setTimeout> | null }>();

  const entryOf = (callId: number) => {
    let entry = stores.get(callId);
    if (!entry) {
      entry = { store: createTranscriptStore(client, callId), users: 0, evict: null };
      stores.set(callId, entry);
    }
    return entry;
  };

  client.onEvent((envelope) => {
    const { event } = envelope;
    const callId = event.type === 'transcript.segment' ? event.segment.call_id : event.type === 'transcript.pending' ? event.pending.call_id : null;
    if (callId !== null) stores.get(callId)?.store.getState().applyEvent(envelope);
  });

  return {
    get: (callId) => entryOf(callId).store,
    retain(callId) {
      const entry = entryOf(callId);
      entry.users++;
      if (entry.evict) clearTimeout(entry.evict);
      entry.evict = null;
      const state = entry.store.getState();
      if (!state.loaded && !state.loading) void state.load();
      let released = false;
      return () => {
        if (released) return;
        released = true;
        entry.users--;
        if (entry.users > 0) return;
        entry.evict = setTimeout(() => {
          if (entry.users === 0 && stores.get(callId) === entry) stores.delete(callId);
        }, keepMs);
      };
    },
    refresh() {
      for (const { store } of stores.values()) void store.getState().load();
    },
    reset() {
      for (const entry of stores.values()) if (entry.evict) clearTimeout(entry.evict);
      stores.clear();
    },
  };
}
