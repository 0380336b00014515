// Seed 003's "WebSocket Connections: 50 concurrent per API key" on /events/ws, with real `ws`
// clients against a live hub: the 51st socket of a key is refused before the upgrade (429 in the
// Phony error format), other keys are not affected, and closing a socket frees its slot.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { PHONY_SOCKETS_PER_KEY } from '../../../electron/core/api/dialects/phony/events.socket.ts';
import { startHub, type Hub } from '../../support/hub.ts';
import { pollUntil } from '../../support/proc.ts';

type Attempt = { ok: true; ws: WebSocket } | { ok: false; status: number; body: unknown };

/** Opens /events/ws for a call that has not started yet (the socket stays open, waiting for it). */
function connect(hub: Hub, auth: { header?: string; query?: string }): Promise<Attempt> {
  const q = auth.query ? `&api_key=${encodeURIComponent(auth.query)}` : '';
  const ws = new WebSocket(`${hub.url.replace(/^http/, 'ws')}/events/ws?callSid=CAwaiting${q}`, auth.header ? { headers: { authorization: `Bearer ${auth.header}` } } : {});
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve({ ok: true, ws }));
    ws.once('unexpected-response', (_req, res) => {
      let text = '';
      res.on('data', (c: Buffer) => (text += String(c)));
      res.on('end', () => {
        resolve({ ok: false, status: res.statusCode ?? 0, body: JSON.parse(text) });
        ws.terminate();
      });
    });
    ws.once('error', (err) => reject(err));
  });
}

const closed = (ws: WebSocket) => new Promise<void>((resolve) => (ws.readyState === WebSocket.CLOSED ? resolve() : ws.once('close', () => resolve())));

describe('seed 003 (Phony) /events/ws: 50 concurrent sockets per API key', () => {
  let hub: Hub;
  let keyA = '';
  let keyB = '';

  beforeAll(async () => {
    hub = await startHub({ renderer: false });
    const key = async (name: string) => {
      const r = await fetch(`${hub.url}/api/v1/keys`, {
        method: 'POST',
        headers: { authorization: `Bearer ${hub.apiKey}`, 'content-type': 'application/json' },
        // Every upgrade is a request too: room for them under the key's per-minute limit.
        body: JSON.stringify({ name, scopes: ['read'], rate_limit_per_minute: 1000 }),
      });
      expect(r.status).toBe(201);
      return ((await r.json()) as { key: string }).key;
    };
    keyA = await key('phony-a');
    keyB = await key('phony-b');
  });
  afterAll(async () => {
    await hub?.dispose();
  });

  it('refuses the 51st socket of a key with 429 RATE_LIMITED; other keys still connect; a closed socket frees its slot', async () => {
    expect(PHONY_SOCKETS_PER_KEY).toBe(50);
    const open: WebSocket[] = [];
    // Half by header, half by ?api_key= as a browser would: both count against the same key.
    for (let i = 0; i < PHONY_SOCKETS_PER_KEY; i++) {
      const a = await connect(hub, i % 2 === 0 ? { header: keyA } : { query: keyA });
      expect(a.ok, `socket ${i + 1}: ${JSON.stringify(a)}`).toBe(true);
      if (a.ok) open.push(a.ws);
    }

    for (const auth of [{ header: keyA }, { query: keyA }]) {
      const refused = await connect(hub, auth);
      expect(refused).toEqual({
        ok: false,
        status: 429,
        body: { error: { code: 'RATE_LIMITED', message: expect.stringMatching(/50 concurrent/), details: { limit: 50, open: 50 } } },
      });
    }

    // The limit is per key: another key of the same tenant is not affected.
    const other = await connect(hub, { header: keyB });
    expect(other.ok).toBe(true);

    // The sockets refused above hold no slot; closing one open socket frees exactly one.
    const first = open.shift()!;
    first.close();
    await closed(first);
    await pollUntil(
      async () => {
        const again = await connect(hub, { header: keyA });
        if (again.ok) open.push(again.ws);
        return again.ok;
      },
      { timeoutMs: 5_000, intervalMs: 50, what: 'a slot freed by the closed socket' },
    );
    const full = await connect(hub, { query: keyA });
    expect(full.ok).toBe(false);
    expect(full.ok ? 0 : full.status).toBe(429);

    for (const ws of [...open, ...(other.ok ? [other.ws] : [])]) ws.close();
    await Promise.all(open.map(closed));
    // With every socket closed the key has its 50 again.
    await pollUntil(
      async () => {
        const a = await connect(hub, { header: keyA });
        if (a.ok) a.ws.close();
        return a.ok;
      },
      { timeoutMs: 5_000, intervalMs: 50, what: 'slots back after closing' },
    );
  });
});
