// Speech WAVs for fake microphones, made with espeak-ng and sox (DESIGN §9): 48 kHz mono,
// leading silence trimmed, long enough to loop. Cached per text in the OS temp dir.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, renameSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const CACHE = join(tmpdir(), 'earshot-speech');

export function speechWav(text: string, voice = 'en-us'): string {
  mkdirSync(CACHE, { recursive: true });
  const id = createHash('sha256').update(`${voice}\n${text}`).digest('hex').slice(0, 16);
  const out = join(CACHE, `${id}.wav`);
  if (existsSync(out)) return out;
  const raw = join(CACHE, `${id}.raw.wav`);
  const tmp = join(CACHE, `${id}.tmp.wav`);
  execFileSync('espeak-ng', ['-v', voice, '-s', '150', '-w', raw, text]);
  // Trim leading silence, then pad the tail a little so the loop has gaps like speech does.
  execFileSync('sox', [raw, '-r', '48000', '-c', '1', '-b', '16', tmp, 'silence', '1', '0.01', '1%', 'pad', '0', '0.3']);
  renameSync(tmp, out);
  return out;
}
