import type { CallAcceptParams } from 'openai/resources/realtime/calls';
import type { Assistant } from '../../../../shared/domain/assistant.ts';
import type { AiConfig } from '../ai-settings.service.ts';
import { REALTIME_TOOLS } from './realtime-tools.ts';

/** Voices OpenAI's realtime models have built in (the SDK's list). */
export const REALTIME_VOICES: readonly string[] = ['alloy', 'ash', 'ballad', 'coral', 'echo', 'sage', 'shimmer', 'verse', 'marin', 'cedar'];

export interface AcceptPlan {
  params: CallAcceptParams;
  /** What was left out and why (recorded on the call), e.g. a seed-004 voice OpenAI does not have. */
  notes: string[];
}

/** `ja-JP` → `ja`: realtime transcription takes ISO-639-1. */
const isoLanguage = (tag: string | null): string | null => (tag ? (tag.split(/[-_]/)[0] ?? '').toLowerCase() || null : null);

/**
 * The body of calls.accept for an assistant (seed 001's `call_accept`): its system prompt with
 * `{FAQ_KB}` replaced by its FAQ, model, voice, caller transcription (the tenant's transcription
 * model and language unless the assistant names its own) and our function tools.
 */
export function acceptPlan(a: Assistant, cfg: AiConfig): AcceptPlan {
  const notes: string[] = [];
  const instructions = a.instructions.replaceAll('{FAQ_KB}', a.faq_knowledge_base ?? '');
  const language = isoLanguage(a.transcription_language ?? a.language ?? cfg.transcription_language);
  const transcription = { model: a.transcription_model ?? cfg.transcription_model, ...(language ? { language } : {}) };
  let output: { voice?: string | { id: string } } = {};
  if (REALTIME_VOICES.includes(a.voice)) output = { voice: a.voice };
  else if (/^voice_[A-Za-z0-9]+$/.test(a.voice)) output = { voice: { id: a.voice } };
  else notes.push(`voice '${a.voice}' is not an OpenAI realtime voice; the session's default voice is used`);
  return {
    params: {
      type: 'realtime',
      model: a.model,
      ...(instructions.trim() ? { instructions } : {}),
      audio: { input: { transcription }, output },
      tools: REALTIME_TOOLS,
    },
    notes,
  };
}
