// Two headless SDHs in one process doing offer/answer as sip.js would drive them, with real RTP
// over loopback UDP between them.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import wavefile from 'wavefile';
import { HeadlessSdh } from '../../../../../electron/core/sip/headless/headless.sdh.ts';
import { WavSource } from '../../../../../electron/core/sip/headless/wav-source.ts';

let dir: string;
let wavPath: string;
const open: HeadlessSdh[] = [];

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'earshot-headless-'));
  wavPath = join(dir, 'sine440.wav');
  // 1 s of 440 Hz at half scale, 16 kHz (so the 8 kHz conversion is exercised too).
  const rate = 16000;
  const samples = Int16Array.from({ length: rate }, (_, i) => Math.round(16384 * Math.sin((2 * Math.PI * 440 * i) / rate)));
  const wav = new wavefile.WaveFile();
  wav.fromScratch(1, rate, '16', samples);
  writeFileSync(wavPath, wav.toBuffer());
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

afterEach(() => {
  for (const sdh of open.splice(0)) sdh.close();
});

function sdh(opts: { wav?: boolean; digits?: string[] } = {}): HeadlessSdh {
  const s = new HeadlessSdh({
    bindAddress: '127.0.0.1',
    source: opts.wav ? WavSource.fromFile(wavPath, true) : undefined,
    onDtmf: opts.digits && ((d) => opts.digits!.push(d)),
    windowMs: 200,
  });
  open.push(s);
  return s;
}

/** offerer.getDescription → answerer.setDescription → answerer.getDescription → offerer.setDescription */
async function negotiate(offerer: HeadlessSdh, answerer: HeadlessSdh, hold = false, answererHolds = false): Promise<{ offer: string; answer: string }> {
  // sip.js passes a session's hold state (sessionDescriptionHandlerOptionsReInvite) to both.
  const offer = await offerer.getDescription({ hold } as object);
  await answerer.setDescription(offer.body);
  const answer = await answerer.getDescription({ hold: answererHolds } as object);
  await offerer.setDescription(answer.body);
  return { offer: offer.body, answer: answer.body };
}

