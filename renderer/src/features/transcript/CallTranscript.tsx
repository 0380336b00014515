import { useState } from 'react';
import { useTranscript, useTranscriptStore } from './use-transcript.ts';
import { TranscriptPane } from './TranscriptPane.tsx';

export interface CallTranscriptProps {
  callId: number;
  variant: 'compact' | 'full';
  live: boolean;
  searchable?: boolean;
}

/** The transcript of `callId`, kept current by the core's transcript events. */
export function CallTranscript({ callId, variant, live, searchable }: CallTranscriptProps) {
  const store = useTranscriptStore(callId);
  const entries = useTranscript(store, (s) => s.entries);
  const loaded = useTranscript(store, (s) => s.loaded);
  const loading = useTranscript(store, (s) => s.loading);
  const error = useTranscript(store, (s) => s.error);
  const [query, setQuery] = useState('');
  return (
    <TranscriptPane
      entries={entries}
      loaded={loaded}
      loading={loading}
      error={error}
      variant={variant}
      live={live}
      search={searchable ? { query, onQuery: setQuery } : undefined}
    />
  );
}
