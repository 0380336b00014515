// A real hub with live transcription wired to the OpenAI emulator (OPENAI_BASE_URL /
// OPENAI_API_KEY, DESIGN §10), Kamailio as the PBX, a SIPp UAS as the far end, and a scripted
// console for agent alice whose calls give the lines segments are submitted on. Shared by the
// integration tests and tests/bench/transcript-latency.ts (plain Node: erasable TypeScript only).
import WebSocket from 'ws';
import type { EventEnvelope } from '../../../shared/contracts/domain-events.ts';
import type { CaptureLeg, SegmentSubmission } from '../../../shared/contracts/transcription-client.ts';
import type { LineState } from '../../../shared/sip/line-state.ts';
import { startHub, type Hub } from '../../support/hub.ts';
import { startKamailio, UAS_PORT, type Kamailio } from '../../support/kamailio.ts';
import { startOpenAiEmulator, type OpenAiEmulator } from '../../support/openai-emulator/index.ts';
import { openScriptedConsole, type ScriptedConsole } from '../../support/scripted-console.ts';
import { startSipp, type SippProcess } from '../../support/sipp.ts';

export interface Rig {
  emu: OpenAiEmulator;
  pbx: Kamailio;
  hub: Hub;
  /** Agent 1001, SIP user alice, signed in and registered. */
  alice: ScriptedConsole;
  api<T = Record<string, unknown>>(path: string, init?: { method?: string; body?: unknown }): Promise<{ status: number; body: T }>;
  /** Signs in the hub's console again after a restart. */
  reconnectAlice(): Promise<void>;
  dispose(): Promise<void>;
}

export const ALICE = { username: 'alice', password: 'alice-console' };

export async function startRig(opts: { streamGapMs?: number } = {}): Promise<Rig> {
  const emu = await startOpenAiEmulator({ streamGapMs: opts.streamGapMs ?? 5 });
  const pbx = await startKamailio();
  const hub = await startHub({ renderer: false, env: { OPENAI_BASE_URL: emu.baseURL, OPENAI_API_KEY: emu.apiKey } });
  const api: Rig['api'] = async <T,>(path: string, init: { method?: string; body?: unknown } = {}) => {
    const res = await fetch(`${hub.url}${path}`, {
      method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
      headers: { authorization: `Bearer ${hub.apiKey}`, ...(init.body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
    });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : null) as T };
  };
  const created = await api('/api/v1/agents', {
    body: { name: 'Alice Agent', extension: '1001', login: ALICE, sip: { uri: 'sip:alice@127.0.0.1', password: 'alicepw', ws_url: pbx.wsUrl } },
  });
  if (created.status !== 201) throw new Error(`agent alice: ${created.status} ${JSON.stringify(created.body)}`);
  const rig: Rig = {
    emu,
    pbx,
    hub,
    alice: await signIn(hub.url),
    api,
    async reconnectAlice() {
      rig.alice.close();
      rig.alice = await signIn(hub.url);
    },
    async dispose() {
      rig.alice?.close();
      await hub.dispose();
      await pbx.stop();
      await emu.close();
    },
  };
  return rig;
}

async function signIn(url: string): Promise<ScriptedConsole> {
  const alice = await openScriptedConsole(url, ALICE.username, ALICE.password);
  await alice.waitForSip('registered', 20_000);
  return alice;
}

export interface LiveCall {
  line: LineState;
  callId: number;
  /** The hub's answer time (ms since the epoch): capture times count from here. */
  answeredAtMs: number;
  uas: SippProcess;
  /** Alice hangs up; resolves once the far end has seen the BYE. */
  hangUp(): Promise<void>;
}

/** Alice calls the SIPp UAS through Kamailio; resolves once the call is up. */
export async function placeCall(rig: Rig): Promise<LiveCall> {
  const uas = startSipp({ scenario: 'uas_dialog.xml', localPort: UAS_PORT, timeoutMs: 300_000 });
  await uas.ready;
  const dialed = await rig.alice.call<LineState>('dial', { target: 'uas' });
  const line = await rig.alice.waitForLine((l) => l.line_id === dialed.line_id && l.state === 'talking');
  const call = await rig.api(`/api/v1/calls/sid/${line.call_sid}`);
  return {
    line,
    callId: call.body.id as number,
    answeredAtMs: Date.parse(line.answered_at!),
    uas,
    async hangUp() {
      await rig.alice.call('hangup', { line_id: line.line_id });
      await uas.done;
    },
  };
}

/** The submitSegment argument for `wav` captured `offsetMs` after the answer on `leg`. */
export function segmentOf(call: LiveCall, leg: CaptureLeg, key: string, offsetMs: number, wav: Buffer): SegmentSubmission {
  const durationMs = ((wav.length - 44) / 32_000) * 1000;
  return {
    line_id: call.line.line_id,
    call_sid: call.line.call_sid,
    leg,
    segment_key: key,
    started_at_ms: call.answeredAtMs + offsetMs,
    ended_at_ms: call.answeredAtMs + offsetMs + Math.round(durationMs),
    wav_base64: wav.toString('base64'),
  };
}

/** A socket of domain events (the API's `/api/v1/events` or a console's `/console/events`). */
export interface EventTap {
  readonly events: EventEnvelope[];
  /** performance.now() when each of `events` arrived. */
  readonly receivedAt: number[];
  /** The first event (already seen or still to come) that passes `test`. */
  waitFor<E extends EventEnvelope['event']>(test: (e: EventEnvelope['event']) => e is E, what: string, timeoutMs?: number): Promise<E>;
  waitFor(test: (e: EventEnvelope['event']) => boolean, what: string, timeoutMs?: number): Promise<EventEnvelope['event']>;
  close(): void;
}

export async function tapEvents(url: string, headers: Record<string, string>): Promise<EventTap> {
  const events: EventEnvelope[] = [];
  const receivedAt: number[] = [];
  const waiters = new Set<() => void>();
  const ws = new WebSocket(url, { headers });
  ws.on('message', (data) => {
    const m = JSON.parse(String(data));
    if (!m.event) return;
    events.push(m as EventEnvelope);
    receivedAt.push(performance.now());
    for (const w of [...waiters]) w();
  });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  return {
    events,
    receivedAt,
    waitFor(test: (e: EventEnvelope['event']) => boolean, what: string, timeoutMs = 20_000) {
      return new Promise<EventEnvelope['event']>((resolve, reject) => {
        const check = () => {
          const found = events.find((e) => test(e.event));
          if (!found) return false;
          waiters.delete(check);
          clearTimeout(timer);
          resolve(found.event);
          return true;
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`timed out waiting for ${what}; events: ${events.map((e) => e.event.type).join(', ')}`));
        }, timeoutMs);
        if (!check()) waiters.add(check);
      });
    },
    close: () => ws.close(),
  } as EventTap;
}

export const apiEvents = (rig: Rig) => tapEvents(`${rig.hub.url.replace(/^http/, 'ws')}/api/v1/events`, { authorization: `Bearer ${rig.hub.apiKey}` });
