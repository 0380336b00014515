// The AI settings form as plain data: what the person typed, checked, and turned into the
// smallest `setAiSettings` update (only what changed; an emptied field goes back to its default).
import type { AiSettingsUpdate, AiSettingsView } from '../../../../shared/contracts/ai-settings.ts';

export const TRANSCRIPTION_MODELS = ['gpt-4o-transcribe', 'gpt-4o-mini-transcribe', 'whisper-1'] as const;

export interface AiSettingsForm {
  base_url: string;
  /** A new secret to store ('' keeps the current one). */
  api_key: string;
  webhook_secret: string;
  /** Remove the secret stored in the settings (back to the environment, if any). */
  clear_api_key: boolean;
  clear_webhook_secret: boolean;
  /** One of TRANSCRIPTION_MODELS, or '' for a model typed in `transcription_model_other`. */
  transcription_model: string;
  transcription_model_other: string;
  transcription_language: string;
  transcription_prompt: string;
  chat_model: string;
  realtime_model: string;
}

export type AiFormProblem = 'base_url' | 'transcription_language' | 'webhook_secret' | 'transcription_model';

export function formFrom(view: AiSettingsView): AiSettingsForm {
  const known = (TRANSCRIPTION_MODELS as readonly string[]).includes(view.transcription_model);
  return {
    // Only a URL the settings hold is edited here; the environment's or the default shows as a placeholder.
    base_url: view.source.base_url === 'settings' ? (view.base_url ?? '') : '',
    api_key: '',
    webhook_secret: '',
    clear_api_key: false,
    clear_webhook_secret: false,
    transcription_model: known ? view.transcription_model : '',
    transcription_model_other: known ? '' : view.transcription_model,
    transcription_language: view.transcription_language ?? '',
    transcription_prompt: view.transcription_prompt ?? '',
    chat_model: view.chat_model,
    realtime_model: view.realtime_model,
  };
}

const LANGUAGE = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$/;
const WEBHOOK_SECRET = /^whsec_[A-Za-z0-9+/=]{16,}$/;

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

/** What is wrong with the form as typed (the core checks again). */
export function formProblems(form: AiSettingsForm): AiFormProblem[] {
  const problems: AiFormProblem[] = [];
  if (form.base_url.trim() !== '' && !isHttpUrl(form.base_url.trim())) problems.push('base_url');
  if (form.transcription_language.trim() !== '' && !LANGUAGE.test(form.transcription_language.trim())) problems.push('transcription_language');
  if (form.webhook_secret.trim() !== '' && !WEBHOOK_SECRET.test(form.webhook_secret.trim())) problems.push('webhook_secret');
  if (form.transcription_model === '' && form.transcription_model_other.trim() === '') problems.push('transcription_model');
  return problems;
}

/** The change the form asks for, compared with what the core holds; `{}` when nothing changed. */
export function updateFrom(form: AiSettingsForm, view: AiSettingsView): AiSettingsUpdate {
  const update: AiSettingsUpdate = {};
  const before = formFrom(view);
  const text = (value: string): string | null => (value.trim() === '' ? null : value.trim());

  if (form.base_url.trim() !== before.base_url) update.base_url = text(form.base_url);
  if (form.api_key.trim() !== '') update.api_key = form.api_key.trim();
  else if (form.clear_api_key) update.api_key = null;
  if (form.webhook_secret.trim() !== '') update.webhook_secret = form.webhook_secret.trim();
  else if (form.clear_webhook_secret) update.webhook_secret = null;

  const model = form.transcription_model !== '' ? form.transcription_model : form.transcription_model_other.trim();
  if (model !== view.transcription_model) update.transcription_model = model;
  if (form.transcription_language.trim() !== before.transcription_language) update.transcription_language = text(form.transcription_language);
  if (form.transcription_prompt.trim() !== before.transcription_prompt.trim()) update.transcription_prompt = text(form.transcription_prompt);
  if (form.chat_model.trim() !== view.chat_model) update.chat_model = text(form.chat_model);
  if (form.realtime_model.trim() !== view.realtime_model) update.realtime_model = text(form.realtime_model);
  return update;
}
