// Number formatting and plain-text tables for tests/bench/sip-calls.ts.

import { percentile } from '../bench-args.ts';

export const fmt = (n: number, digits = 1): string => (Number.isFinite(n) ? n.toFixed(digits) : '—');
/** "p50 / p95" of `v`. */
export const pair = (v: number[], digits = 2): string => `${fmt(percentile(v, 50), digits)} / ${fmt(percentile(v, 95), digits)}`;
/** "a/b at p50 / at p95". */
export const ratioPair = (a: number[], b: number[]): string =>
  `${fmt(percentile(a, 50) / percentile(b, 50), 2)} / ${fmt(percentile(a, 95) / percentile(b, 95), 2)}`;
/** a / b, or — when either is missing. */
export const ratio = (a: number, b: number, digits = 2): string => (b > 0 && Number.isFinite(a) ? fmt(a / b, digits) : '—');

export function printTable(rows: string[][]): void {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length)));
  rows.forEach((r, i) => {
    console.log(r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  '));
    if (i === 0) console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  });
}

export function indent(text: string, prefix = '    '): string {
  return text
    .split('\n')
    .map((l) => prefix + l)
    .join('\n');
}

/**
 * A log tail folded by shape: lines that differ only in numbers / ids are counted once
 * (e.g. 300 × "received unexpected ACK request"), most frequent first, one example each.
 */
export function foldLog(text: string, top = 8): string {
  const groups = new Map<string, { n: number; example: string }>();
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    const shape = line.replace(/[0-9a-z]*\d[0-9a-z@.:_-]*/gi, '#');
    const g = groups.get(shape);
    if (g) g.n++;
    else groups.set(shape, { n: 1, example: line.slice(0, 220) });
  }
  return [...groups.values()]
    .sort((a, b) => b.n - a.n)
    .slice(0, top)
    .map((g) => `${String(g.n).padStart(5)} × ${g.example}`)
    .join('\n');
}
