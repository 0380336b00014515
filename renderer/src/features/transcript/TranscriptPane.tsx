import type { TFunction } from 'i18next';
import { ArrowDown, CircleX, Search, X } from 'lucide-react';
import { useId, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../app/use-format.ts';
import type { RequestError } from '../../state/errors.ts';
import type { TranscriptEntry } from '../../state/transcripts.store.ts';
import { SpeakerLabel } from './speaker-visuals.tsx';
import { useStickToBottom } from './stick-to-bottom.ts';
import { filterEntries, highlight, searchTerm } from './transcript-search.ts';
import './transcript.css';

export interface TranscriptPaneProps {
  entries: readonly TranscriptEntry[];
  loaded: boolean;
  loading: boolean;
  error: RequestError | null;
  /** `compact` under a line card; `full` in the supervisor's view and the call detail. */
  variant: 'compact' | 'full';
  /** The call is in progress: new lines keep coming (auto-scroll, "listening" when empty). */
  live: boolean;
  /** A search box that filters and highlights; absent: no search. */
  search?: { query: string; onQuery(query: string): void };
}

const isPending = (e: TranscriptEntry): boolean => e.status !== 'final' && e.status !== 'interim';

/** The transcript of one call: speakers by channel, times from the call's start, pending lines in place. */
export function TranscriptPane({ entries, loaded, loading, error, variant, live, search }: TranscriptPaneProps) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const titleId = useId();
  const searchId = useId();
  const listRef = useRef<HTMLOListElement>(null);
  const query = search?.query ?? '';
  const shown = useMemo(() => filterEntries(entries, query, fmt.locale), [entries, query, fmt.locale]);
  const follow = useStickToBottom(listRef, shown);
  const searching = searchTerm(query) !== '';

  return (
    <section className={`transcript-pane tx-${variant}`} aria-labelledby={titleId} data-testid="transcript-pane" aria-busy={loading || undefined}>
      <div className="tx-header">
        <h3 id={titleId} className="tx-title">
          {t('transcript.title')}
        </h3>
        {live && (
          <span className="tx-live" data-testid="transcript-live">
            <span className="tx-live-dot" aria-hidden="true" />
            {t('transcript.live')}
          </span>
        )}
      </div>

      {search && (
        <div className="tx-search" role="search">
          <label htmlFor={searchId} className="visually-hidden">
            {t('transcript.search')}
          </label>
          <Search className="icon tx-search-icon" size={16} aria-hidden="true" />
          <input
            id={searchId}
            type="search"
            value={query}
            placeholder={t('transcript.searchPlaceholder')}
            onChange={(e) => search.onQuery(e.target.value)}
            onKeyDown={(e) => {
              // Esc clears the search first; only an empty box lets Esc close the view around it.
              if (e.key === 'Escape' && query !== '') {
                e.preventDefault();
                e.stopPropagation();
                search.onQuery('');
              }
            }}
            data-testid="transcript-search"
          />
          {searching && (
            <button type="button" className="button ghost small icon-only" onClick={() => search.onQuery('')} aria-label={t('transcript.clearSearch')} title={t('transcript.clearSearch')}>
              <X className="icon" size={16} aria-hidden="true" />
            </button>
          )}
          {searching && (
            <span className="tx-search-count muted small" role="status" data-testid="transcript-search-count">
              {t('transcript.matches', { count: shown.length, total: fmt.number(entries.length) })}
            </span>
          )}
        </div>
      )}

      {error && (
        <p className="inline-error" role="alert">
          <CircleX className="icon" size={18} aria-hidden="true" />
          <span>{t('transcript.error', { message: error.message })}</span>
        </p>
      )}

      <div className="tx-body">
        <ol
          ref={listRef}
          className="tx-list"
          onScroll={follow.onScroll}
          role="log"
          aria-live={live ? 'polite' : 'off'}
          aria-relevant="additions"
          aria-labelledby={titleId}
          tabIndex={0}
        >
          {shown.map((entry) => (
            <TranscriptLine key={entry.key} entry={entry} query={query} />
          ))}
        </ol>
        {shown.length === 0 && (
          <p className="tx-empty muted" role="status">
            {searching ? t('transcript.noMatches') : !loaded && loading ? t('transcript.loading') : live ? t('transcript.listening') : t('transcript.empty')}
          </p>
        )}
        {live && !follow.stuck && follow.unseen && (
          <button type="button" className="button small tx-jump" onClick={follow.jumpToLatest} data-testid="transcript-jump">
            <ArrowDown className="icon" size={16} aria-hidden="true" />
            <span>{t('transcript.jumpToLatest')}</span>
          </button>
        )}
      </div>
    </section>
  );
}

function TranscriptLine({ entry, query }: { entry: TranscriptEntry; query: string }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const pending = isPending(entry);
  const seconds = entry.start_ms / 1000;
  const parts = highlight(entry.text, query, fmt.locale);
  return (
    <li
      className={`tx-line speaker-${entry.speaker} status-${entry.status}`}
      data-testid="transcript-segment"
      data-speaker={entry.speaker}
      data-segment-key={entry.key}
      data-pending={pending ? 'true' : 'false'}
      data-status={entry.status}
    >
      <div className="tx-meta">
        <SpeakerLabel speaker={entry.speaker} />
        <time className="tx-time" aria-label={t('transcript.at', { time: fmt.durationLong(seconds) })}>
          {fmt.duration(seconds)}
        </time>
        {entry.status !== 'final' && <span className={`tx-state tx-state-${entry.status}`}>{stateText(t, entry)}</span>}
      </div>
      {entry.text !== '' && (
        <p className="tx-text">
          {parts.map((p, i) => (p.match ? <mark key={i}>{p.text}</mark> : <span key={i}>{p.text}</span>))}
        </p>
      )}
    </li>
  );
}

function stateText(t: TFunction, entry: TranscriptEntry): string {
  switch (entry.status) {
    case 'interim':
      return t('transcript.state.interim');
    case 'queued':
      return t('transcript.state.queued');
    case 'transcribing':
      return t('transcript.state.transcribing');
    case 'retrying':
      return t('transcript.state.retrying', { count: entry.attempts });
    case 'failed':
      return t('transcript.state.failed');
    case 'final':
      return '';
  }
}
