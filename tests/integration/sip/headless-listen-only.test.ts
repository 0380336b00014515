// A listen-only headless seat (sip.send_audio false) against the real PBX: SIPp calls it through
// Kamailio offering sendrecv on a media port this test owns. The seat answers recvonly and not one
// RTP packet arrives, while a headless seat with the default setting answers sendrecv and sends.
import { createSocket, type Socket } from 'node:dgram';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHub, type Hub } from '../../support/hub.ts';
import { startKamailio, type Kamailio } from '../../support/kamailio.ts';
import { describeSipp, runSipp, type SippResult } from '../../support/sipp.ts';

describe('listen-only headless seat', () => {
  let pbx: Kamailio;
  let hub: Hub;
  let dir: string;

  const post = (body: unknown) =>
    fetch(`${hub.url}/api/v1/agents`, {
      method: 'POST',
      headers: { authorization: `Bearer ${hub.apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'earshot-listen-only-'));
    pbx = await startKamailio();
    hub = await startHub({ renderer: false });
  });

  afterAll(async () => {
    await hub?.dispose();
    await pbx?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  /** Calls `user` for `ms` with our own socket as the offered media port; retries until the seat has registered. */
  async function callCounting(user: string, localPort: number, ms: number): Promise<{ result: SippResult; packets: number; answerDirection: string | undefined }> {
    let last: { result: SippResult; packets: number; answerDirection: string | undefined } | undefined;
    for (let attempt = 0; attempt < 10 && last?.result.stats.successful !== 1; attempt++) {
      if (attempt > 0) await new Promise((r) => setTimeout(r, 300));
      const socket: Socket = createSocket('udp4');
      let packets = 0;
      socket.on('message', () => packets++);
      await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
      const messages = join(dir, `${user}-${attempt}.msg`);
      const result = await runSipp({
        scenario: 'uac_media_port.xml',
        remote: pbx.sipAddress,
        service: user,
        localPort,
        callLengthMs: ms,
        keys: { rtp_port: socket.address().port },
        args: ['-trace_msg', '-message_file', messages],
        timeoutMs: 10_000,
      });
      await new Promise((r) => setTimeout(r, 100)); // the last packets in flight
      socket.close();
      let log = '';
      try {
        log = readFileSync(messages, 'utf8');
      } catch {
        // no message was exchanged
      }
      const answerDirection = /SIP\/2\.0 200[\s\S]*?\ba=(sendrecv|sendonly|recvonly|inactive)\b/.exec(log)?.[1];
      last = { result, packets, answerDirection };
    }
    return last!;
  }

  it('a console seat cannot be listen-only: 400 with the reason', async () => {
    const res = await post({ name: 'Alice', sip: { uri: 'sip:alice@127.0.0.1', password: 'alicepw', ws_url: pbx.wsUrl, send_audio: false } });
    expect(res.status).toBe(400);
    expect((await res.json()).message).toMatch(/send_audio.*headless/);
  });

  it('answers recvonly and sends no RTP; a sending headless seat answers sendrecv and sends', async () => {
    const listener = await post({ name: 'Carol Tap', extension: '3001', sip: { uri: 'sip:carol@127.0.0.1', password: 'carolpw', ws_url: pbx.wsUrl, media: 'headless', send_audio: false } });
    expect(listener.status).toBe(201);
    expect((await listener.json()).sip).toMatchObject({ media: 'headless', send_audio: false });
    const sender = await post({ name: 'Bob Bot', extension: '3002', sip: { uri: 'sip:bob@127.0.0.1', password: 'bobpw', ws_url: pbx.wsUrl, media: 'headless' } });
    expect(sender.status).toBe(201);
    expect((await sender.json()).sip).toMatchObject({ media: 'headless', send_audio: true });

    const quiet = await callCounting('carol', 5096, 1000);
    expect(quiet.result.stats.successful, describeSipp(quiet.result)).toBe(1);
    expect(quiet.answerDirection).toBe('recvonly');
    expect(quiet.packets).toBe(0);

    const loud = await callCounting('bob', 5097, 1000);
    expect(loud.result.stats.successful, describeSipp(loud.result)).toBe(1);
    expect(loud.answerDirection).toBe('sendrecv');
    expect(loud.packets).toBeGreaterThan(25); // 50 packets/s for about a second

    const calls = await (await fetch(`${hub.url}/api/v1/calls?direction=inbound&status=completed`, { headers: { authorization: `Bearer ${hub.apiKey}` } })).json();
    expect(calls.calls.map((c: { to_number: string }) => c.to_number).sort()).toEqual(['3001', '3002']);
  });
});
