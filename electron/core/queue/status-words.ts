// Seed 002's agent status words (`PUT /agents/{id}/status` with `{"status": "online"}`) and
// Earshot's own, mapped onto AgentStatus (plus the away reason where the word says one).
import type { AgentStatus, AwayReason } from '../../../shared/domain/agent.ts';

interface Meaning {
  status: AgentStatus;
  reason?: AwayReason;
}

const WORDS: Record<string, Meaning> = {
  online: { status: 'available' },
  available: { status: 'available' },
  ready: { status: 'available' },
  idle: { status: 'available' },
  offline: { status: 'offline' },
  logged_out: { status: 'offline' },
  busy: { status: 'busy' },
  on_call: { status: 'busy' },
  away: { status: 'away' },
  paused: { status: 'away' },
  break: { status: 'away', reason: 'break' },
  lunch: { status: 'away', reason: 'lunch' },
  training: { status: 'away', reason: 'training' },
  meeting: { status: 'away', reason: 'meeting' },
  wrap_up: { status: 'wrap-up' },
  after_call_work: { status: 'wrap-up' },
};

/** Every word `PUT /agents/{id}/status` understands. */
export const STATUS_WORDS: readonly string[] = Object.keys(WORDS);

/** The key a word is listed under: case and `-`/space/`_` variants are the same word (`Wrap up` = `wrap_up`). */
export const canonicalWord = (word: string): string => word.trim().toLowerCase().replace(/[\s-]+/g, '_');

export function meaningOf(word: string): Meaning | null {
  return WORDS[canonicalWord(word)] ?? null;
}

/** How seed 002 says an Earshot status (`available` is its `online`). */
export const SEED_WORD: Record<AgentStatus, string> = {
  available: 'online',
  offline: 'offline',
  busy: 'busy',
  away: 'away',
  'wrap-up': 'wrap_up',
};
