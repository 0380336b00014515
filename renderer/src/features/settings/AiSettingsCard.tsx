import { CircleCheck, CircleSlash, CircleX, KeyRound, Lock, Save } from 'lucide-react';
import { useId, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { STREAMING_TRANSCRIPTION_MODELS, type AiSettingsUpdate, type AiSettingsView, type AiValueSource } from '../../../../shared/contracts/ai-settings.ts';
import type { RequestError } from '../../state/errors.ts';
import './ai-settings.css';
import { formFrom, formProblems, TRANSCRIPTION_MODELS, updateFrom, type AiFormProblem, type AiSettingsForm } from './ai-settings-form.ts';

export interface AiSettingsCardProps {
  settings: AiSettingsView | null;
  /** Admins change the settings; supervisors only read them. */
  editable: boolean;
  loading: boolean;
  saving: boolean;
  loadError: RequestError | null;
  saveError: RequestError | null;
  /** Bumped after each save: the form starts again from what the core now holds. */
  savedCount: number;
  onSave(update: AiSettingsUpdate): void;
}

/** The tenant's OpenAI-compatible endpoint, its secrets (write-only) and models. */
export function AiSettingsCard(props: AiSettingsCardProps) {
  const { t } = useTranslation();
  const { settings, editable, loading, loadError } = props;
  return (
    <section className="card ai-settings" aria-labelledby="settings-ai" aria-busy={loading || undefined} data-testid="ai-settings">
      <h2 id="settings-ai">{t('aiSettings.title')}</h2>
      <p className="muted small">{t('aiSettings.hint')}</p>
      {!editable && (
        <p className="with-icon muted small" data-testid="ai-settings-read-only">
          <Lock className="icon" size={16} aria-hidden="true" />
          <span>{t('aiSettings.readOnly')}</span>
        </p>
      )}
      {!settings && loading && <p className="muted">{t('aiSettings.loading')}</p>}
      {!settings && !loading && loadError && (
        <p className="inline-error" role="alert">
          <CircleX className="icon" size={18} aria-hidden="true" />
          <span>{t('aiSettings.unavailable', { message: loadError.message })}</span>
        </p>
      )}
      {settings && <AiSettingsFields key={props.savedCount} {...props} settings={settings} />}
    </section>
  );
}

function AiSettingsFields({ settings, editable, saving, saveError, savedCount, onSave }: AiSettingsCardProps & { settings: AiSettingsView }) {
  const { t } = useTranslation();
  const [form, setForm] = useState<AiSettingsForm>(() => formFrom(settings));
  const [showProblems, setShowProblems] = useState(false);
  const ids = { baseUrl: useId(), model: useId(), modelOther: useId(), language: useId(), prompt: useId(), chat: useId(), realtime: useId() };
  const set = (patch: Partial<AiSettingsForm>): void => setForm((f) => ({ ...f, ...patch }));
  const problems = formProblems(form);
  const update = updateFrom(form, settings);
  const changed = Object.keys(update).length > 0;
  const problem = (p: AiFormProblem): boolean => showProblems && problems.includes(p);

  const submit = (): void => {
    if (problems.length > 0) {
      setShowProblems(true);
      return;
    }
    onSave(update);
  };

  return (
    <form
      className="ai-settings-form"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
      noValidate
    >
      <fieldset disabled={!editable} className="plain-fieldset">
        <legend className="visually-hidden">{t('aiSettings.title')}</legend>
        <Field id={ids.baseUrl} label={t('aiSettings.baseUrl')} hint={t('aiSettings.baseUrlHint')} error={problem('base_url') ? t('aiSettings.invalid.base_url') : null}>
          {(describedBy) => (
            <input
              id={ids.baseUrl}
              type="url"
              inputMode="url"
              spellCheck={false}
              value={form.base_url}
              placeholder={settings.base_url ?? 'https://api.openai.com/v1'}
              onChange={(e) => set({ base_url: e.target.value })}
              aria-describedby={describedBy}
              aria-invalid={problem('base_url') || undefined}
              data-testid="ai-base-url"
            />
          )}
        </Field>

        <SecretField
          name={t('aiSettings.apiKey')}
          isSet={settings.has_api_key}
          source={settings.source.api_key}
          value={form.api_key}
          clearing={form.clear_api_key}
          editable={editable}
          error={null}
          testId="ai-api-key"
          onChange={(api_key) => set({ api_key })}
          onClear={(clear_api_key) => set({ clear_api_key })}
        />
        <SecretField
          name={t('aiSettings.webhookSecret')}
          hint={t('aiSettings.webhookSecretHint')}
          isSet={settings.has_webhook_secret}
          source={settings.source.webhook_secret}
          value={form.webhook_secret}
          clearing={form.clear_webhook_secret}
          editable={editable}
          error={problem('webhook_secret') ? t('aiSettings.invalid.webhook_secret') : null}
          testId="ai-webhook-secret"
          onChange={(webhook_secret) => set({ webhook_secret })}
          onClear={(clear_webhook_secret) => set({ clear_webhook_secret })}
        />

        <Field id={ids.model} label={t('aiSettings.transcriptionModel')} hint={null} error={null}>
          {(describedBy) => (
            <select id={ids.model} value={form.transcription_model} onChange={(e) => set({ transcription_model: e.target.value })} aria-describedby={describedBy} data-testid="ai-transcription-model">
              {TRANSCRIPTION_MODELS.map((m) => (
                <option key={m} value={m}>
                  {STREAMING_TRANSCRIPTION_MODELS.includes(m) ? `${m} · ${t('aiSettings.streams')}` : m}
                </option>
              ))}
              <option value="">{t('aiSettings.otherModel')}</option>
            </select>
          )}
        </Field>
        {form.transcription_model === '' && (
          <Field id={ids.modelOther} label={t('aiSettings.modelName')} hint={null} error={problem('transcription_model') ? t('aiSettings.invalid.transcription_model') : null}>
            {(describedBy) => (
              <input
                id={ids.modelOther}
                value={form.transcription_model_other}
                spellCheck={false}
                onChange={(e) => set({ transcription_model_other: e.target.value })}
                aria-describedby={describedBy}
                aria-invalid={problem('transcription_model') || undefined}
                data-testid="ai-transcription-model-other"
              />
            )}
          </Field>
        )}
        <Field id={ids.language} label={t('aiSettings.language')} hint={t('aiSettings.languageHint')} error={problem('transcription_language') ? t('aiSettings.invalid.transcription_language') : null}>
          {(describedBy) => (
            <input
              id={ids.language}
              className="short"
              value={form.transcription_language}
              spellCheck={false}
              maxLength={12}
              placeholder="en, ja…"
              onChange={(e) => set({ transcription_language: e.target.value })}
              aria-describedby={describedBy}
              aria-invalid={problem('transcription_language') || undefined}
              data-testid="ai-transcription-language"
            />
          )}
        </Field>

        <Field id={ids.prompt} label={t('aiSettings.prompt')} hint={t('aiSettings.promptHint')} error={null}>
          {(describedBy) => (
            <textarea
              id={ids.prompt}
              rows={2}
              maxLength={2000}
              value={form.transcription_prompt}
              onChange={(e) => set({ transcription_prompt: e.target.value })}
              aria-describedby={describedBy}
              data-testid="ai-transcription-prompt"
            />
          )}
        </Field>

        <div className="ai-settings-row">
          <Field id={ids.chat} label={t('aiSettings.chatModel')} hint={t('aiSettings.chatModelHint')} error={null}>
            {(describedBy) => (
              <input id={ids.chat} value={form.chat_model} spellCheck={false} onChange={(e) => set({ chat_model: e.target.value })} aria-describedby={describedBy} data-testid="ai-chat-model" />
            )}
          </Field>
          <Field id={ids.realtime} label={t('aiSettings.realtimeModel')} hint={null} error={null}>
            {(describedBy) => (
              <input
                id={ids.realtime}
                value={form.realtime_model}
                spellCheck={false}
                onChange={(e) => set({ realtime_model: e.target.value })}
                aria-describedby={describedBy}
                data-testid="ai-realtime-model"
              />
            )}
          </Field>
        </div>
      </fieldset>

      {editable && (
        <div className="form-actions">
          <button type="submit" className="button primary" disabled={saving || !changed} data-testid="ai-settings-save">
            <Save className="icon" size={16} aria-hidden="true" />
            <span>{saving ? t('aiSettings.saving') : t('aiSettings.save')}</span>
          </button>
          {savedCount > 0 && !changed && !saveError && (
            <span className="with-icon tone-text-good" role="status" data-testid="ai-settings-saved">
              <CircleCheck className="icon" size={16} aria-hidden="true" />
              <span>{t('aiSettings.saved')}</span>
            </span>
          )}
        </div>
      )}
      {saveError && (
        <p className="inline-error" role="alert" data-testid="ai-settings-error">
          <CircleX className="icon" size={18} aria-hidden="true" />
          <span>{t('aiSettings.error', { message: saveError.message })}</span>
        </p>
      )}
    </form>
  );
}

function Field({ id, label, hint, error, children }: { id: string; label: string; hint: string | null; error: string | null; children: (describedBy: string | undefined) => ReactNode }) {
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [hint ? hintId : null, error ? errorId : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className="field">
      <label className="field-label" htmlFor={id}>
        {label}
      </label>
      {children(describedBy)}
      {hint && (
        <span className="field-hint" id={hintId}>
          {hint}
        </span>
      )}
      {error && (
        <span className="field-error" id={errorId} role="alert">
          {error}
        </span>
      )}
    </div>
  );
}

interface SecretFieldProps {
  name: string;
  hint?: string;
  isSet: boolean;
  source: AiValueSource;
  value: string;
  clearing: boolean;
  editable: boolean;
  error: string | null;
  testId: string;
  onChange(value: string): void;
  onClear(clear: boolean): void;
}

/** A secret is never shown: whether it is set and where from, and a box to replace it. */
function SecretField({ name, hint, isSet, source, value, clearing, editable, error, testId, onChange, onClear }: SecretFieldProps) {
  const { t } = useTranslation();
  const id = useId();
  const status = isSet ? t('aiSettings.secretState', { state: t('aiSettings.set'), source: t(`aiSettings.source.${source}`) }) : t('aiSettings.unset');
  return (
    <div className="secret-field" role="group" aria-labelledby={`${id}-name`}>
      <div className="secret-status">
        <span id={`${id}-name`} className="field-label with-icon">
          <KeyRound className="icon" size={16} aria-hidden="true" />
          <span>{name}</span>
        </span>
        <span className={`with-icon ${isSet ? 'tone-text-good' : 'tone-text-muted'}`} data-testid={`${testId}-state`} data-state={isSet ? 'set' : 'unset'} data-source={source}>
          {isSet ? <CircleCheck className="icon" size={16} aria-hidden="true" /> : <CircleSlash className="icon" size={16} aria-hidden="true" />}
          <span>{status}</span>
        </span>
      </div>
      {editable && (
        <Field id={id} label={t('aiSettings.newSecret')} hint={hint ?? null} error={error}>
          {(describedBy) => (
            <div className="secret-entry">
              <input
                id={id}
                type="password"
                autoComplete="off"
                spellCheck={false}
                value={value}
                placeholder={t('aiSettings.secretPlaceholder')}
                onChange={(e) => onChange(e.target.value)}
                aria-describedby={describedBy}
                aria-invalid={error !== null || undefined}
                data-testid={testId}
              />
              {source === 'settings' &&
                (clearing ? (
                  <button type="button" className="button ghost small" onClick={() => onClear(false)} data-testid={`${testId}-keep`}>
                    {t('aiSettings.undoClear')}
                  </button>
                ) : (
                  <button type="button" className="button ghost small" onClick={() => onClear(true)} data-testid={`${testId}-clear`}>
                    {t('aiSettings.clearSecret')}
                  </button>
                ))}
            </div>
          )}
        </Field>
      )}
      {clearing && <p className="field-hint tone-text-warn">{t('aiSettings.clearPending')}</p>}
      {!editable && hint && <p className="field-hint">{hint}</p>}
    </div>
  );
}
