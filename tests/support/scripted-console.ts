// A console driven by a test instead of a person: signs in over /console/rpc, follows
// /console/events, and holds the seat's media by answering the core's media requests with a
// plain RTP/AVP SDP (signalling tests; Chromium e2e tests use the real WebRTC renderer).
import WebSocket from 'ws';
import type { MediaReply, MediaRequest } from '../../shared/contracts/media-bridge.ts';
import type { LineState } from '../../shared/sip/line-state.ts';

export interface ScriptedConsole {
  lines: Map<string, LineState>;
  mediaLog: MediaRequest[];
  call<T = unknown>(method: string, arg?: unknown): Promise<T>;
  /** Resolves with the first line (now or later) that satisfies `test`. */
  waitForLine(test: (line: LineState) => boolean, timeoutMs?: number): Promise<LineState>;
  waitForSip(state: string, timeoutMs?: number): Promise<void>;
  close(): void;
}

export interface ScriptedConsoleOptions {
  /** Answer DTMF requests with sent:false, so the core falls back to SIP INFO. */
  dtmfUnsupported?: boolean;
}

let nextPort = 40_000;

function sdp(port: number, hold: boolean): string {
  return [
    'v=0',
    `o=- ${port} 1 IN IP4 127.0.0.1`,
    's=-',
    'c=IN IP4 127.0.0.1',
    't=0 0',
    `m=audio ${port} RTP/AVP 0 101`,
    'a=rtpmap:0 PCMU/8000',
    'a=rtpmap:101 telephone-event/8000',
    'a=fmtp:101 0-16',
    hold ? 'a=sendonly' : 'a=sendrecv',
    '',
  ].join('\r\n');
}

export async function openScriptedConsole(baseUrl: string, username: string, password: string, opts: ScriptedConsoleOptions = {}): Promise<ScriptedConsole> {
  const login = await fetch(`${baseUrl}/console/rpc/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
  if (login.status !== 200) throw new Error(`login as ${username} failed: ${login.status} ${await login.text()}`);
  const cookie = login.headers.get('set-cookie')!.split(';')[0]!;

  const call = async <T>(method: string, arg: unknown = null): Promise<T> => {
    const res = await fetch(`${baseUrl}/console/rpc/${method}`, { method: 'POST', headers: { 'content-type': 'application/json', cookie }, body: JSON.stringify(arg) });
    const body = await res.json();
    if (res.status !== 200) throw Object.assign(new Error(`${method}: ${res.status} ${body.message}`), { statusCode: res.status, body });
    return body as T;
  };

  const lines = new Map<string, LineState>();
  const mediaLog: MediaRequest[] = [];
  const linePorts = new Map<string, number>();
  let sipState = '';
  const waiters = new Set<() => void>();
  const changed = () => waiters.forEach((w) => w());

  const ws = new WebSocket(`${baseUrl.replace(/^http/, 'ws')}/console/events`, { headers: { cookie } });
  ws.on('message', (data) => {
    const m = JSON.parse(String(data));
    if (m.type === 'hello') sipState = m.status.sip.state;
    // A reply racing the hub's shutdown has nobody left to answer.
    else if (m.type === 'media.request') void answerMedia(m.request as MediaRequest).catch(() => undefined);
    else if (m.event?.type === 'line.updated') lines.set(m.event.line.line_id, m.event.line);
    else if (m.event?.type === 'status.changed') sipState = m.event.status.sip.state;
    changed();
  });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });

  async function answerMedia(req: MediaRequest): Promise<void> {
    mediaLog.push(req);
    let reply: MediaReply;
    switch (req.op) {
      case 'local': {
        const port = linePorts.get(req.line_id) ?? nextPort++;
        linePorts.set(req.line_id, port);
        reply = { request_id: req.request_id, ok: true, sdp: sdp(port, req.hold) };
        break;
      }
      case 'dtmf':
        reply = { request_id: req.request_id, ok: true, sent: !opts.dtmfUnsupported };
        break;
      default:
        reply = { request_id: req.request_id, ok: true };
    }
    await call('mediaReply', reply);
  }

  const waitUntil = (test: () => boolean, what: () => string, timeoutMs: number) =>
    new Promise<void>((resolve, reject) => {
      if (test()) return resolve();
      const check = () => {
        if (!test()) return;
        waiters.delete(check);
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(() => {
        waiters.delete(check);
        reject(new Error(`timed out waiting for ${what()}`));
      }, timeoutMs);
      waiters.add(check);
    });

  return {
    lines,
    mediaLog,
    call,
    async waitForLine(test, timeoutMs = 10_000) {
      const find = () => [...lines.values()].find(test);
      await waitUntil(() => find() !== undefined, () => `a line; lines are ${JSON.stringify([...lines.values()].map((l) => [l.state, l.end_reason, l.sip_code]))}`, timeoutMs);
      return find()!;
    },
    waitForSip: (state, timeoutMs = 10_000) => waitUntil(() => sipState === state, () => `SIP state ${state} (is ${sipState})`, timeoutMs),
    close: () => ws.close(),
  };
}
