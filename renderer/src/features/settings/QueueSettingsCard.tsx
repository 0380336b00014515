import { BellOff, BellRing, CircleCheck, CircleX, LogIn, Save, Undo2, UserRound, type LucideIcon } from 'lucide-react';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { QUEUE_SETTING_LIMITS, type QueueSecondsSetting, type QueueSettings } from '../../../../shared/domain/queue.ts';
import { Toggle } from '../../app/ui/Toggle.tsx';
import type { RequestError } from '../../state/errors.ts';
import { formFrom, patchFrom, QUEUE_SECONDS_SETTINGS, sameSettings, secondsProblem, type QueueSettingsForm } from './queue-settings-form.ts';
import './queue-settings.css';

export interface QueueSettingsCardProps {
  settings: QueueSettings | null;
  loading: boolean;
  loadError: RequestError | null;
  saving: boolean;
  /** The core's refusal of the last save, in its own words. */
  saveError: RequestError | null;
  onSave(patch: Partial<QueueSettings>): Promise<boolean>;
}

/** The tenant's queue policy (supervisors and admins): wrap-up, offer timeout, service level, re-offer, and two switches. */
export function QueueSettingsCard({ settings, loading, loadError, saving, saveError, onSave }: QueueSettingsCardProps) {
  const { t } = useTranslation();
  const titleId = useId();
  /** Settings the last successful save produced: "saved" shows while the form still holds them. */
  const [saved, setSaved] = useState<QueueSettings | null>(null);
  return (
    <section className="card queue-settings" aria-labelledby={titleId} aria-busy={loading || saving || undefined} data-testid="queue-settings">
      <h2 id={titleId}>{t('queueSettings.title')}</h2>
      <p className="muted small">{t('queueSettings.hint')}</p>
      {!settings && !loadError && <p className="muted">{t('queueSettings.loading')}</p>}
      {!settings && loadError && (
        <p className="inline-error" role="alert">
          <CircleX className="icon" size={18} aria-hidden="true" />
          <span>{t('queueSettings.unavailable', { message: loadError.message })}</span>
        </p>
      )}
      {/* What the core holds keys the form: a change saved here or on another console starts it again. */}
      {settings && (
        <QueueSettingsFields
          key={JSON.stringify(settings)}
          settings={settings}
          saving={saving}
          saveError={saveError}
          justSaved={saved !== null && sameSettings(saved, settings)}
          onSave={onSave}
          onSaved={setSaved}
        />
      )}
    </section>
  );
}

interface FieldsProps {
  settings: QueueSettings;
  saving: boolean;
  saveError: RequestError | null;
  justSaved: boolean;
  onSave(patch: Partial<QueueSettings>): Promise<boolean>;
  onSaved(settings: QueueSettings): void;
}

/** The on/off policies, with the icons of their two positions. */
const QUEUE_SWITCHES = [
  { key: 'away_on_missed_offer', icon: BellOff, offIcon: BellRing },
  { key: 'available_on_sign_in', icon: LogIn, offIcon: UserRound },
] as const;

