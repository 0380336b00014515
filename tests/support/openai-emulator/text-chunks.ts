// Splits a text into the pieces a streaming endpoint sends as deltas: on word boundaries
// where there are spaces, per character for scripts written without them (Japanese), so the
// pieces always concatenate back to the text.
export function splitIntoDeltas(text: string, parts = 3): string[] {
  if (!text) return [];
  const words = text.match(/\S+\s*|\s+/g) ?? [text];
  const units = words.length >= parts ? words : Array.from(text);
  const n = Math.min(parts, units.length);
  const out: string[] = [];
  for (let i = 0; i < n; i++) out.push(units.slice(Math.floor((i * units.length) / n), Math.floor(((i + 1) * units.length) / n)).join(''));
  return out;
}

/** A rough token count (≈ 4 characters a token), at least 1 for a non-empty text. */
export function tokenCount(text: string): number {
  const chars = Array.from(text).length;
  return chars === 0 ? 0 : Math.max(1, Math.ceil(chars / 4));
}
