import type { CallStatus } from '../../../../../shared/domain/call.ts';
import type { Speaker } from '../../../../../shared/domain/transcript.ts';

/** Seed 004's call statuses. */
export const DIWAAR_STATUSES = ['ongoing', 'completed', 'failed'] as const;
export type DiwaarStatus = (typeof DIWAAR_STATUSES)[number];

/** Calls that ended without a conversation: all of them are seed 004's `failed`. */
export const UNSUCCESSFUL_STATUSES: readonly CallStatus[] = ['busy', 'no-answer', 'failed', 'canceled'];

/** The list filter for a seed 004 status: ongoing = not ended, failed = ended without a conversation. */
export function statusFilter(status: DiwaarStatus): { active: true } | { statuses: readonly CallStatus[] } {
  if (status === 'ongoing') return { active: true };
  return { statuses: status === 'completed' ? ['completed'] : UNSUCCESSFUL_STATUSES };
}

/** Seed 004's transcript speakers: `user` is the caller, `assistant` whoever answers for the organisation (the AI voice agent, or a person). */
export const DIWAAR_SPEAKERS = ['user', 'assistant'] as const;
export type DiwaarSpeaker = (typeof DIWAAR_SPEAKERS)[number];

export function speakersOf(speaker: DiwaarSpeaker): readonly Speaker[] {
  return speaker === 'user' ? ['caller'] : ['ai', 'agent'];
}
