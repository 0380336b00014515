import { CircleX, Save, Trash2, X } from 'lucide-react';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Assistant, AssistantInput } from '../../../../shared/domain/assistant.ts';
import type { RequestError } from '../../state/errors.ts';
import { parsePhoneNumbers } from '../../state/assistants.store.ts';

/** Voices of OpenAI Realtime; a local server may name others, so the field also takes free text. */
export const REALTIME_VOICES = ['alloy', 'ash', 'ballad', 'cedar', 'coral', 'echo', 'marin', 'sage', 'shimmer', 'verse'] as const;

export interface AssistantEditorProps {
  /** null: a new assistant. */
  assistant: Assistant | null;
  canEdit: boolean;
  saving: boolean;
  error: RequestError | null;
  onSave(input: AssistantInput & { id?: number }): void;
  onDelete(id: number): void;
  onClose(): void;
}

interface Draft {
  name: string;
  description: string;
  phone_numbers: string;
  instructions: string;
  greeting: string;
  faq_knowledge_base: string;
  voice: string;
  model: string;
  language: string;
  transcription_model: string;
  transcription_language: string;
  is_active: boolean;
}

const draftOf = (a: Assistant | null): Draft => ({
  name: a?.name ?? '',
  description: a?.description ?? '',
  phone_numbers: (a?.phone_numbers ?? []).join('\n'),
  instructions: a?.instructions ?? '',
  greeting: a?.greeting ?? '',
  faq_knowledge_base: a?.faq_knowledge_base ?? '',
  voice: a?.voice ?? 'marin',
  model: a?.model ?? 'gpt-realtime',
  language: a?.language ?? '',
  transcription_model: a?.transcription_model ?? '',
  transcription_language: a?.transcription_language ?? '',
  is_active: a?.is_active ?? true,
});

const orNull = (s: string): string | null => (s.trim() === '' ? null : s.trim());

/** Everything a supervisor sets for an AI voice agent; the system prompt may use `{FAQ_KB}`. */
export function AssistantEditor({ assistant, canEdit, saving, error, onSave, onDelete, onClose }: AssistantEditorProps) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<Draft>(() => draftOf(assistant));
  const [confirmDelete, setConfirmDelete] = useState(false);
  const ids = { title: useId(), voices: useId() };
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setDraft((d) => ({ ...d, [key]: value }));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    onSave({
      ...(assistant ? { id: assistant.id } : {}),
      name: draft.name.trim(),
      description: orNull(draft.description),
      phone_numbers: parsePhoneNumbers(draft.phone_numbers),
      instructions: draft.instructions,
      greeting: orNull(draft.greeting),
      faq_knowledge_base: orNull(draft.faq_knowledge_base),
      voice: draft.voice.trim() || 'marin',
      model: draft.model.trim() || 'gpt-realtime',
      language: orNull(draft.language),
      transcription_model: orNull(draft.transcription_model),
      transcription_language: orNull(draft.transcription_language),
      is_active: draft.is_active,
    });
  };

  const text = (key: keyof Draft, label: string, opts: { testId: string; hint?: string; required?: boolean; list?: string; placeholder?: string }) => (
    <label className="field">
      <span className="field-label">{label}</span>
      <input
        value={draft[key] as string}
        onChange={(e) => set(key, e.target.value)}
        disabled={!canEdit}
        required={opts.required}
        list={opts.list}
        placeholder={opts.placeholder}
        data-testid={opts.testId}
      />
      {opts.hint && <span className="field-hint">{opts.hint}</span>}
    </label>
  );

  const area = (key: keyof Draft, label: string, testId: string, hint: string, rows: number) => (
    <label className="field">
      <span className="field-label">{label}</span>
      <textarea value={draft[key] as string} onChange={(e) => set(key, e.target.value)} disabled={!canEdit} rows={rows} data-testid={testId} />
      <span className="field-hint">{hint}</span>
    </label>
  );

  return (
    <section className="card assistant-editor" aria-labelledby={ids.title} data-testid="assistant-editor">
      <header className="detail-header">
        <h2 id={ids.title}>{assistant ? assistant.name : t('assistants.new')}</h2>
        <button type="button" className="button ghost small" onClick={onClose} title={t('assistants.close')} aria-label={t('assistants.close')}>
          <X className="icon" size={18} aria-hidden="true" />
        </button>
      </header>
      <form onSubmit={submit} className="assistant-form">
        {text('name', t('assistants.fields.name'), { testId: 'assistant-name', required: true })}
        {text('description', t('assistants.fields.description'), { testId: 'assistant-description' })}
        {area('phone_numbers', t('assistants.fields.phoneNumbers'), 'assistant-phone-numbers', t('assistants.hints.phoneNumbers'), 2)}
        {area('instructions', t('assistants.fields.instructions'), 'assistant-instructions', t('assistants.hints.instructions'), 6)}
        {text('greeting', t('assistants.fields.greeting'), { testId: 'assistant-greeting', hint: t('assistants.hints.greeting') })}
        {area('faq_knowledge_base', t('assistants.fields.faq'), 'assistant-faq', t('assistants.hints.faq'), 5)}
        <div className="field-row">
          {text('voice', t('assistants.fields.voice'), { testId: 'assistant-voice', list: ids.voices })}
          <datalist id={ids.voices}>
            {REALTIME_VOICES.map((v) => (
              <option key={v} value={v} />
            ))}
          </datalist>
          {text('model', t('assistants.fields.model'), { testId: 'assistant-model' })}
          {text('language', t('assistants.fields.language'), { testId: 'assistant-language', placeholder: 'ja' })}
        </div>
        <div className="field-row">
          {text('transcription_model', t('assistants.fields.transcriptionModel'), { testId: 'assistant-transcription-model', placeholder: 'whisper-1' })}
          {text('transcription_language', t('assistants.fields.transcriptionLanguage'), { testId: 'assistant-transcription-language', placeholder: 'ja' })}
        </div>
        <label className="check-field">
          <input type="checkbox" checked={draft.is_active} onChange={(e) => set('is_active', e.target.checked)} disabled={!canEdit} data-testid="assistant-active" />
          <span>{t('assistants.fields.active')}</span>
        </label>
        {error && (
          <p className="inline-error" role="alert">
            <CircleX className="icon" size={18} aria-hidden="true" />
            <span>{t('assistants.saveFailed', { message: error.message })}</span>
          </p>
        )}
        {canEdit && (
          <div className="form-actions">
            <button type="submit" className="button primary" disabled={saving || draft.name.trim() === ''} data-testid="assistant-save">
              <Save className="icon" size={16} aria-hidden="true" />
              <span>{t('assistants.save')}</span>
            </button>
            {assistant &&
              (confirmDelete ? (
                <button type="button" className="button danger" onClick={() => onDelete(assistant.id)} disabled={saving} data-testid="assistant-delete-confirm">
                  <Trash2 className="icon" size={16} aria-hidden="true" />
                  <span>{t('assistants.deleteConfirm', { name: assistant.name })}</span>
                </button>
              ) : (
                <button type="button" className="button ghost" onClick={() => setConfirmDelete(true)} disabled={saving} data-testid="assistant-delete">
                  <Trash2 className="icon" size={16} aria-hidden="true" />
                  <span>{t('assistants.delete')}</span>
                </button>
              ))}
          </div>
        )}
      </form>
    </section>
  );
}
