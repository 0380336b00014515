import { describe, expect, it } from 'vitest';
import { newSegmentKey, segmentSubmission, segmentTiming, wavBase64 } from '../../../renderer/src/media/segment-audio.ts';
import { CONVERSATION_VAD, MAX_SEGMENT_MS, VAD_FRAME_MS } from '../../../renderer/src/media/vad-options.ts';
import { vadAssetBase } from '../../../renderer/src/media/vad-assets.ts';

/** The fields of a canonical 44-byte WAV header. */
function parseWav(bytes: Buffer) {
  return {
    riff: bytes.toString('latin1', 0, 4),
    riffSize: bytes.readUInt32LE(4),
    wave: bytes.toString('latin1', 8, 12),
    format: bytes.readUInt16LE(20),
    channels: bytes.readUInt16LE(22),
    sampleRate: bytes.readUInt32LE(24),
    byteRate: bytes.readUInt32LE(28),
    bits: bytes.readUInt16LE(34),
    data: bytes.toString('latin1', 36, 40),
    dataSize: bytes.readUInt32LE(40),
    samples: Array.from({ length: (bytes.length - 44) / 2 }, (_, i) => bytes.readInt16LE(44 + i * 2)),
  };
}

describe('a VAD segment as the core takes it', () => {
  it('is a 16 kHz mono 16-bit PCM WAV (format 1), in base64', () => {
    const samples = new Float32Array([0, 0.5, -0.5, 1, -1, 2, -2]);
    const wav = parseWav(Buffer.from(wavBase64(samples), 'base64'));
    expect(wav).toMatchObject({ riff: 'RIFF', wave: 'WAVE', format: 1, channels: 1, sampleRate: 16000, byteRate: 32000, bits: 16, data: 'data', dataSize: 14 });
    expect(wav.riffSize).toBe(36 + 14);
    // Full scale both ways; out-of-range floats are clipped, not wrapped.
    expect(wav.samples).toEqual([0, 16383, -16384, 32767, -32768, 32767, -32768]);
  });

  it('starts its duration before its end (whole milliseconds)', () => {
    expect(segmentTiming(1_760_000_012_345.6, 16000 * 2.5)).toEqual({ started_at_ms: 1_760_000_009_846, ended_at_ms: 1_760_000_012_346 });
    expect(segmentTiming(1000, 0)).toEqual({ started_at_ms: 1000, ended_at_ms: 1000 });
  });

  it('has a key of its own that the core accepts', () => {
    const keys = new Set(Array.from({ length: 200 }, () => newSegmentKey()));
    expect(keys.size).toBe(200);
    for (const key of keys) expect(key).toMatch(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/);
    expect(newSegmentKey((b) => b.fill(0xab))).toBe('ab'.repeat(16));
  });

  it('carries its line, leg, key, times and audio', () => {
    const samples = new Float32Array(8000).fill(0.25);
    const sub = segmentSubmission({ lineId: 'L1', callSid: 'CA1', leg: 'remote', samples, endedAtMs: 5000 }, 'key-1');
    expect(sub).toMatchObject({ line_id: 'L1', call_sid: 'CA1', leg: 'remote', segment_key: 'key-1', started_at_ms: 4500, ended_at_ms: 5000 });
    expect(Buffer.from(sub.wav_base64, 'base64').length).toBe(44 + 8000 * 2);
  });
});

describe('VAD tuning for conversation', () => {
  it('reports the end of speech well within 500 ms of the last speech frame', () => {
    const quietFrames = Math.floor(CONVERSATION_VAD.redemptionMs / VAD_FRAME_MS);
    // The detector needs `quietFrames` frames below the threshold after the last speech frame;
    // allow two more frames for the model's probability to fall.
    expect((quietFrames + 2) * VAD_FRAME_MS).toBeLessThanOrEqual(500);
    expect(CONVERSATION_VAD.negativeSpeechThreshold).toBeLessThan(CONVERSATION_VAD.positiveSpeechThreshold);
  });

  it('keeps a segment well inside what one console request may carry (1 MiB of JSON)', () => {
    const wavBytes = 44 + (MAX_SEGMENT_MS / 1000) * 16000 * 2;
    expect(Math.ceil(wavBytes / 3) * 4).toBeLessThan(1024 * 1024 - 4096);
  });

  it('loads its assets from the build’s own vad/ folder beside the page', () => {
    expect(vadAssetBase('http://hub.lan:7300/')).toBe('http://hub.lan:7300/vad/');
    expect(vadAssetBase('file:///opt/Earshot/resources/app.asar/out/renderer/index.html')).toBe('file:///opt/Earshot/resources/app.asar/out/renderer/vad/');
  });
});
