import type { MonitorMode, MonitorSettings } from '../../../shared/contracts/monitor-client.ts';
import { badRequest, conflict } from '../errors.ts';

/** What a feature code and a DTMF switch digit may contain (Asterisk dialplan extensions). */
export const FEATURE_CODE_RE = /^[0-9*#]{1,12}$/;
export const DTMF_DIGIT_RE = /^[0-9*#]$/;

/**
 * PBX monitoring (Asterisk/FreePBX ChanSpy): the supervisor dials the mode's feature code
 * followed by the agent's extension, e.g. `*222` + `101` → `*222101`.
 */
export function pbxSpyDialString(settings: Pick<MonitorSettings, 'pbx_codes'>, mode: MonitorMode, extension: string | null): string {
  if (!extension) throw conflict('PBX monitoring dials the agent’s extension, and this agent has none');
  if (!/^[0-9]{1,10}$/.test(extension)) throw badRequest(`extension '${extension}' is not a PBX extension (digits only)`);
  const code = settings.pbx_codes[mode];
  if (!FEATURE_CODE_RE.test(code)) throw conflict(`the ${mode} feature code '${code}' is not valid`);
  return `${code}${extension}`;
}

/** The DTMF digit that moves a ChanSpy call (option `d`) into `mode`: 4 listen, 5 whisper, 6 barge by default. */
export function pbxModeDigit(settings: Pick<MonitorSettings, 'pbx_dtmf'>, mode: MonitorMode): string {
  const digit = settings.pbx_dtmf[mode];
  if (!DTMF_DIGIT_RE.test(digit)) throw conflict(`the ${mode} DTMF digit '${digit}' is not valid`);
  return digit;
}
