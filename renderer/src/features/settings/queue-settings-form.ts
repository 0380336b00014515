// The queue settings form as plain data: what the supervisor typed, what the console can tell
// is wrong with it (from the same limits the core enforces), and the smallest change to send.
import { QUEUE_SETTING_LIMITS, type QueueSecondsSetting, type QueueSettings } from '../../../../shared/domain/queue.ts';

export const QUEUE_SECONDS_SETTINGS = Object.keys(QUEUE_SETTING_LIMITS) as QueueSecondsSetting[];
export const QUEUE_SWITCH_SETTINGS = ['away_on_missed_offer', 'available_on_sign_in'] as const;
export type QueueSwitchSetting = (typeof QUEUE_SWITCH_SETTINGS)[number];

/** Seconds as typed (a number input's value: '' when empty or not a number), switches as set. */
export type QueueSettingsForm = Record<QueueSecondsSetting, string> & Record<QueueSwitchSetting, boolean>;

/** `missing`: nothing to send; `whole`: not a whole number; `range`: outside QUEUE_SETTING_LIMITS. */
export type SecondsProblem = 'missing' | 'whole' | 'range';

export function formFrom(settings: QueueSettings): QueueSettingsForm {
  return {
    wrap_up_seconds: String(settings.wrap_up_seconds),
    offer_timeout_seconds: String(settings.offer_timeout_seconds),
    service_level_seconds: String(settings.service_level_seconds),
    reoffer_after_seconds: String(settings.reoffer_after_seconds),
    away_on_missed_offer: settings.away_on_missed_offer,
    available_on_sign_in: settings.available_on_sign_in,
  };
}

export const sameSettings = (a: QueueSettings, b: QueueSettings): boolean => (Object.keys(a) as (keyof QueueSettings)[]).every((k) => a[k] === b[k]);

export function secondsProblem(key: QueueSecondsSetting, typed: string): SecondsProblem | null {
  if (typed.trim() === '') return 'missing';
  const n = Number(typed);
  if (!Number.isInteger(n)) return 'whole';
  const { min, max } = QUEUE_SETTING_LIMITS[key];
  return n < min || n > max ? 'range' : null;
}

/**
 * The change the form asks for, compared with what the core holds (`{}`: nothing changed).
 * Null while a changed field cannot be read as a number. A number out of range is sent: the
 * core has the last word and its refusal is shown next to the console's own warning.
 */
export function patchFrom(form: QueueSettingsForm, settings: QueueSettings): Partial<QueueSettings> | null {
  const patch: Partial<QueueSettings> = {};
  for (const key of QUEUE_SECONDS_SETTINGS) {
    const problem = secondsProblem(key, form[key]);
    if (problem === 'missing') return null;
    const n = Number(form[key]);
    if (n !== settings[key]) patch[key] = n;
  }
  for (const key of QUEUE_SWITCH_SETTINGS) if (form[key] !== settings[key]) patch[key] = form[key];
  return patch;
}
