// The headless media endpoint against the real PBX: a sip.js UserAgent in Node (alice, over SIP
// WebSocket) calls `echo` through Kamailio to a SIPp UAS that echoes RTP (-rtp_echo). Our WAV
// comes back with its energy, RFC 4733 DTMF comes back as digits, BYE ends the call.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Inviter, SessionState, UserAgent } from 'sip.js';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import wavefile from 'wavefile';
import WebSocket from 'ws';
import { headlessMedia, headlessSdhFactory } from '../../../electron/core/sip/headless/headless-sdh.factory.ts';
import type { HeadlessDescriptionOptions } from '../../../electron/core/sip/headless/headless.sdh.ts';
import type { RtpSession } from '../../../electron/core/sip/headless/rtp-session.ts';
import { DEFAULT_USERS, startKamailio, UAS_PORT, type Kamailio } from '../../support/kamailio.ts';
import { describeSipp, startSipp } from '../../support/sipp.ts';

const RTP_ECHO_PORT = 6000;
let pbx: Kamailio;
let dir: string;
let wavPath: string;

async function until(what: string, cond: () => boolean, timeoutMs = 5000): Promise<void> {
  const t0 = performance.now();
  while (!cond()) {
    if (performance.now() - t0 > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

beforeAll(async () => {
  (globalThis as { WebSocket?: unknown }).WebSocket ??= WebSocket;
  dir = mkdtempSync(join(tmpdir(), 'earshot-headless-it-'));
  wavPath = join(dir, 'sine440.wav');
  const samples = Int16Array.from({ length: 8000 }, (_, i) => Math.round(16384 * Math.sin((2 * Math.PI * 440 * i) / 8000)));
  const wav = new wavefile.WaveFile();
  wav.fromScratch(1, 8000, '16', samples);
  writeFileSync(wavPath, wav.toBuffer());
  pbx = await startKamailio();
});

afterAll(async () => {
  await pbx?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

beforeEach(({ onTestFailed }) => {
  onTestFailed(() => {
    if (pbx) console.error(`--- ${pbx.logPath} (tail) ---\n${pbx.logTail(80)}`);
  });
});

describe('headless media through Kamailio to a SIPp RTP echo', () => {
  test('call establishes, echoed audio and DTMF come back, BYE ends it', async () => {
    const uas = startSipp({ scenario: 'uas_rtp_echo.xml', localPort: UAS_PORT, args: ['-rtp_echo', '-mp', String(RTP_ECHO_PORT)], timeoutMs: 30_000 });
    await uas.ready;

    const alice = DEFAULT_USERS[0]!;
    const digits: string[] = [];
    let media: RtpSession | undefined;
    const ua = new UserAgent({
      uri: UserAgent.makeURI(`sip:${alice.username}@${pbx.domain}`),
      transportOptions: { server: pbx.wsUrl },
      authorizationUsername: alice.username,
      authorizationPassword: alice.password,
      logBuiltinEnabled: false,
      sessionDescriptionHandlerFactory: headlessSdhFactory({
        bindAddress: '127.0.0.1',
        wavFile: wavPath,
        loop: true,
        onDtmf: (d) => digits.push(d),
        onMedia: (m) => (media = m),
      }),
    });
    await ua.start();
    try {
      const target = UserAgent.makeURI(`sip:echo@${pbx.domain}`)!;
      const inviter = new Inviter(ua, target);
      const states: SessionState[] = [];
      let establishedAt = 0;
      const established = new Promise<void>((resolve, reject) => {
        inviter.stateChange.addListener((s) => {
          states.push(s);
          if (s === SessionState.Established) {
            establishedAt = performance.now();
            resolve();
          }
          if (s === SessionState.Terminated) reject(new Error(`call ended before it was established: ${states.join(' → ')}`));
        });
      });
      const t0 = performance.now();
      await inviter.invite();
      await established;
      const setupMs = establishedAt - t0;
      expect(headlessMedia(inviter)).toBe(media);
      expect(media).toBeDefined();
      const m = media!;

      await until('echoed audio', () => m.stats().rx.windowRms > 5000);
      await new Promise((r) => setTimeout(r, 1000));
      const audio = m.stats();
      expect(audio.codec).toBe('PCMU');
      expect(audio.rx.rms).toBeGreaterThan(8000);

      expect(inviter.sessionDescriptionHandler!.sendDtmf('1234#', { duration: 100, interToneGap: 70 })).toBe(true);
      await until('echoed digits', () => digits.length >= 5 && !m.sendingDtmf);
      await new Promise((r) => setTimeout(r, 200));
      expect(digits.join('')).toBe('1234#');
      expect(m.receivedDigits).toBe('1234#');

      const end = m.stats();
      const firstAudioAfterEstablished = end.rx.firstAudioAt! - establishedAt;
      console.info(
        `headless via kamailio → sipp echo: invite→established ${setupMs.toFixed(0)} ms, ` +
          `first echoed audio ${firstAudioAfterEstablished.toFixed(1)} ms after established ` +
          `(${end.rx.firstAudioMs?.toFixed(1)} ms after media start), ` +
          `rx ${end.rx.packets} audio + ${end.rx.dtmfPackets} dtmf packets, expected ${end.rx.expected}, lost ${end.rx.lost}, ` +
          `jitter ${end.rx.jitterMs.toFixed(2)} ms, tx ${end.tx.packets} packets (${end.tx.dtmfPackets} dtmf), rms ${end.rx.rms.toFixed(0)}`,
      );
      expect(end.rx.lost).toBe(0);
      expect(firstAudioAfterEstablished).toBeLessThan(500);

      // Hold by re-INVITE (sip.js passes { hold } to the SDH): we offer sendonly and send
      // silence, so the echo goes quiet; resume brings the tone back. (The scenario answers every
      // re-INVITE recvonly; SIPp's echo ignores SDP directions.)
      const reinvite = async (hold: boolean) => {
        const accepted = new Promise<string>((resolve, reject) => {
          void inviter
            .invite({
              sessionDescriptionHandlerOptions: { hold } as HeadlessDescriptionOptions,
              requestDelegate: { onAccept: (r) => resolve(r.message.body), onReject: (r) => reject(new Error(`re-INVITE ${r.message.statusCode}`)) },
            })
            .catch(reject);
        });
        return accepted;
      };
      expect(await reinvite(true)).toContain('a=recvonly');
      expect(m.stats().held).toBe(true);
      await until('echo silent while held', () => m.stats().rx.windowRms < 50);
      expect(await reinvite(false)).toContain('a=recvonly');
      expect(m.stats().held).toBe(false);
      await until('echo back after resume', () => m.stats().rx.windowRms > 5000);

      const terminated = new Promise<void>((resolve) =>
        inviter.stateChange.addListener((s) => {
          if (s === SessionState.Terminated) resolve();
        }),
      );
      await inviter.bye();
      await terminated;
      const sipp = await uas.done;
      expect(sipp.exitCode, describeSipp(sipp)).toBe(0);
      expect(sipp.stats.successful, describeSipp(sipp)).toBe(1);
      // The SDH closed with the session: its socket no longer receives.
      const after = m.stats().rx.packets;
      await new Promise((r) => setTimeout(r, 100));
      expect(m.stats().rx.packets).toBe(after);
    } finally {
      await ua.stop();
      await uas.stop();
    }
  });
});
