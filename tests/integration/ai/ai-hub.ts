// A real hub wired to the OpenAI emulator through the SDK's environment variables (DESIGN §10),
// with the helpers the AI call tests share: API calls with the bootstrap key, the tenant's
// event socket, console sign-in, and waiting for a call to reach a state.
import WebSocket from 'ws';
import type { EventEnvelope } from '../../../shared/contracts/domain-events.ts';
import type { Call, CallEvent } from '../../../shared/domain/call.ts';
import { startHub, type Hub } from '../../support/hub.ts';
import { startOpenAiEmulator, type OpenAiEmulator } from '../../support/openai-emulator/index.ts';
import { pollUntil } from '../../support/proc.ts';

/** A parsed JSON answer (what JSON.parse gives). */
export type Json = ReturnType<typeof JSON.parse>;

export interface AiHub {
  hub: Hub;
  ai: OpenAiEmulator;
  /** The webhook receiver seed 001 posts to. */
  webhookUrl: string;
  api(path: string, init?: { method?: string; body?: unknown; key?: string }): Promise<{ status: number; body: Json; headers: Headers }>;
  dispose(): Promise<void>;
}

export async function startAiHub(env: Record<string, string> = {}): Promise<AiHub> {
  const ai = await startOpenAiEmulator({ streamGapMs: 5 });
  const hub = await startHub({
    renderer: false,
    env: { OPENAI_BASE_URL: ai.baseURL, OPENAI_API_KEY: ai.apiKey, OPENAI_WEBHOOK_SECRET: ai.webhookSecret, ...env },
  });
  return {
    hub,
    ai,
    webhookUrl: `${hub.url}/`,
    async api(path, init = {}) {
      const res = await fetch(`${hub.url}${path}`, {
        method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
        headers: { authorization: `Bearer ${init.key ?? hub.apiKey}`, ...(init.body === undefined ? {} : { 'content-type': 'application/json' }) },
        ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
      });
      const text = await res.text();
      return { status: res.status, body: text ? JSON.parse(text) : null, headers: res.headers };
    },
    async dispose() {
      await hub.dispose();
      await ai.close();
    },
  };
}

/** Polls the call until `test` holds; returns it. */
export async function waitForCall(h: AiHub, id: number, test: (c: Call) => boolean, what: string, key?: string): Promise<Call> {
  let last: Call | null = null;
  await pollUntil(
    async () => {
      last = (await h.api(`/api/v1/calls/${id}`, { key })).body as Call;
      return test(last);
    },
    { timeoutMs: 10_000, what: `call ${id} ${what}` },
  ).catch((err: Error) => {
    throw new Error(`${err.message}; the call is ${JSON.stringify(last)}`);
  });
  return last!;
}

export async function callEvents(h: AiHub, id: number): Promise<CallEvent[]> {
  return (await h.api(`/api/v1/calls/${id}/events`)).body.events as CallEvent[];
}

/** The tenant's `/api/v1/events` socket, collecting envelopes. */
export interface EventTap {
  events: EventEnvelope[];
  waitFor(test: (e: EventEnvelope['event']) => boolean, what: string): Promise<EventEnvelope['event']>;
  close(): void;
}

export async function tapEvents(h: AiHub, key = h.hub.apiKey): Promise<EventTap> {
  const events: EventEnvelope[] = [];
  const ws = new WebSocket(`${h.hub.url.replace(/^http/, 'ws')}/api/v1/events`, { headers: { authorization: `Bearer ${key}` } });
  ws.on('message', (data) => {
    const m = JSON.parse(String(data));
    if (m.event) events.push(m as EventEnvelope);
  });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  return {
    events,
    async waitFor(test, what) {
      let found: EventEnvelope | undefined;
      await pollUntil(() => (found = events.find((e) => test(e.event))) !== undefined, { timeoutMs: 10_000, what }).catch((err: Error) => {
        throw new Error(`${err.message}; events: ${events.map((e) => e.event.type).join(', ')}`);
      });
      return found!.event;
    },
    close: () => ws.close(),
  };
}

export interface ConsoleClient {
  call<T = Json>(method: string, arg?: unknown): Promise<T>;
  /** The status and JSON body of a failing call. */
  fail(method: string, arg?: unknown): Promise<{ status: number; body: Json }>;
}

/** Creates an agent with a console login in the key's tenant and signs in as it. */
export async function consoleAs(h: AiHub, role: 'agent' | 'supervisor' | 'admin', opts: { key?: string; tenant?: string; extension?: string; sipUri?: string } = {}): Promise<ConsoleClient> {
  const username = `${role}-${Math.random().toString(36).slice(2, 8)}`;
  const created = await h.api('/api/v1/agents', {
    key: opts.key,
    body: {
      name: `${role} ${username}`,
      role,
      login: { username, password: 'secret-pass' },
      ...(opts.extension ? { extension: opts.extension } : {}),
      ...(opts.sipUri ? { sip: { uri: opts.sipUri, password: 'sip-pass', ws_url: 'ws://127.0.0.1:9/' } } : {}),
    },
  });
  if (created.status !== 201) throw new Error(`agent: ${created.status} ${JSON.stringify(created.body)}`);
  const login = await fetch(`${h.hub.url}/console/rpc/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: 'secret-pass', ...(opts.tenant ? { tenant_id: opts.tenant } : {}) }),
  });
  if (login.status !== 200) throw new Error(`login: ${login.status} ${await login.text()}`);
  const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
  const raw = async (method: string, arg: unknown) => {
    const res = await fetch(`${h.hub.url}/console/rpc/${method}`, { method: 'POST', headers: { 'content-type': 'application/json', cookie }, body: JSON.stringify(arg ?? null) });
    return { status: res.status, body: await res.json() };
  };
  return {
    async call(method, arg) {
      const r = await raw(method, arg);
      if (r.status !== 200) throw new Error(`${method}: ${r.status} ${JSON.stringify(r.body)}`);
      return r.body;
    },
    fail: (method, arg) => raw(method, arg),
  };
}
