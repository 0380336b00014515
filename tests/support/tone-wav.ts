// Pure tones for fake microphones (sox `synth sine`): 48 kHz mono, cached in the OS temp dir.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, renameSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const CACHE = join(tmpdir(), 'earshot-tones');

/** `seconds` of a sine at `frequency` Hz, peak `amplitude` (0..1). Chromium loops it. */
export function toneWav(frequency: number, seconds = 10, amplitude = 0.5): string {
  mkdirSync(CACHE, { recursive: true });
  const out = join(CACHE, `sine-${frequency}-${seconds}-${amplitude}.wav`);
  if (existsSync(out)) return out;
  const tmp = `${out}.tmp.wav`;
  execFileSync('sox', ['-n', '-r', '48000', '-c', '1', '-b', '16', tmp, 'synth', String(seconds), 'sine', String(frequency), 'vol', String(amplitude)]);
  renameSync(tmp, out);
  return out;
}

/**
 * `wav` (48 kHz mono) with a quiet steady tone at `frequency` mixed in: a marker that says, at
 * the far end, whose audio is in what someone hears.
 */
export function withPilotTone(wav: string, frequency: number, amplitude = 0.25): string {
  const out = wav.replace(/\.wav$/, `-pilot-${frequency}-${amplitude}.wav`);
  if (existsSync(out)) return out;
  const seconds = Number(execFileSync('soxi', ['-D', wav]).toString().trim());
  const tmp = `${out}.tmp.wav`;
  // Explicit volumes (sox would otherwise halve both): speech a little lower so the sum cannot clip.
  execFileSync('sox', ['-m', '-v', '0.7', wav, '-v', String(amplitude / 0.5), toneWav(frequency, Math.ceil(seconds)), '-b', '16', tmp, 'trim', '0', String(seconds)]);
  renameSync(tmp, out);
  return out;
}
