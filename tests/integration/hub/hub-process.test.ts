import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startHub, type Hub } from '../../support/hub.ts';

/** A real hub process on a temp data dir, as `npm run hub` starts it. */
describe('hub process', () => {
  let hub: Hub | null = null;
  afterEach(async () => {
    await hub?.dispose();
    hub = null;
  });

  const api = (h: Hub, path: string, init: RequestInit = {}) =>
    fetch(`${h.url}${path}`, { ...init, headers: { authorization: `Bearer ${h.apiKey}`, 'content-type': 'application/json', ...init.headers } });

  it('serves the console, /health and the API with the bootstrap key', async () => {
    hub = await startHub();
    const page = await fetch(`${hub.url}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toMatch(/default-src 'self'/);
    expect(await page.text()).toMatch(/<div id="root">/);
    expect((await (await fetch(`${hub.url}/health`)).json()).status).toBe('ok');
    const tenants = await (await api(hub, '/api/v1/tenants')).json();
    expect(tenants.tenants.map((t: { id: string }) => t.id)).toEqual(['default']);
  });

  it('loses no acknowledged write when killed with SIGKILL mid-load, and the database is intact', async () => {
    hub = await startHub();
    const acknowledged: string[] = [];
    let killed = false;
    const writer = async (n: number) => {
      for (let i = 0; i < 400 && !killed; i++) {
        try {
          const res = await api(hub!, '/api/v1/calls', {
            method: 'POST',
            body: JSON.stringify({ direction: 'inbound', from_number: `+1555${n}${i}`, to_number: '1001', status: 'completed', metadata: { n, i } }),
          });
          if (res.status === 201) acknowledged.push(((await res.json()) as { sid: string }).sid);
        } catch {
          return; // the connection died with the hub: that write was never acknowledged
        }
      }
    };
    const writers = Array.from({ length: 8 }, (_, n) => writer(n));
    while (acknowledged.length < 200) await new Promise((r) => setTimeout(r, 5));
    killed = true;
    await hub.kill9();
    await Promise.all(writers);
    expect(acknowledged.length).toBeGreaterThanOrEqual(200);

    await hub.restart();
    const stored = new Set<string>();
    for (let offset = 0; ; offset += 1000) {
      const page = (await (await api(hub, `/api/v1/calls?limit=1000&offset=${offset}`)).json()) as { calls: { sid: string }[]; total: number };
      for (const c of page.calls) stored.add(c.sid);
      if (offset + 1000 >= page.total) break;
    }
    const lost = acknowledged.filter((sid) => !stored.has(sid));
    expect(lost).toEqual([]);
    const db = new Database(join(hub.dataDir, 'earshot.db'), { readonly: true });
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
  });

  it('shuts down cleanly on SIGTERM: exit code 0 and the WAL checkpointed away', async () => {
    hub = await startHub();
    await api(hub, '/api/v1/calls', { method: 'POST', body: JSON.stringify({ direction: 'inbound', from_number: '1', to_number: '2', status: 'completed' }) });
    expect(await hub.stop()).toBe('exited with code 0');
    expect(existsSync(join(hub.dataDir, 'earshot.db-wal'))).toBe(false);
    const db = new Database(join(hub.dataDir, 'earshot.db'), { readonly: true });
    expect((db.prepare('SELECT count(*) AS n FROM calls').get() as { n: number }).n).toBe(1);
    db.close();
  });

  it('refuses to start on a database from a newer Earshot, saying why', async () => {
    hub = await startHub();
    const dataDir = hub.dataDir;
    await hub.stop();
    const db = new Database(join(dataDir, 'earshot.db'));
    db.pragma('user_version = 999');
    db.close();
    await expect(startHub({ dataDir, readyTimeoutMs: 15_000 })).rejects.toThrow(/schema version 999 is newer than this Earshot understands/);
  });
});