async function until(what: string, cond: () => boolean, timeoutMs = 3000): Promise<void> {
  const t0 = performance.now();
  while (!cond()) {
    if (performance.now() - t0 > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const SILENT = 50; // RMS; a half-scale sine is ≈ 11600

describe('HeadlessSdh over loopback', () => {
  test('offer/answer state, content type, PCMU chosen', async () => {
    const a = sdh();
    const b = sdh();
    expect(a.hasDescription('application/sdp')).toBe(true);
    expect(a.hasDescription('Application/SDP; charset=utf-8')).toBe(true);
    expect(a.hasDescription('text/plain')).toBe(false);
    const offer = await a.getDescription();
    expect(offer.contentType).toBe('application/sdp');
    expect(a.signalingState).toBe('have-local-offer');
    await b.setDescription(offer.body);
    expect(b.signalingState).toBe('have-remote-offer');
    const answer = await b.getDescription();
    expect(answer.body).toMatch(/m=audio \d+ RTP\/AVP 0 101\r\n/);
    await a.setDescription(answer.body);
    expect(a.signalingState).toBe('stable');
    expect(b.signalingState).toBe('stable');
    expect(a.media.stats().codec).toBe('PCMU');
  });

  test('the WAV arrives with energy on the far side; the silent side sends silence', async () => {
    const player = sdh({ wav: true });
    const listener = sdh();
    await negotiate(player, listener);
    await until('audio at the listener', () => listener.media.stats().rx.windowRms > 5000);
    await sleep(300);
    const heard = listener.media.stats();
    const back = player.media.stats();
    console.info(
      `loopback: first audio ${heard.rx.firstAudioMs?.toFixed(1)} ms after media start, ` +
        `rx ${heard.rx.packets} packets, lost ${heard.rx.lost}, jitter ${heard.rx.jitterMs.toFixed(2)} ms, rms ${heard.rx.rms.toFixed(0)}`,
    );
    expect(heard.rx.rms).toBeGreaterThan(8000);
    expect(heard.rx.firstAudioMs).toBeLessThan(200);
    expect(heard.rx.lost).toBe(0);
    expect(back.rx.packets).toBeGreaterThan(10); // the silent side still streams …
    expect(back.rx.rms).toBeLessThan(SILENT); // … silence
    expect(listener.media.stats().tx.rms).toBeLessThan(SILENT);
  });

  test('hold: the holder offers sendonly and goes quiet, the held side stops sending; resume restores both', async () => {
    const a = sdh({ wav: true });
    const b = sdh({ wav: true });
    await negotiate(a, b);
    await until('audio both ways', () => a.media.stats().rx.windowRms > 5000 && b.media.stats().rx.windowRms > 5000);

    const { offer, answer } = await negotiate(a, b, true);
    expect(offer).toContain('a=sendonly');
    expect(answer).toContain('a=recvonly');
    await until('silence at b', () => b.media.stats().rx.windowRms < SILENT);
    await until('nothing at a', () => a.media.stats().rx.windowRms < SILENT);
    const bSent = b.media.stats().tx.packets;
    await sleep(200);
    expect(b.media.stats().tx.packets).toBe(bSent); // recvonly: b sends nothing
    expect(a.media.stats().held).toBe(true);

    // b holds too while a holds it: b offers inactive, a (still holding) answers inactive
    const both = await negotiate(b, a, true, true);
    expect(both.offer).toContain('a=inactive');
    expect(both.answer).toContain('a=inactive');

    // a resumes while b still holds: a offers sendrecv, b answers sendonly
    const resumed = await negotiate(a, b, false, true);
    expect(resumed.offer).toContain('a=sendrecv');
    expect(resumed.answer).toContain('a=sendonly');
    const resumed2 = await negotiate(b, a, false, false);
    expect(resumed2.offer).toContain('a=sendrecv');
    expect(resumed2.answer).toContain('a=sendrecv');
    await until('audio back at b', () => b.media.stats().rx.windowRms > 5000);
    await until('audio back at a', () => a.media.stats().rx.windowRms > 5000);
    expect(a.media.stats().held).toBe(false);
  });

  test('the held party is the one that goes quiet when the far side holds', async () => {
    const player = sdh({ wav: true });
    const listener = sdh();
    await negotiate(player, listener);
    await until('audio', () => listener.media.stats().rx.windowRms > 5000);
    await negotiate(listener, player, true); // listener holds → player answers recvonly
    await until('the player stops', () => listener.media.stats().rx.windowRms < SILENT);
    await negotiate(listener, player, false);
    await until('audio again', () => listener.media.stats().rx.windowRms > 5000);
  });

  test('DTMF "1234#" arrives in order, each digit once', async () => {
    const digits: string[] = [];
    const a = sdh();
    const b = sdh({ digits });
    await negotiate(a, b);
    expect(a.sendDtmf('1234#', { duration: 80, interToneGap: 50 })).toBe(true);
    await until('five digits', () => digits.length >= 5 && !a.media.sendingDtmf);
    await sleep(100);
    expect(digits.join('')).toBe('1234#');
    expect(b.media.receivedDigits).toBe('1234#');
    expect(b.media.receivedDigitEvents.map((d) => d.durationMs)).toEqual([80, 80, 80, 80, 80]);
    expect(b.media.stats().rx.lost).toBe(0);
    expect(a.sendDtmf('x')).toBe(false);
  });

  test('rollback returns to stable; calls after close reject', async () => {
    const a = sdh();
    await a.getDescription();
    await a.rollbackDescription();
    expect(a.signalingState).toBe('stable');
    a.close();
    await expect(a.getDescription()).rejects.toThrow(/closed/);
    expect(a.sendDtmf('1')).toBe(false);
  });

  test('an offer without G.711 is refused', async () => {
    const a = sdh();
    const sdp = 'v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 5000 RTP/AVP 111\r\na=rtpmap:111 opus/48000/2\r\n';
    await expect(a.setDescription(sdp)).rejects.toThrow(/PCMU\/PCMA/);
    expect(a.signalingState).toBe('stable');
  });
});
