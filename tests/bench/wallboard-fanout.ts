// node tests/bench/wallboard-fanout.ts [--calls N] [--consoles N] [--rate N] [--seconds N]
//   (`npm run bench:wallboard`; also run by `npm run bench`)
//
// Wallboard fan-out: --calls (200) live calls on a hub, --consoles (50) signed-in consoles on
// their event sockets (/console/events: supervisors watching the wallboard). An integrator
// updates the calls over the API at --rate (100) updates/s for --seconds (10, after 2 s of
// warm-up), and puts a call in the queue and takes it out again 10 times a second. Measured per
// console: from the API request leaving this process to the event (call.updated / queue.entry)
// arriving on that console's socket. Goal: p95 ≤ 30 ms.
//   baseline: a bare node:http + `ws` server (broadcast-server.ts) is POSTed every message the
//             hub delivered to a console (all of them, not only the measured ones), at the
//             moments the hub delivered them, and fans each out to the same number of sockets;
//             the measured ones are timed from their POST.
// The sockets are read in worker threads (console-sockets.ts) so the load generator is not the
// bottleneck. BENCH_HUB_NODE_OPTIONS (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof") goes to the
// hub's Node. Re-executes itself in a private network namespace (loopback only).
import { request } from 'node:http';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { spawnUntilHealthy, startHub, type Hub } from '../support/hub.ts';
import { freePort, repoRoot, sleep, terminate } from '../support/proc.ts';
import { ensurePrivateNetns } from './netns-exec.ts';
import { measured, type SocketSpec, type WorkerInput, type WorkerMessage } from './wallboard-fanout/console-sockets.ts';
import { intArg, percentile } from './bench-args.ts';

await ensurePrivateNetns();

const CALLS = intArg('--calls', 200);
const CONSOLES = intArg('--consoles', 50);
const RATE = intArg('--rate', 100);
const SECONDS = intArg('--seconds', 10);
const WARMUP_S = 2;
const QUEUE_RATE = 10;
const GOAL_P95_MS = 30;
const WORKERS = 2;
/** Console sign-ins are limited per client address (20/min): spread them over loopback addresses. */
const LOGINS_PER_ADDRESS = 15;

const fmt = (n: number, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : '—');
const localAddress = (i: number) => `127.0.0.${2 + Math.floor(i / LOGINS_PER_ADDRESS)}`;
/** Epoch ms with sub-ms precision: the same clock in the worker threads. */
const now = () => performance.timeOrigin + performance.now();

/** One measured kind of message: when each was sent, and each console's delay to it. */
class Probe {
  readonly sentAt = new Map<number, number>();
  readonly delays: number[] = [];
  received = 0;
  measuredFrom = 0;

  arrived(seq: number, at: number): void {
    const sent = this.sentAt.get(seq);
    if (sent === undefined) return;
    this.received++;
    if (seq >= this.measuredFrom) this.delays.push(at - sent);
  }
}

/** Every message one console got, with when (epoch ms): what the baseline replays. */
type Recording = { at: number; text: string }[];

/** The consoles' sockets, spread over worker threads, feeding the probes. */
class Consoles {
  readonly probes = { calls: new Probe(), queue: new Probe() };
  private readonly workers: Worker[] = [];
  private recording: Recording = [];
  private done: Promise<void>[] = [];

  static async open(specs: SocketSpec[]): Promise<Consoles> {
    const c = new Consoles();
    const per = Math.ceil(specs.length / WORKERS);
    const opened: Promise<void>[] = [];
    for (let w = 0; w < WORKERS; w++) {
      const input: WorkerInput = { sockets: specs.slice(w * per, (w + 1) * per), record: w === 0 };
      if (input.sockets.length === 0) continue;
      const worker = new Worker(new URL('./wallboard-fanout/console-sockets.ts', import.meta.url), { workerData: input });
      c.workers.push(worker);
      opened.push(
        new Promise((resolve, reject) => {
          worker.on('message', (m: WorkerMessage) => {
            if (m.type === 'open') resolve();
            else if (m.type === 'error') reject(new Error(m.message));
            else if (m.type === 'arrivals') for (const [probe, seq, at] of m.arrivals) c.probes[probe].arrived(seq, at);
            else if (m.type === 'recording') c.recording = m.messages;
          });
          worker.once('error', reject);
        }),
      );
      c.done.push(new Promise((resolve) => worker.once('exit', () => resolve())));
    }
    await Promise.all(opened);
    return c;
  }

  record(): void {
    for (const w of this.workers) w.postMessage({ type: 'record' });
  }

