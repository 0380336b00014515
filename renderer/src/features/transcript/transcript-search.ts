// Searching a transcript: which entries match, and where in their text (for <mark>).
import type { TranscriptEntry } from '../../state/transcripts.store.ts';

/** A piece of an entry's text; `match` pieces are what the person searched for. */
export interface TextPart {
  text: string;
  match: boolean;
}

const normalise = (text: string, locale: string): string => text.toLocaleLowerCase(locale);

/** The query as searched: trimmed; an empty query matches everything. */
export function searchTerm(query: string): string {
  return query.trim();
}

export function filterEntries(entries: readonly TranscriptEntry[], query: string, locale: string): TranscriptEntry[] {
  const term = normalise(searchTerm(query), locale);
  if (term === '') return [...entries];
  return entries.filter((e) => normalise(e.text, locale).includes(term));
}

/**
 * `text` cut around every (case-insensitive) occurrence of `query`. Lower-casing can change a
 * string's length in a few scripts; then the text is returned whole rather than mis-marked.
 */
export function highlight(text: string, query: string, locale: string): TextPart[] {
  const term = normalise(searchTerm(query), locale);
  const lower = normalise(text, locale);
  if (term === '' || lower.length !== text.length) return [{ text, match: false }];
  const parts: TextPart[] = [];
  let from = 0;
  for (let at = lower.indexOf(term); at >= 0; at = lower.indexOf(term, at + term.length)) {
    if (at > from) parts.push({ text: text.slice(from, at), match: false });
    parts.push({ text: text.slice(at, at + term.length), match: true });
    from = at + term.length;
  }
  if (from < text.length) parts.push({ text: text.slice(from), match: false });
  return parts.length > 0 ? parts : [{ text, match: false }];
}
