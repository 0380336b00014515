import { createHash, randomBytes } from 'node:crypto';
import { mkdir, open, readdir, readFile, rename, unlink } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { CaptureLeg } from '../../../shared/contracts/transcription-client.ts';
import type { Speaker } from '../../../shared/domain/transcript.ts';

/** What the spool keeps beside each segment's WAV: enough to transcribe and store it after a crash. */
export interface SpooledSegmentMeta {
  v: 1;
  tenant_id: string;
  call_id: number;
  segment_key: string;
  leg: CaptureLeg;
  speaker: Speaker;
  /** Wall-clock capture times from the console (ms since the epoch). */
  started_at_ms: number;
  ended_at_ms: number;
  submitted_at_ms: number;
}

export interface SpooledSegment {
  /** File name stem in the spool directory. */
  name: string;
  meta: SpooledSegmentMeta;
}

const WAV = '.wav';
const META = '.json';
const TMP = '.tmp';

/** A spool file name for a call's segment: readable call id, hashed key (any characters, any OS). */
export function spoolNameOf(callId: number, segmentKey: string): string {
  return `c${callId}-${createHash('sha256').update(segmentKey).digest('hex').slice(0, 24)}`;
}

/**
 * Segments acknowledged to a console but not yet in the store, one WAV and one JSON file each.
 * A write is durable before it resolves (temp files fsynced, renamed, directory fsynced); the
 * JSON is what makes a segment count, so a crash mid-write leaves only debris that open() clears.
 */
export class SegmentSpool {
  readonly dir: string;
  private readonly writes = new Set<Promise<unknown>>();

  constructor(dir: string) {
    this.dir = dir;
  }

  /** Creates the directory if needed, clears debris of interrupted writes, returns what is spooled (by capture start). */
  async open(): Promise<SpooledSegment[]> {
    await mkdirDurably(this.dir);
    const files = new Set(await readdir(this.dir));
    const segments: SpooledSegment[] = [];
    for (const file of files) {
      if (file.endsWith(TMP)) {
        await unlink(join(this.dir, file)).catch(() => undefined);
        continue;
      }
      if (file.endsWith(WAV) && !files.has(file.slice(0, -WAV.length) + META)) {
        await unlink(join(this.dir, file)).catch(() => undefined);
        continue;
      }
      if (!file.endsWith(META)) continue;
      const name = file.slice(0, -META.length);
      const meta = await this.readMeta(name);
      if (!meta || !files.has(name + WAV)) {
        await this.remove(name);
        continue;
      }
      segments.push({ name, meta });
    }
    return segments.sort((a, b) => a.meta.started_at_ms - b.meta.started_at_ms || a.name.localeCompare(b.name));
  }

  /** Spools a segment; resolves once it survives a crash or power loss. */
  write(meta: SpooledSegmentMeta, wav: Buffer): Promise<SpooledSegment> {
    const done = this.writeDurably(meta, wav);
    this.writes.add(done);
    void done.finally(() => this.writes.delete(done)).catch(() => undefined);
    return done;
  }

  readWav(name: string): Promise<Buffer> {
    return readFile(join(this.dir, name + WAV));
  }

  /** Forgets a stored segment: the JSON goes first, so a crash in between leaves only a stray WAV. */
  async remove(name: string): Promise<void> {
    await unlink(join(this.dir, name + META)).catch(ignoreMissing);
    await unlink(join(this.dir, name + WAV)).catch(ignoreMissing);
  }

  /** Waits for writes in progress (a clean stop leaves no half-written segment). */
  async settle(): Promise<void> {
    await Promise.allSettled([...this.writes]);
  }

  private async writeDurably(meta: SpooledSegmentMeta, wav: Buffer): Promise<SpooledSegment> {
    const name = spoolNameOf(meta.call_id, meta.segment_key);
    const tag = randomBytes(4).toString('hex');
    const wavTmp = join(this.dir, `${name}${WAV}.${tag}${TMP}`);
    const metaTmp = join(this.dir, `${name}${META}.${tag}${TMP}`);
    await Promise.all([writeFileSynced(wavTmp, wav), writeFileSynced(metaTmp, JSON.stringify(meta))]);
    await rename(wavTmp, join(this.dir, name + WAV));
    await rename(metaTmp, join(this.dir, name + META));
    await fsyncDir(this.dir);
    return { name, meta };
  }

  private async readMeta(name: string): Promise<SpooledSegmentMeta | null> {
    try {
      const meta = JSON.parse(await readFile(join(this.dir, name + META), 'utf8')) as SpooledSegmentMeta;
      return meta.v === 1 && typeof meta.segment_key === 'string' && Number.isInteger(meta.call_id) ? meta : null;
    } catch {
      return null;
    }
  }
}

async function writeFileSynced(path: string, data: string | Buffer): Promise<void> {
  const fh = await open(path, 'w', 0o600);
  try {
    await fh.writeFile(data);
    await fh.sync();
  } finally {
    await fh.close();
  }
}

/** Makes a rename or new entry in `dir` durable. Windows cannot open a directory to fsync it (NTFS journals renames). */
async function fsyncDir(dir: string): Promise<void> {
  if (process.platform === 'win32') return;
  const fh = await open(dir, 'r');
  try {
    await fh.sync();
  } finally {
    await fh.close();
  }
}

async function mkdirDurably(dir: string): Promise<void> {
  const first = await mkdir(dir, { recursive: true, mode: 0o700 });
  if (first === undefined) return;
  // Every directory created, and the one that now holds the first of them, must reach the disk.
  for (let d = dir; ; d = dirname(d)) {
    await fsyncDir(d);
    if (d === dirname(first) || d === dirname(d)) break;
  }
}

function ignoreMissing(err: NodeJS.ErrnoException): void {
  if (err.code !== 'ENOENT') throw err;
}
