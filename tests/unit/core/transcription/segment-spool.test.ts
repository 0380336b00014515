import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SegmentSpool, spoolNameOf, type SpooledSegmentMeta } from '../../../../electron/core/transcription/segment-spool.ts';
import { toneWav } from '../../../support/openai-emulator/index.ts';

const meta = (key: string, startedAt: number, callId = 7): SpooledSegmentMeta => ({
  v: 1,
  tenant_id: 'default',
  call_id: callId,
  segment_key: key,
  leg: 'remote',
  speaker: 'caller',
  started_at_ms: startedAt,
  ended_at_ms: startedAt + 1000,
  submitted_at_ms: startedAt + 1200,
});

describe('segment spool', () => {
  let root: string;
  let dir: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'earshot-spool-'));
    dir = join(root, 'spool', 'transcripts');
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('keeps what it acknowledged for the next process, in capture order, audio byte for byte', async () => {
    const first = new SegmentSpool(dir);
    expect(await first.open()).toEqual([]);
    const wavA = toneWav({ seconds: 0.5, frequency: 300 });
    const wavB = toneWav({ seconds: 0.7, frequency: 500 });
    await first.write(meta('seg-b', 2_000_000_005_000), wavB);
    await first.write(meta('seg-a', 2_000_000_001_000), wavA);

    // A new process (after kill -9) sees both, oldest capture first, with their audio.
    const next = new SegmentSpool(dir);
    const found = await next.open();
    expect(found.map((s) => s.meta.segment_key)).toEqual(['seg-a', 'seg-b']);
    expect(found[0]).toEqual({ name: spoolNameOf(7, 'seg-a'), meta: meta('seg-a', 2_000_000_001_000) });
    expect(await next.readWav(found[0]!.name)).toEqual(wavA);
    expect(await next.readWav(found[1]!.name)).toEqual(wavB);
  });

  it('holds one copy of a segment written twice (a console resending it)', async () => {
    const spool = new SegmentSpool(dir);
    await spool.open();
    const wav = toneWav({ seconds: 0.5 });
    await Promise.all([spool.write(meta('again', 2_000_000_001_000), wav), spool.write(meta('again', 2_000_000_001_000), wav)]);
    expect((await new SegmentSpool(dir).open()).map((s) => s.meta.segment_key)).toEqual(['again']);
    expect(readdirSync(dir).sort()).toEqual([`${spoolNameOf(7, 'again')}.json`, `${spoolNameOf(7, 'again')}.wav`]);
  });

  it('clears what an interrupted write or delete left, and keeps the rest', async () => {
    const spool = new SegmentSpool(dir);
    await spool.open();
    await spool.write(meta('kept', 2_000_000_001_000), toneWav({ seconds: 0.5 }));
    // A crash mid-write leaves temp files; one between the renames a WAV without its JSON;
    // a crash mid-delete the WAV after its JSON went; a JSON without audio or unreadable is debris too.
    writeFileSync(join(dir, 'c7-aaaa.wav.1234abcd.tmp'), 'partial');
    writeFileSync(join(dir, 'c7-bbbb.wav'), toneWav({ seconds: 0.5 }));
    writeFileSync(join(dir, 'c7-cccc.json'), JSON.stringify(meta('no-audio', 2_000_000_002_000)));
    writeFileSync(join(dir, 'c7-dddd.json'), '{"v":1,"segm');
    writeFileSync(join(dir, 'c7-dddd.wav'), toneWav({ seconds: 0.5 }));

    const found = await new SegmentSpool(dir).open();
    expect(found.map((s) => s.meta.segment_key)).toEqual(['kept']);
    expect(readdirSync(dir).sort()).toEqual([`${spoolNameOf(7, 'kept')}.json`, `${spoolNameOf(7, 'kept')}.wav`]);
  });

  it('forgets a segment once removed, and removing twice is harmless', async () => {
    const spool = new SegmentSpool(dir);
    await spool.open();
    const seg = await spool.write(meta('done', 2_000_000_001_000), toneWav({ seconds: 0.5 }));
    await spool.remove(seg.name);
    await spool.remove(seg.name);
    expect(await new SegmentSpool(dir).open()).toEqual([]);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('names files by call and hashed key, so any key is a safe file name', () => {
    expect(spoolNameOf(12, 'line:1/../../etc')).toMatch(/^c12-[0-9a-f]{24}$/);
    expect(spoolNameOf(12, 'a')).not.toBe(spoolNameOf(13, 'a'));
    expect(spoolNameOf(12, 'a')).not.toBe(spoolNameOf(12, 'b'));
  });
});