  /** Stops reading; resolves with what the first socket recorded. */
  async stop(): Promise<Recording> {
    for (const w of this.workers) w.postMessage({ type: 'stop' });
    await Promise.all(this.done);
    return this.recording;
  }
}

function loginFrom(hub: Hub, address: string, username: string, password: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const body = JSON.stringify({ username, password });
    const req = request(`${hub.url}/console/rpc/login`, { method: 'POST', localAddress: address, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (res) => {
      res.resume();
      if (res.statusCode !== 200) return reject(new Error(`login ${username} from ${address}: ${res.statusCode}`));
      resolve(String(res.headers['set-cookie']?.[0] ?? '').split(';')[0]!);
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** Runs `send(seq)` at `rate` per second for `seconds`, not waiting for answers (a steady pace). */
async function paced(rate: number, seconds: number, send: (seq: number) => void): Promise<void> {
  const total = rate * seconds;
  const t0 = performance.now();
  for (let seq = 0; seq < total; seq++) {
    const wait = t0 + (seq * 1000) / rate - performance.now();
    if (wait > 1) await sleep(wait);
    send(seq);
  }
}

interface Result {
  calls: Probe;
  queue: Probe;
  callsSent: number;
  queueSent: number;
  recording: Recording;
}

async function runHub(): Promise<Result> {
  const hub = await startHub({ renderer: false, env: process.env.BENCH_HUB_NODE_OPTIONS ? { NODE_OPTIONS: process.env.BENCH_HUB_NODE_OPTIONS } : {} });
  let consoles: Consoles | null = null;
  try {
    const admin = (path: string, method: string, body?: unknown, key = hub.apiKey) =>
      fetch(`${hub.url}${path}`, { method, headers: { authorization: `Bearer ${key}`, ...(body ? { 'content-type': 'application/json' } : {}) }, ...(body ? { body: JSON.stringify(body) } : {}) });
    const keyRes = await admin('/api/v1/keys', 'POST', { name: 'bench integrator', scopes: ['write'], rate_limit_per_minute: 100_000 });
    const key = ((await keyRes.json()) as { key: string }).key;
    const api = (path: string, method: string, body?: unknown) => admin(path, method, body, key);

    const specs: SocketSpec[] = [];
    for (let i = 0; i < CONSOLES; i++) {
      const res = await admin('/api/v1/agents', 'POST', { name: `Wall ${i + 1}`, role: 'supervisor', login: { username: `wall${i}`, password: 'wall-console-pw' } });
      if (res.status !== 201) throw new Error(`agent ${i}: ${res.status} ${await res.text()}`);
      const cookie = await loginFrom(hub, localAddress(i), `wall${i}`, 'wall-console-pw');
      specs.push({ url: `${hub.url.replace(/^http/, 'ws')}/console/events`, headers: { cookie }, localAddress: localAddress(i) });
    }
    const ids: number[] = [];
    for (let i = 0; i < CALLS; i++) {
      const res = await api('/api/v1/calls', 'POST', { direction: 'inbound', from_number: `+1555${String(i).padStart(7, '0')}`, to_number: '100', status: 'in-progress', handled_by: i % 3 === 0 ? 'ai_agent' : 'human' });
      ids.push(((await res.json()) as { id: number }).id);
    }

    consoles = await Consoles.open(specs);
    const { probes } = consoles;
    await sleep(500);
    consoles.record();
    probes.calls.measuredFrom = RATE * WARMUP_S;
    probes.queue.measuredFrom = QUEUE_RATE * WARMUP_S;
    const inFlight: Promise<unknown>[] = [];
    const updates = paced(RATE, SECONDS + WARMUP_S, (seq) => {
      probes.calls.sentAt.set(seq, now());
      inFlight.push(api(`/api/v1/calls/${ids[seq % CALLS]}`, 'PATCH', { metadata: { bench_seq: seq } }).then((r) => r.arrayBuffer()));
    });
    const queueChurn = paced(QUEUE_RATE, SECONDS + WARMUP_S, (seq) => {
      probes.queue.sentAt.set(seq, now());
      inFlight.push(
        api('/api/v1/queue', 'POST', { from_number: '+15550000000', to_number: '100', metadata: { bench_q: seq } })
          .then((r) => r.json() as Promise<{ id: number }>)
          .then((e) => api(`/api/v1/queue/${e.id}`, 'DELETE'))
          .then((r) => r.arrayBuffer()),
      );
    });
    await Promise.all([updates, queueChurn]);
    await Promise.all(inFlight);
    await sleep(1000);
    const recording = await consoles.stop();
    consoles = null;
    return { ...probes, callsSent: probes.calls.sentAt.size, queueSent: probes.queue.sentAt.size, recording };
  } finally {
    await consoles?.stop();
    await hub.dispose();
  }
}

/** The hub's messages replayed at the moments it delivered them, through the bare broadcast server, to as many sockets. */
async function runBaseline(hubRun: Result): Promise<Result> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const server = await spawnUntilHealthy([join(repoRoot, 'tests', 'bench', 'wallboard-fanout', 'broadcast-server.ts'), '--port', String(port)], `${url}/health`, { what: 'broadcast baseline' });
  let consoles: Consoles | null = null;
  try {
    consoles = await Consoles.open(Array.from({ length: CONSOLES }, (_, i) => ({ url: `ws://127.0.0.1:${port}/events`, headers: {}, localAddress: localAddress(i) })));
    const { probes } = consoles;
    await sleep(500);
    probes.calls.measuredFrom = hubRun.calls.measuredFrom;
    probes.queue.measuredFrom = hubRun.queue.measuredFrom;
    const inFlight: Promise<unknown>[] = [];
    const messages = hubRun.recording;
    const shift = now() - (messages[0]?.at ?? 0);
    for (let i = 0; i < messages.length; ) {
      const wait = messages[i]!.at + shift - now();
      if (wait > 1) await sleep(wait);
      // Everything due by now goes in one POST.
      const due = now() - shift + 1;
      const batch: string[] = [];
      for (; i < messages.length && messages[i]!.at <= due; i++) batch.push(messages[i]!.text);
      const sentAt = now();
      for (const text of batch) {
        const m = measured(text);
        if (m) probes[m.probe].sentAt.set(m.seq, sentAt);
      }
      inFlight.push(fetch(`${url}/broadcast`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(batch) }).then((r) => r.arrayBuffer()));
    }
    await Promise.all(inFlight);
    await sleep(1000);
    await consoles.stop();
    consoles = null;
    return { ...probes, callsSent: probes.calls.sentAt.size, queueSent: probes.queue.sentAt.size, recording: [] };
  } finally {
    await consoles?.stop();
    await terminate(server.child, { graceMs: 5000 });
  }
}

function printTable(rows: string[][]): void {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  rows.forEach((r, i) => {
    console.log(r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  '));
    if (i === 0) console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  });
}

async function main(): Promise<void> {
  console.log(
    `wallboard fan-out: ${CALLS} live calls, ${CONSOLES} consoles, ${RATE} call updates/s and ${QUEUE_RATE} queue entries/s for ${SECONDS} s (+${WARMUP_S} s warm-up); ` +
      `node ${process.version}, ${cpus().length} CPUs, load average ${loadavg()[0]!.toFixed(1)}`,
  );
  const hub = await runHub();
  const base = await runBaseline(hub);
  const row = (label: string, b: number[], e: number[]) => {
    const [b50, b95, e50, e95] = [percentile(b, 50), percentile(b, 95), percentile(e, 50), percentile(e, 95)];
    return [label, `${fmt(b50)} / ${fmt(b95)}`, `${fmt(e50)} / ${fmt(e95)}`, `${fmt(e50 / b50, 2)} / ${fmt(e95 / b95, 2)}`, fmt(percentile(e, 99))];
  };
  console.log('');
  printTable([
    ['delivery to every console (ms)', 'baseline p50 / p95', 'earshot p50 / p95', 'earshot/baseline p50 / p95', 'earshot p99'],
    row('call update (API PATCH → call.updated)', base.calls.delays, hub.calls.delays),
    row('queue entry (API POST → queue.entry)', base.queue.delays, hub.queue.delays),
  ]);
  console.log('');
  const expected = (sent: number) => sent * CONSOLES;
  console.log(
    `deliveries: earshot ${hub.calls.received}/${expected(hub.callsSent)} call updates, ${hub.queue.received}/${expected(hub.queueSent)} queue entries ` +
      `(${hub.recording.length} messages per console in all); baseline ${base.calls.received}/${expected(base.callsSent)}, ${base.queue.received}/${expected(base.queueSent)}`,
  );
  const worst = Math.max(percentile(hub.calls.delays, 95), percentile(hub.queue.delays, 95));
  console.log(`earshot p95 (worst of the two): ${fmt(worst)} ms — goal ≤ ${GOAL_P95_MS} ms: ${worst <= GOAL_P95_MS ? 'met' : 'NOT met'}; load average now ${loadavg()[0]!.toFixed(1)}`);
  if (hub.calls.received < expected(hub.callsSent) || hub.queue.received < expected(hub.queueSent)) {
    console.log('some events never reached a console');
    process.exitCode = 1;
  }
}

try {
  await main();
} catch (err) {
  console.error((err as Error).stack ?? String(err));
  process.exitCode = 1;
}
