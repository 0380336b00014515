import type { Assistant, AssistantInput } from '../domain/assistant.ts';
import type { AiSettingsUpdate, AiSettingsView } from './ai-settings.ts';

/**
 * Console methods for AI voice agents (see CoreRequests): the endpoint settings, assistants,
 * and a supervisor's controls on a live AI call. Settings and assistants need the admin or
 * supervisor role; call controls need supervisor or admin. Every control is audited.
 */
export interface AiRequests {
  aiSettings(req: void): AiSettingsView;
  setAiSettings(req: AiSettingsUpdate): AiSettingsView;
  listAssistants(req: void): Assistant[];
  /** Creates (no `id`) or replaces (with `id`) an assistant. */
  saveAssistant(req: AssistantInput & { id?: number }): Assistant;
  deleteAssistant(req: { id: number }): { ok: true };
  /** Guidance the AI hears and the caller does not (a system message in its conversation). */
  aiWhisper(req: { call_id: number; text: string }): { ok: true };
  /** Makes the AI say this now. */
  aiSay(req: { call_id: number; text: string }): { ok: true };
  /** Stops what the AI is saying. */
  aiStop(req: { call_id: number }): { ok: true };
  /** Takes the caller away from the AI: REFER to a seat (extension, sip: URI) or a number. */
  aiTransfer(req: { call_id: number; target: string }): { ok: true };
  aiHangup(req: { call_id: number }): { ok: true };
}

export const AI_METHODS = [
  'aiSettings',
  'setAiSettings',
  'listAssistants',
  'saveAssistant',
  'deleteAssistant',
  'aiWhisper',
  'aiSay',
  'aiStop',
  'aiTransfer',
  'aiHangup',
] as const satisfies readonly (keyof AiRequests)[];
