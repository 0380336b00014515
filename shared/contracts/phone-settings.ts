/** A seat's own call handling, set by its agent from the console. */
export interface PhoneSettings {
  /** Refuse new calls (486 Busy Here); calls in progress go on. */
  do_not_disturb: boolean;
  /** Answer incoming calls by themselves after `auto_answer_delay_s`. */
  auto_answer: boolean;
  auto_answer_delay_s: number;
  /** Honour the PBX's `Call-Info: …;answer-after=N` / intercom hints (paging, supervisor calls). */
  allow_intercom: boolean;
  /** Show on the call's card when a supervisor listens, whispers or barges in. */
  show_monitoring: boolean;
}

export const DEFAULT_PHONE_SETTINGS: PhoneSettings = {
  do_not_disturb: false,
  auto_answer: false,
  auto_answer_delay_s: 0,
  allow_intercom: true,
  show_monitoring: true,
};