function QueueSettingsFields({ settings, saving, saveError, justSaved, onSave, onSaved }: FieldsProps) {
  const { t } = useTranslation();
  const formId = useId();
  const [form, setForm] = useState<QueueSettingsForm>(() => formFrom(settings));
  const patch = patchFrom(form, settings);
  const changed = patch === null || Object.keys(patch).length > 0;
  const inputId = (key: QueueSecondsSetting) => `${formId}-${key}`;

  const submit = (e: FormEvent): void => {
    e.preventDefault();
    if (patch === null) {
      const first = QUEUE_SECONDS_SETTINGS.find((k) => secondsProblem(k, form[k]) === 'missing');
      if (first) document.getElementById(inputId(first))?.focus();
      return;
    }
    if (Object.keys(patch).length === 0) return;
    // The store holds the core's answer; the key of this form changes with it.
    void onSave(patch).then((ok) => {
      if (ok) onSaved({ ...settings, ...patch });
    });
  };

  return (
    <form className="queue-settings-form" onSubmit={submit} noValidate>
      <div className="queue-settings-seconds">
        {QUEUE_SECONDS_SETTINGS.map((key) => (
          <SecondsField key={key} id={inputId(key)} name={key} value={form[key]} disabled={saving} onChange={(v) => setForm((f) => ({ ...f, [key]: v }))} />
        ))}
      </div>
      <div className="setting-rows">
        {QUEUE_SWITCHES.map(({ key, icon, offIcon }) => (
          <SwitchRow
            key={key}
            label={t(`queueSettings.switch.${key}`)}
            hint={t(`queueSettings.switchHint.${key}`)}
            on={form[key]}
            icon={icon}
            offIcon={offIcon}
            testId={`queue-setting-${key}`}
            disabled={saving}
            onChange={(on) => setForm((f) => ({ ...f, [key]: on }))}
          />
        ))}
      </div>
      <div className="form-actions">
        <button type="submit" className="button primary" disabled={saving || !changed} data-testid="queue-settings-save">
          <Save className="icon" size={16} aria-hidden="true" />
          <span>{saving ? t('queueSettings.saving') : t('queueSettings.save')}</span>
        </button>
        {changed && (
          <button type="button" className="button ghost" disabled={saving} onClick={() => setForm(formFrom(settings))} data-testid="queue-settings-undo">
            <Undo2 className="icon" size={16} aria-hidden="true" />
            <span>{t('queueSettings.undo')}</span>
          </button>
        )}
        {justSaved && !changed && !saveError && (
          <span className="with-icon tone-text-good" role="status" data-testid="queue-settings-saved">
            <CircleCheck className="icon" size={16} aria-hidden="true" />
            <span>{t('queueSettings.saved')}</span>
          </span>
        )}
      </div>
      {/* The refusal is about the change still in the form; undone or replaced, it is moot. */}
      {saveError && changed && (
        <p className="inline-error" role="alert" data-testid="queue-settings-error">
          <CircleX className="icon" size={18} aria-hidden="true" />
          <span>{t('queueSettings.error', { message: saveError.message })}</span>
        </p>
      )}
    </form>
  );
}

/** Seconds with their allowed range always in view, and what is wrong with them as they are typed. */
function SecondsField({ id, name, value, disabled, onChange }: { id: string; name: QueueSecondsSetting; value: string; disabled: boolean; onChange(value: string): void }) {
  const { t } = useTranslation();
  const { min, max } = QUEUE_SETTING_LIMITS[name];
  const problem = secondsProblem(name, value);
  const hintId = `${id}-hint`;
  const problemId = `${id}-problem`;
  return (
    <div className="field queue-seconds-field">
      <label className="field-label" htmlFor={id}>
        {t(`queueSettings.field.${name}`)}
      </label>
      <span className="queue-seconds-entry">
        <input
          id={id}
          type="number"
          inputMode="numeric"
          min={min}
          max={max}
          step={1}
          value={value}
          disabled={disabled}
          onChange={(e) => onChange(e.target.value)}
          aria-describedby={problem ? `${problemId} ${hintId}` : hintId}
          aria-invalid={problem !== null || undefined}
          data-testid={`queue-setting-${name}`}
        />
        <span className="muted">{t('queueSettings.seconds')}</span>
      </span>
      {problem && (
        <span className="field-error with-icon" id={problemId} data-testid={`queue-setting-${name}-problem`}>
          <CircleX className="icon" size={16} aria-hidden="true" />
          <span>{t(`queueSettings.problem.${problem}`, { min, max })}</span>
        </span>
      )}
      <span className="field-hint" id={hintId}>
        <span className="queue-seconds-range" data-testid={`queue-setting-${name}-range`}>
          {t('queueSettings.range', { min, max })}
        </span>{' '}
        {t(`queueSettings.fieldHint.${name}`)}
      </span>
    </div>
  );
}

function SwitchRow(props: { label: string; hint: string; on: boolean; icon: LucideIcon; offIcon: LucideIcon; testId: string; disabled: boolean; onChange(on: boolean): void }) {
  const { t } = useTranslation();
  const hintId = useId();
  return (
    <div className="setting-row" role="group" aria-label={props.label}>
      <p className="setting-hint muted small" id={hintId}>
        {props.hint}
      </p>
      <Toggle
        on={props.on}
        label={props.label}
        onText={t('settings.phone.on')}
        offText={t('settings.phone.off')}
        icon={props.icon}
        offIcon={props.offIcon}
        testId={props.testId}
        disabled={props.disabled}
        describedBy={hintId}
        onChange={props.onChange}
      />
    </div>
  );
}
