import { describe, expect, it } from 'vitest';
import { checkSegmentWav } from '../../../../electron/core/transcription/wav-check.ts';
import { encodeWav, toneWav } from '../../../support/openai-emulator/index.ts';

const message = (wav: Buffer) => {
  try {
    checkSegmentWav(wav);
    return 'accepted';
  } catch (err) {
    return `${(err as { statusCode?: number }).statusCode} ${(err as Error).message}`;
  }
};

/** `wav` with the 16-bit field at `offset` set to `value` (offsets of the canonical 44-byte header). */
function patched(wav: Buffer, offset: number, value: number, size: 2 | 4 = 2): Buffer {
  const copy = Buffer.from(wav);
  if (size === 2) copy.writeUInt16LE(value, offset);
  else copy.writeUInt32LE(value, offset);
  return copy;
}

describe('segment WAV check', () => {
  const good = toneWav({ seconds: 1.5 });

  it('accepts 16 kHz mono PCM16 and reports its length', () => {
    expect(checkSegmentWav(good)).toEqual({ durationMs: 1500 });
    // Extra chunks before the data (LIST, fact) are skipped.
    const list = Buffer.concat([Buffer.from('LIST'), Buffer.from([4, 0, 0, 0]), Buffer.from('INFO')]);
    const withList = Buffer.concat([good.subarray(0, 36), list, good.subarray(36)]);
    withList.writeUInt32LE(withList.length - 8, 4);
    expect(checkSegmentWav(withList)).toEqual({ durationMs: 1500 });
  });

  it.each([
    ['not RIFF', () => Buffer.concat([Buffer.from('RIFX'), good.subarray(4)]), /not a RIFF\/WAVE file/],
    ['not WAVE', () => Buffer.concat([good.subarray(0, 8), Buffer.from('AVI '), good.subarray(12)]), /not a RIFF\/WAVE file/],
    ['too short to be a WAV', () => good.subarray(0, 20), /too short for a WAV file/],
    ['float samples', () => patched(good, 20, 3), /audio format 3 is not PCM/],
    ['8-bit samples', () => patched(good, 34, 8), /8-bit samples; expected 16-bit PCM/],
    ['44.1 kHz', () => patched(good, 24, 44_100, 4), /44100 Hz; expected 16000 Hz/],
    ['stereo', () => encodeWav(new Int16Array(32_000), 16_000, 2), /2 channels; expected mono/],
    ['a data chunk longer than the file', () => patched(good, 40, good.length, 4), /the data chunk says \d+ bytes but only \d+ follow/],
    ['no data chunk', () => Buffer.concat([good.subarray(0, 36), Buffer.from('junk'), good.subarray(40)]), /no data chunk/],
    ['50 ms of audio', () => toneWav({ seconds: 0.05 }), /50 ms of audio; a segment needs at least 100 ms/],
    ['61 s of audio', () => toneWav({ seconds: 61 }), /61\.0 s of audio; a segment may be at most 60 s/],
  ])('refuses %s with a 400 that says why', (_what, make, why) => {
    const result = message(make());
    expect(result).toMatch(/^400 wav_base64: /);
    expect(result).toMatch(why);
  });
});
