import { describe, expect, it } from 'vitest';
import { DEFAULT_MONITOR_SETTINGS } from '../../../../shared/contracts/monitor-client.ts';
import { pbxModeDigit, pbxSpyDialString } from '../../../../electron/core/monitor/pbx-dial.ts';

describe('PBX monitoring (ChanSpy feature codes)', () => {
  it('dials the mode’s feature code followed by the agent’s extension', () => {
    expect(pbxSpyDialString(DEFAULT_MONITOR_SETTINGS, 'listen', '101')).toBe('*222101');
    expect(pbxSpyDialString(DEFAULT_MONITOR_SETTINGS, 'whisper', '101')).toBe('*223101');
    expect(pbxSpyDialString(DEFAULT_MONITOR_SETTINGS, 'barge', '2001')).toBe('*2242001');
    expect(pbxSpyDialString({ pbx_codes: { listen: '555', whisper: '*72', barge: '#73' } }, 'barge', '7')).toBe('#737');
  });

  it('switches a running spy call with DTMF 4/5/6 (ChanSpy option d), or the configured digits', () => {
    expect(['listen', 'whisper', 'barge'].map((m) => pbxModeDigit(DEFAULT_MONITOR_SETTINGS, m as 'listen'))).toEqual(['4', '5', '6']);
    expect(pbxModeDigit({ pbx_dtmf: { listen: '7', whisper: '8', barge: '9' } }, 'whisper')).toBe('8');
  });

  it('refuses what it cannot dial: no extension, a non-numeric one, a broken code or digit', () => {
    expect(() => pbxSpyDialString(DEFAULT_MONITOR_SETTINGS, 'listen', null)).toThrow(/has none/);
    expect(() => pbxSpyDialString(DEFAULT_MONITOR_SETTINGS, 'listen', 'alice')).toThrow(/digits only/);
    expect(() => pbxSpyDialString({ pbx_codes: { listen: '*2;2', whisper: '', barge: '' } }, 'listen', '101')).toThrow(/not valid/);
    expect(() => pbxModeDigit({ pbx_dtmf: { listen: '44', whisper: '5', barge: '6' } }, 'listen')).toThrow(/not valid/);
  });
});
