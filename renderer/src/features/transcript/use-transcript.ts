// A call's transcript store for a component: cached by the registry, loaded the first time it
// is shown, kept a little while after the last viewer goes (switching views brings it back).
import { useEffect, useMemo } from 'react';
import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';
import { useStores } from '../../app/stores-context.tsx';
import type { TranscriptState, TranscriptStore } from '../../state/transcripts.store.ts';

const NO_TRANSCRIPT: TranscriptStore = createStore<TranscriptState>()(() => ({
  callId: 0,
  entries: [],
  loaded: false,
  loading: false,
  error: null,
  load: async () => undefined,
  applyEvent: () => undefined,
}));

/** The store of `callId` (an empty one for null), retained while the component is mounted. */
export function useTranscriptStore(callId: number | null): TranscriptStore {
  const { transcripts } = useStores();
  const store = useMemo(() => (callId === null ? NO_TRANSCRIPT : transcripts.get(callId)), [transcripts, callId]);
  useEffect(() => (callId === null ? undefined : transcripts.retain(callId)), [transcripts, callId]);
  return store;
}

export const useTranscript = <T>(store: TranscriptStore, selector: (s: TranscriptState) => T): T => useStore(store, selector);
