import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { AiHealthMonitor, type AiHealth } from '../../../../electron/core/ai/ai-health.ts';

/** An OpenAI-compatible endpoint on loopback answering GET /v1/models with `status`. */
async function endpoint(status: number): Promise<{ server: Server; url: string; paths: string[] }> {
  const paths: string[] = [];
  const server = createServer((req, res) => {
    paths.push(`${req.method} ${req.url} ${req.headers.authorization ?? ''}`);
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(status === 200 ? JSON.stringify({ object: 'list', data: [{ id: 'gpt-4o-mini-transcribe', object: 'model', created: 0, owned_by: 'local' }] }) : JSON.stringify({ error: { message: 'nope' } }));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`, paths };
}

describe('AI reachability', () => {
  const monitors: AiHealthMonitor[] = [];
  const servers: Server[] = [];
  afterEach(() => {
    monitors.splice(0).forEach((m) => m.stop());
    servers.splice(0).forEach((s) => s.close());
  });

  it('is unconfigured without a base URL or key, and never probes', () => {
    const m = new AiHealthMonitor({ baseURL: null, apiKey: null, webhookSecret: null }, () => {});
    monitors.push(m);
    m.start();
    expect(m.current).toMatchObject({ state: 'unconfigured', base_url: null });
  });

  it('is reachable when the endpoint answers, with the key in the request', async () => {
    const e = await endpoint(200);
    servers.push(e.server);
    const changes: AiHealth[] = [];
    const m = new AiHealthMonitor({ baseURL: e.url, apiKey: 'sk-local', webhookSecret: null }, (h) => changes.push(h));
    monitors.push(m);
    expect((await m.probe()).state).toBe('reachable');
    expect(e.paths).toEqual(['GET /v1/models Bearer sk-local']);
    expect(changes.map((c) => c.state)).toEqual(['reachable']);
  });

  it('counts an HTTP error answer as reachable (the server is there)', async () => {
    const e = await endpoint(401);
    servers.push(e.server);
    const m = new AiHealthMonitor({ baseURL: e.url, apiKey: null, webhookSecret: null }, () => {});
    monitors.push(m);
    expect(await m.probe()).toMatchObject({ state: 'reachable', detail: 'answered 401' });
  });

  it('is unreachable when nothing listens, and reports the change back to reachable', async () => {
    const e = await endpoint(200);
    const url = e.url;
    await new Promise((r) => e.server.close(r));
    const changes: string[] = [];
    const m = new AiHealthMonitor({ baseURL: url, apiKey: null, webhookSecret: null }, (h) => changes.push(h.state));
    monitors.push(m);
    expect(await m.probe()).toMatchObject({ state: 'unreachable', detail: 'cannot connect' });
    const port = Number(new URL(url).port);
    const again = createServer((_q, res) => res.end('{"object":"list","data":[]}'));
    servers.push(again);
    await new Promise<void>((r) => again.listen(port, '127.0.0.1', r));
    expect((await m.probe()).state).toBe('reachable');
    expect(changes).toEqual(['unreachable', 'reachable']);
  });
});
