// node tests/bench/sip-calls.ts [--seats N] [--latency-calls N] [--steps 20,50,100,150,200,250,300] [--step-seconds N]
//
// Inbound SIP calls into Earshot headless seats beside baresip (the baseline), both registered
// with the same Kamailio (tests/fixtures/kamailio) and called by SIPp over UDP through it, in one
// run. Re-executes itself inside a private network namespace (tests/bench/netns-exec.ts): only
// loopback, fixed ports, bounded in count and time (~2 min; 6 min watchdog), stops by itself.
//
//   Earshot: a hub (tests/support/hub.ts, --no-renderer) with N agents carol1..carolN created
//            through POST /api/v1/agents with sip.media 'headless' and max_concurrent_calls 50
//            (the API's maximum: 51 lines per seat); each seat registers over WebSocket and
//            auto-answers with RTP in the core (G.711 silence, 50 packets/s per call).
//   baseline: one baresip 1.0.0 process (tests/fixtures/baresip) with N auto-answering accounts
//            bob1..bobN registered over UDP; signalling only (no audio modules: it sends no RTP).
//
// 1. Call setup latency: tests/fixtures/sipp/uac_timed.xml into ONE seat (carol1 / bob1), 10
//    calls/s, 200 ms calls, the first 10 calls discarded as warm-up. INVITE → 180 and INVITE →
//    200 per call, p50/p95. The scenario carries SIPp rtd markers (ringing/answered/bye, shown on
//    SIPp's screen) but SIPp's rtd values and -trace_rtt CSV come in 4 ms steps here, too coarse
//    for 1–5 ms setups on loopback; the figures are computed instead from SIPp's
//    -trace_shortmsg log (gettimeofday, µs) per Call-ID: INVITE sent → first 180 / 200 received.
// 2. Sustained rate: 1 s calls at each step's calls/s for --step-seconds, spread round-robin over
//    the N users of each side (SIPp -inf CSV, SEQUENTIAL), -buff_size 4194304. Steps alternate
//    baresip / Earshot; a side stops stepping once more than 1 % of a step's calls fail. Reports
//    the highest rate with ≤ 1 % failures, per-step setup p95, UDP receive-buffer drops in the
//    namespace (nstat UdpRcvbufErrors), RSS (VmRSS before / after, VmHWM peak) and CPU per call.
//    Why N seats: one seat holds max(2, max_concurrent_calls + 1) = 51 lines, and 1 s calls at
//    R calls/s keep ~R × (1 s + setup time) calls up; N = 8 gives 408 lines (a seat beyond its
//    lines answers 486 Busy Here, counted as failures). baresip gets the same N accounts (one UA
//    caps at 255 calls) so both sides see the same call spread.
//    A stricter second reading also asks INVITE → 200 p95 ≤ 100 ms and SIPp placing ≥ 95 % of
//    the asked rate: past saturation calls still succeed but slowly, and SIPp (same 2 CPUs) lags.
// Exit code 1 if the bench could not run (a side never registered, a tool failed); failures under
// load are results, printed with the reasons SIPp saw and the logs' tails.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensurePrivateNetns } from './netns-exec.ts';
import { startHub, type Hub } from '../support/hub.ts';
import { startKamailio, type Kamailio, type SipUser } from '../support/kamailio.ts';
import { boundPorts, fixturePath, isRunning, OutputTail, pollUntil, sleep, terminate, trackChild } from '../support/proc.ts';
import { runSipp, type SippResult } from '../support/sipp.ts';
import { toolPath } from '../support/tools.ts';

await ensurePrivateNetns();

function intArg(name: string, fallback: number): number {
  const i = process.argv.indexOf(name);
  const v = i >= 0 ? Number(process.argv[i + 1]) : NaN;
  return Number.isInteger(v) && v > 0 ? v : fallback;
}

function listArg(name: string, fallback: number[]): number[] {
  const i = process.argv.indexOf(name);
  if (i < 0) return fallback;
  const v = (process.argv[i + 1] ?? '').split(',').map(Number);
  return v.length > 0 && v.every((n) => Number.isInteger(n) && n > 0) ? v : fallback;
}

const SEATS = Math.min(intArg('--seats', 8), 20);
const LATENCY_CALLS = Math.min(intArg('--latency-calls', 60), 500);
const LATENCY_WARMUP = 10;
const LATENCY_RATE = 10;
const LATENCY_CALL_MS = 200;
const STEPS = listArg('--steps', [20, 50, 100, 150, 200, 250, 300]).filter((r) => r <= 400);
const STEP_SECONDS = Math.min(intArg('--step-seconds', 5), 20);
const LOAD_CALL_MS = 1000;
/** `--soak 0` skips the memory soak. */
const SOAK_CALLS = Math.min(intArg('--soak', 10_000), 50_000);
const SOAK_RATE = 200;
const SOAK_CALL_MS = 200;
const FAIL_LIMIT_PCT = 1;
/** Stricter reading of the steps (not saturated): also INVITE → 200 p95 within this, and SIPp
 *  managed to place ≥ PLACED_MIN_PCT of the asked rate (the side's CPU use starves SIPp too). */
const P95_LIMIT_MS = 100;
const PLACED_MIN_PCT = 95;
const SIPP_BUFF = '4194304';
const REMOTE = '127.0.0.1:5060';
const BARESIP_PORT = 5092;
/** Whole-run watchdog: whatever happens, the bench ends (children are killed on exit). */
const WATCHDOG_MS = 7 * 60_000;

type Side = 'baresip' | 'earshot';
const SIDES: Side[] = ['baresip', 'earshot'];
const LABEL: Record<Side, string> = { baresip: 'baresip', earshot: 'Earshot' };

const users: Record<Side, SipUser[]> = {
  baresip: Array.from({ length: SEATS }, (_, i) => ({ username: `bob${i + 1}`, password: `bob${i + 1}pw` })),
  earshot: Array.from({ length: SEATS }, (_, i) => ({ username: `carol${i + 1}`, password: `carol${i + 1}pw` })),
};

// ---------------------------------------------------------------------------------------------
// small helpers

function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

const fmt = (n: number, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : '—');
const pair = (v: number[], digits = 2) => `${fmt(percentile(v, 50), digits)} / ${fmt(percentile(v, 95), digits)}`;
const ratioPair = (a: number[], b: number[]) =>
  `${fmt(percentile(a, 50) / percentile(b, 50), 2)} / ${fmt(percentile(a, 95) / percentile(b, 95), 2)}`;

function procStatus(pid: number): { rssMiB: number; hwmMiB: number } {
  const text = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+)\\s+kB`, 'm').exec(text)?.[1] ?? NaN);
  return { rssMiB: kib('VmRSS') / 1024, hwmMiB: kib('VmHWM') / 1024 };
}

/** utime + stime of a process in ms (USER_HZ = 100 on Linux). */
function cpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10; // fields 14 and 15 of stat(5)
}

/** Receive-buffer drops per local UDP port in this namespace (/proc/net/udp, last column). */
function udpDropsByPort(): Map<number, number> {
  const drops = new Map<number, number>();
  for (const line of readFileSync('/proc/net/udp', 'utf8').split('\n').slice(1)) {
    const cols = line.trim().split(/\s+/);
    if (cols.length < 13) continue;
    const port = parseInt(cols[1]!.slice(cols[1]!.indexOf(':') + 1), 16);
    drops.set(port, (drops.get(port) ?? 0) + Number(cols.at(-1)));
  }
  return drops;
}

/**
 * Samples per-socket UDP drops while a SIPp run goes on (SIPp's own socket only exists during the
 * run). SIP = Kamailio :5060, baresip :5092 and SIPp's SIP port; anything else is RTP (e.g. the
 * headless seats' audio arriving at SIPp's media port, which SIPp binds but never reads).
 */
function dropSampler(sipPorts: number[]): { stop(): { sip: number; rtp: number } } {
  const base = udpDropsByPort();
  const peak = new Map<number, number>();
  const sample = () => {
    for (const [port, n] of udpDropsByPort()) peak.set(port, Math.max(peak.get(port) ?? 0, n - (base.get(port) ?? 0)));
  };
  const timer = setInterval(sample, 100);
  return {
    stop() {
      clearInterval(timer);
      sample();
      let sip = 0;
      let rtp = 0;
      for (const [port, n] of peak) if (sipPorts.includes(port)) sip += n; else rtp += n;
      return { sip, rtp };
    },
  };
}

function printTable(rows: string[][]): void {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length)));
  rows.forEach((r, i) => {
    console.log(r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  '));
    if (i === 0) console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  });
}

function indent(text: string, prefix = '    '): string {
  return text
    .split('\n')
    .map((l) => prefix + l)
    .join('\n');
}

/**
 * A log tail folded by shape: lines that differ only in numbers / ids are counted once
 * (e.g. 300 × "received unexpected ACK request"), most frequent first, one example each.
 */
function foldLog(text: string, top = 8): string {
  const groups = new Map<string, { n: number; example: string }>();
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    const shape = line.replace(/[0-9a-z]*\d[0-9a-z@.:_-]*/gi, '#');
    const g = groups.get(shape);
    if (g) g.n++;
    else groups.set(shape, { n: 1, example: line.slice(0, 220) });
  }
  return [...groups.values()]
    .sort((a, b) => b.n - a.n)
    .slice(0, top)
    .map((g) => `${String(g.n).padStart(5)} × ${g.example}`)
    .join('\n');
}

/** Inbound call records in the hub by status (GET /api/v1/calls …&limit=1 → total). */
async function hubCallCounts(hub: Hub): Promise<string> {
  const out: string[] = [];
  for (const status of ['completed', 'busy', 'failed', 'no-answer', 'canceled', 'ringing', 'in-progress']) {
    const res = await fetch(`${hub.url}/api/v1/calls?direction=inbound&status=${status}&limit=1`, { headers: { authorization: `Bearer ${hub.apiKey}` } });
    const body = (await res.json()) as { total?: number };
    if (res.status !== 200) return `GET /api/v1/calls: ${res.status} ${JSON.stringify(body).slice(0, 200)}`;
    if (body.total) out.push(`${status} ${body.total}`);
  }
  return out.join(', ') || 'none';
}

// ---------------------------------------------------------------------------------------------
// SIPp runs

let runDir = '';
let nextSippPort = 5100;
/** Calls SIPp created per side (probes, latency, load): to compare with the hub's call records. */
const placed: Record<Side, number> = { baresip: 0, earshot: 0 };

/** uac_timed.xml as is ([service] from -s) or with the callee from an -inf CSV ([field0]). */
function scenarioFile(injected: boolean): string {
  if (!injected) return fixturePath('sipp', 'uac_timed.xml');
  const path = join(runDir, 'uac_timed_inf.xml');
  writeFileSync(path, readFileSync(fixturePath('sipp', 'uac_timed.xml'), 'utf8').replaceAll('[service]', '[field0]'));
  return path;
}

function usersCsv(side: Side): string {
  const path = join(runDir, `${side}-users.csv`);
  writeFileSync(path, ['SEQUENTIAL', ...users[side].map((u) => `${u.username};`), ''].join('\n'));
  return path;
}

interface CallTiming {
  callNo: number;
  ringingMs?: number;
  answeredMs?: number;
}

/** Per Call-ID from SIPp's -trace_shortmsg log: INVITE sent → first 180 / first 200 (INVITE) received. */
function parseShortMessages(path: string): CallTiming[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return [];
  }
  const calls = new Map<string, { callNo: number; invite?: number; ringing?: number; answered?: number }>();
  for (const line of text.split('\n')) {
    const cols = line.split('\t');
    if (cols.length < 7) continue;
    const [, , epoch, dir, callId, cseq, first] = cols as [string, string, string, string, string, string, string];
    if (!cseq.includes('INVITE')) continue;
    const [sec, frac = '0'] = epoch.split('.');
    const us = Number(sec) * 1e6 + Number(frac.padEnd(6, '0').slice(0, 6));
    let c = calls.get(callId);
    if (!c) calls.set(callId, (c = { callNo: parseInt(callId, 10) }));
    if (dir === 'S' && first.startsWith('INVITE ')) c.invite ??= us;
    else if (dir === 'R' && first.startsWith('SIP/2.0 180')) c.ringing ??= us;
    else if (dir === 'R' && first.startsWith('SIP/2.0 200')) c.answered ??= us;
  }
  return [...calls.values()]
    .filter((c) => c.invite !== undefined)
    .map((c) => ({
      callNo: c.callNo,
      ringingMs: c.ringing !== undefined ? (c.ringing - c.invite!) / 1000 : undefined,
      answeredMs: c.answered !== undefined ? (c.answered - c.invite!) / 1000 : undefined,
    }))
    .sort((a, b) => a.callNo - b.callNo);
}

/** "received 'SIP/2.0 486 Busy Here'" / "timeout" counts from SIPp's error log. */
function failureReasons(r: SippResult): string {
  const counts = new Map<string, number>();
  const add = (k: string) => counts.set(k, (counts.get(k) ?? 0) + 1);
  for (const m of r.errors.matchAll(/received '(SIP\/2\.0 \d{3}[^\r\n']*)/g)) add(m[1]!.trim());
  for (const _ of r.errors.matchAll(/timeout/gi)) add('timeout');
  for (const _ of r.errors.matchAll(/Max number of retransmissions|retransmission/gi)) add('max retransmissions');
  if (counts.size === 0 && r.errors.trim()) add(r.errors.trim().split('\n').at(-1)!.slice(0, 160));
  return [...counts.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 5)
    .map(([k, n]) => `${n}× ${k}`)
    .join('; ');
}

interface TimedRun {
  result: SippResult;
  timings: CallTiming[];
}

async function sippTimed(opts: {
  side: Side;
  service?: string;
  calls: number;
  rate: number;
  callLengthMs: number;
  timeoutMs: number;
  port?: number;
}): Promise<TimedRun> {
  const port = opts.port ?? nextSippPort++;
  const shortLog = join(runDir, `sipp-${port}-short.log`);
  const inf = opts.service === undefined;
  const result = await runSipp({
    scenario: scenarioFile(inf),
    remote: REMOTE,
    service: opts.service,
    localPort: port,
    calls: opts.calls,
    rate: opts.rate,
    callLengthMs: opts.callLengthMs,
    timeoutMs: opts.timeoutMs,
    args: [
      ...(inf ? ['-inf', usersCsv(opts.side)] : []),
      '-recv_timeout', '5000',
      '-timer_resol', '1',
      '-buff_size', SIPP_BUFF,
      '-trace_shortmsg', '-shortmessage_file', shortLog,
    ],
  });
  placed[opts.side] += result.stats.created;
  return { result, timings: parseShortMessages(shortLog) };
}

/** One call per user until each has answered once (registration done), within `timeoutMs`. */
async function waitRegistered(side: Side, timeoutMs: number): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  for (const u of users[side]) {
    let last: SippResult | undefined;
    for (;;) {
      // rate 100: with -r 1 SIPp would take ~1 s per one-call run.
      const r = await sippTimed({ side, service: u.username, calls: 1, rate: 100, callLengthMs: 10, timeoutMs: 4000 });
      last = r.result;
      if (last.stats.successful === 1) break;
      if (performance.now() > deadline) {
        throw new Error(`${LABEL[side]}: ${u.username} did not answer a call within ${timeoutMs} ms (not registered?)\n${failureReasons(last)}\n${last.errors.slice(-1500)}`);
      }
      await sleep(200);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// the two sides

interface Target {
  side: Side;
  pid: number;
  logTail(lines?: number): string;
  alive(): boolean;
}

async function startBaresip(): Promise<{ child: ChildProcess; output: OutputTail; stop(): Promise<void> }> {
  const dir = join(runDir, 'baresip');
  mkdirSync(dir);
  writeFileSync(join(dir, 'config'), readFileSync(fixturePath('baresip', 'config'), 'utf8'));
  const template = readFileSync(fixturePath('baresip', 'accounts'), 'utf8')
    .split('\n')
    .find((l) => l.startsWith('<sip:'));
  if (!template) throw new Error('tests/fixtures/baresip/accounts has no account line');
  const accounts = users.baresip.map((u) => template.replace('sip:bob@', `sip:${u.username}@`).replace('auth_pass=bobpw', `auth_pass=${u.password}`));
  writeFileSync(join(dir, 'accounts'), `${accounts.join('\n')}\n`);

  const output = new OutputTail();
  // -n takes an IP address, not an interface name (testbed pitfall 10).
  const child = spawn(toolPath('baresip'), ['-f', dir, '-n', '127.0.0.1'], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  trackChild(child);
  child.stdout?.on('data', (d: Buffer) => output.push(d));
  child.stderr?.on('data', (d: Buffer) => output.push(d));
  await pollUntil(() => boundPorts('udp').has(BARESIP_PORT), {
    timeoutMs: 5000,
    what: `baresip on :${BARESIP_PORT}`,
    abort: () => (isRunning(child) ? undefined : `exited early (${child.exitCode ?? child.signalCode})\n${output.lines()}`),
  });
  return {
    child,
    output,
    async stop() {
      // Wait for the exit itself: a new baresip must not start while this one holds the port.
      await terminate(child, { graceMs: 5000 });
    },
  };
}

async function createSeats(hub: Hub, pbx: Kamailio): Promise<void> {
  for (const [i, u] of users.earshot.entries()) {
    const res = await fetch(`${hub.url}/api/v1/agents`, {
      method: 'POST',
      headers: { authorization: `Bearer ${hub.apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        name: `Bench seat ${i + 1}`,
        extension: String(3101 + i),
        max_concurrent_calls: 50,
        sip: { uri: `sip:${u.username}@127.0.0.1`, password: u.password, ws_url: pbx.wsUrl, media: 'headless' },
      }),
    });
    if (res.status !== 201) throw new Error(`POST /api/v1/agents (${u.username}): ${res.status} ${await res.text()}`);
    await res.arrayBuffer().catch(() => undefined);
  }
}

// ---------------------------------------------------------------------------------------------
// measurements

interface Latency {
  ringing: number[];
  answered: number[];
  calls: number;
  successful: number;
  failed: number;
  reasons: string;
}

async function measureLatency(side: Side): Promise<Latency> {
  const total = LATENCY_CALLS + LATENCY_WARMUP;
  const { result, timings } = await sippTimed({
    side,
    service: users[side][0]!.username,
    calls: total,
    rate: LATENCY_RATE,
    callLengthMs: LATENCY_CALL_MS,
    timeoutMs: Math.ceil(total / LATENCY_RATE) * 1000 + 15_000,
  });
  const measured = timings.filter((t) => t.callNo > LATENCY_WARMUP);
  return {
    ringing: measured.flatMap((t) => (t.ringingMs !== undefined ? [t.ringingMs] : [])),
    answered: measured.flatMap((t) => (t.answeredMs !== undefined ? [t.answeredMs] : [])),
    calls: measured.length,
    successful: result.stats.successful,
    failed: result.stats.failed,
    reasons: failureReasons(result),
  };
}

interface Step {
  rate: number;
  created: number;
  successful: number;
  failed: number;
  failPct: number;
  achievedCps: number;
  answeredMs: number[];
  /** Receive-buffer drops on SIP sockets (Kamailio, baresip, SIPp) / on other (RTP) sockets. */
  sipDrops: number;
  rtpDrops: number;
  reasons: string;
  errorsTail: string;
  stdoutTail: string;
}

async function runStep(side: Side, rate: number): Promise<Step> {
  const calls = rate * STEP_SECONDS;
  const port = nextSippPort++;
  const sampler = dropSampler([5060, BARESIP_PORT, port]);
  const { result, timings } = await sippTimed({
    side,
    port,
    calls,
    rate,
    callLengthMs: LOAD_CALL_MS,
    timeoutMs: STEP_SECONDS * 1000 + LOAD_CALL_MS + 20_000,
  });
  const created = result.stats.created;
  const failed = result.stats.failed + Math.max(0, calls - created); // never placed counts as failed too
  return {
    rate,
    created,
    successful: result.stats.successful,
    failed,
    failPct: (100 * failed) / calls,
    achievedCps: created / Math.max(0.001, (result.durationMs - LOAD_CALL_MS) / 1000),
    answeredMs: timings.flatMap((t) => (t.answeredMs !== undefined ? [t.answeredMs] : [])),
    ...((d) => ({ sipDrops: d.sip, rtpDrops: d.rtp }))(sampler.stop()),
    reasons: failureReasons(result),
    errorsTail: result.errors.split('\n').slice(-8).join('\n'),
    stdoutTail: result.stdout.split('\n').slice(-30).join('\n'),
  };
}

/**
 * Memory after many calls vs after a few: 100 calls, then SOAK_CALLS more at a steady rate,
 * RSS and peak (VmHWM) of the hub after each, with a pause for the last calls to end.
 */
async function soak(pid: number): Promise<void> {
  const run = (calls: number) =>
    sippTimed({ side: 'earshot', calls, rate: SOAK_RATE, callLengthMs: SOAK_CALL_MS, timeoutMs: (calls / SOAK_RATE) * 1000 + 30_000 });
  const first = await run(100);
  await sleep(3000);
  const after100 = procStatus(pid);
  const many = await run(SOAK_CALLS);
  await sleep(3000);
  const afterMany = procStatus(pid);
  // SIP keeps finished INVITE transactions ~32 s (RFC 6026 Timer L): read again once they are gone.
  await sleep(35_000);
  const settled = procStatus(pid);
  const failed = first.result.stats.failed + many.result.stats.failed;
  console.log(`\nsoak (Earshot, ${SOAK_RATE} calls/s, ${SOAK_CALL_MS} ms calls): ${100 + SOAK_CALLS} calls, ${failed} failed`);
  printTable([
    ['hub memory (MiB)', 'after 100 calls', `after ${100 + SOAK_CALLS} calls`, '38 s later', 'growth (settled)'],
    ['RSS', fmt(after100.rssMiB), fmt(afterMany.rssMiB), fmt(settled.rssMiB), fmt(settled.rssMiB - after100.rssMiB)],
    ['peak RSS (VmHWM)', fmt(after100.hwmMiB), fmt(afterMany.hwmMiB), fmt(settled.hwmMiB), fmt(settled.hwmMiB - after100.hwmMiB)],
  ]);
}

// ---------------------------------------------------------------------------------------------

async function main(): Promise<number> {
  const t0 = performance.now();
  runDir = mkdtempSync(join(tmpdir(), 'earshot-bench-sip-'));
  console.log(
    `bench:sip-calls: node ${process.version}, ${cpus().length} CPUs, private netns (loopback only); ` +
      `${SEATS} seats per side; latency ${LATENCY_CALLS} calls (+${LATENCY_WARMUP} warm-up) at ${LATENCY_RATE}/s, ${LATENCY_CALL_MS} ms; ` +
      `steps ${STEPS.join(', ')} calls/s × ${STEP_SECONDS} s, ${LOAD_CALL_MS} ms calls`,
  );

  let pbx: Kamailio | undefined;
  let hub: Hub | undefined;
  let baresip: Awaited<ReturnType<typeof startBaresip>> | undefined;
  try {
    pbx = await startKamailio({ users: [...users.baresip, ...users.earshot] });
    baresip = await startBaresip();
    hub = await startHub({ renderer: false, readyTimeoutMs: 60_000 });
    await createSeats(hub, pbx);
    const h = hub;
    const b = baresip;
    const targets: Record<Side, Target> = {
      baresip: { side: 'baresip', pid: b.child.pid!, logTail: (n = 20) => b.output.lines(n), alive: () => isRunning(b.child) },
      earshot: { side: 'earshot', pid: h.child.pid!, logTail: (n = 20) => h.logTail(n), alive: () => isRunning(h.child) },
    };

    const tReg = performance.now();
    await waitRegistered('baresip', 15_000);
    const baresipRegMs = performance.now() - tReg;
    await waitRegistered('earshot', 20_000);
    console.log(
      `  setup: kamailio ${fmt(pbx.readyMs, 0)} ms, hub ${fmt(hub.startupMs, 0)} ms; every user answered a probe call: ` +
        `baresip ${fmt(baresipRegMs, 0)} ms after start, Earshot seats ${fmt(performance.now() - tReg, 0)} ms after creation`,
    );

    const idle = { baresip: procStatus(targets.baresip.pid), earshot: procStatus(targets.earshot.pid) };

    // 1. setup latency into one seat each
    const latency = {} as Record<Side, Latency>;
    for (const side of SIDES) {
      latency[side] = await measureLatency(side);
      const l = latency[side];
      console.log(
        `  latency ${LABEL[side]}: ${l.successful} ok / ${l.failed} failed, ${l.ringing.length}/${l.calls} measured calls saw 180, ${l.answered.length}/${l.calls} saw 200` +
          (l.reasons ? ` — ${l.reasons}` : ''),
      );
    }

    // 2. sustained rate, alternating sides per step
    const beforeLoad = { baresip: procStatus(targets.baresip.pid), earshot: procStatus(targets.earshot.pid) };
    const cpu0 = { baresip: cpuMs(targets.baresip.pid), earshot: cpuMs(targets.earshot.pid) };
    const steps: Record<Side, Step[]> = { baresip: [], earshot: [] };
    const stopped: Record<Side, boolean> = { baresip: false, earshot: false };
    for (const rate of STEPS) {
      for (const side of SIDES) {
        if (stopped[side]) continue;
        if (!targets[side].alive()) {
          stopped[side] = true;
          console.log(`  ${LABEL[side]} is no longer running:\n${indent(targets[side].logTail(30))}`);
          continue;
        }
        const s = await runStep(side, rate);
        steps[side].push(s);
        console.log(
          `  ${String(rate).padStart(4)} calls/s ${LABEL[side].padEnd(8)} ${String(s.successful).padStart(5)} ok ${String(s.failed).padStart(5)} failed (${fmt(s.failPct, 2)} %), ` +
            `placed ${fmt(s.achievedCps, 0)}/s, INVITE→200 p50/p95 ${pair(s.answeredMs)} ms, UDP drops SIP ${s.sipDrops} / RTP ${s.rtpDrops}` +
            (s.reasons ? ` — ${s.reasons}` : ''),
        );
        if (s.failPct > FAIL_LIMIT_PCT) {
          stopped[side] = true;
          if (s.errorsTail.trim()) console.log(`    SIPp error log (tail):\n${indent(s.errorsTail, '      ')}`);
        }
        await sleep(500); // let BYEs / transactions settle before the next run
      }
      if (stopped.baresip && stopped.earshot) break;
    }
    await sleep(2000);
    const afterLoad = { baresip: procStatus(targets.baresip.pid), earshot: procStatus(targets.earshot.pid) };
    const cpuPerCall = (side: Side) => {
      const ok = steps[side].reduce((n, s) => n + s.successful, 0);
      return ok > 0 ? (cpuMs(targets[side].pid) - cpu0[side]) / ok : NaN;
    };
    const cpuCall = { baresip: cpuPerCall('baresip'), earshot: cpuPerCall('earshot') };
    const maxRate = (side: Side, ok: (s: Step) => boolean) => {
      let best = 0;
      for (const s of steps[side]) {
        if (!ok(s)) break;
        best = s.rate;
      }
      const all = steps[side].length === STEPS.length && steps[side].every(ok);
      return { best, label: `${best}${all ? '+' : ''}` };
    };
    const okFail = (s: Step) => s.failPct <= FAIL_LIMIT_PCT;
    const okFast = (s: Step) => okFail(s) && percentile(s.answeredMs, 95) <= P95_LIMIT_MS && s.achievedCps >= (s.rate * PLACED_MIN_PCT) / 100;
    const max = { baresip: maxRate('baresip', okFail), earshot: maxRate('earshot', okFail) };
    const fast = { baresip: maxRate('baresip', okFast), earshot: maxRate('earshot', okFast) };

    // ---- report
    const lb = latency.baresip;
    const le = latency.earshot;
    console.log('');
    printTable([
      ['metric', 'baresip', 'Earshot', 'Earshot/baresip'],
      ['INVITE → 180, p50 / p95 (ms)', lb.ringing.length ? pair(lb.ringing) : 'no 180', le.ringing.length ? pair(le.ringing) : 'no 180', lb.ringing.length && le.ringing.length ? ratioPair(le.ringing, lb.ringing) : '—'],
      ['INVITE → 200, p50 / p95 (ms)', pair(lb.answered), pair(le.answered), ratioPair(le.answered, lb.answered)],
      [`max calls/s with ≤ ${FAIL_LIMIT_PCT} % failed`, max.baresip.label, max.earshot.label, max.baresip.best > 0 ? fmt(max.earshot.best / max.baresip.best, 2) : '—'],
      [`  … and p95 INVITE→200 ≤ ${P95_LIMIT_MS} ms, placed ≥ ${PLACED_MIN_PCT} %`, fast.baresip.label, fast.earshot.label, fast.baresip.best > 0 ? fmt(fast.earshot.best / fast.baresip.best, 2) : '—'],
      ['RSS idle, registered (MiB)', fmt(idle.baresip.rssMiB), fmt(idle.earshot.rssMiB), fmt(idle.earshot.rssMiB / idle.baresip.rssMiB, 1)],
      ['RSS before load (MiB)', fmt(beforeLoad.baresip.rssMiB), fmt(beforeLoad.earshot.rssMiB), fmt(beforeLoad.earshot.rssMiB / beforeLoad.baresip.rssMiB, 1)],
      ['RSS 2 s after load (MiB)', fmt(afterLoad.baresip.rssMiB), fmt(afterLoad.earshot.rssMiB), fmt(afterLoad.earshot.rssMiB / afterLoad.baresip.rssMiB, 1)],
      ['peak RSS, VmHWM (MiB)', fmt(afterLoad.baresip.hwmMiB), fmt(afterLoad.earshot.hwmMiB), fmt(afterLoad.earshot.hwmMiB / afterLoad.baresip.hwmMiB, 1)],
      ['CPU per answered load call (ms)', fmt(cpuCall.baresip, 2), fmt(cpuCall.earshot, 2), fmt(cpuCall.earshot / cpuCall.baresip, 1)],
    ]);
    console.log('');
    const stepRows: string[][] = [['calls/s', 'baresip failed % (ok)', 'INVITE→200 p50 / p95 ms', 'Earshot failed % (ok)', 'INVITE→200 p50 / p95 ms']];
    for (const rate of STEPS) {
      const b1 = steps.baresip.find((s) => s.rate === rate);
      const e1 = steps.earshot.find((s) => s.rate === rate);
      if (!b1 && !e1) continue;
      const cell = (s?: Step) => (s ? `${fmt(s.failPct, 2)} (${s.successful}/${s.rate * STEP_SECONDS})` : 'not run');
      stepRows.push([String(rate), cell(b1), b1 ? pair(b1.answeredMs) : '—', cell(e1), e1 ? pair(e1.answeredMs) : '—']);
    }
    printTable(stepRows);
    console.log('');
    console.log(
      `"+" = passed every step (the limit is higher). Latency: one seat/account, ${LATENCY_RATE} calls/s, µs timestamps from SIPp's message log. ` +
        `Load: ${SEATS} seats (Earshot, 51 lines each) / ${SEATS} accounts (baresip), 1 s calls; Earshot sends RTP (50 pkt/s per call), baresip none ` +
        `(RTP drops = that audio piling up at SIPp's media port, which SIPp never reads; SIP drops = Kamailio/baresip/SIPp SIP sockets).`,
    );

    // Reasons and log tails for any side that failed under load or in the latency run.
    for (const side of SIDES) {
      const failedStep = steps[side].find((s) => s.failPct > FAIL_LIMIT_PCT);
      if (failedStep || latency[side].failed > 0) {
        console.log(`\n${LABEL[side]} failures: ${failedStep ? `at ${failedStep.rate} calls/s, SIPp unexpected messages: ${failedStep.reasons || 'none logged'}` : ''}${latency[side].failed > 0 ? ` latency run: ${latency[side].reasons}` : ''}`);
        if (failedStep) console.log(`  SIPp screen (tail):\n${indent(failedStep.stdoutTail.split('\n').filter((l) => /call|Retrans|Timeout|Unexpected|INVITE|BYE|ACK|200|180|100/.test(l)).join('\n'))}`);
        console.log(`  ${side === 'earshot' ? 'hub' : 'baresip'} output (last 400 lines, folded by shape):\n${indent(foldLog(targets[side].logTail(400)))}`);
      }
    }
    if (SOAK_CALLS > 0) await soak(targets.earshot.pid);
    console.log(`\nhub call records (inbound): ${await hubCallCounts(h)}; SIPp placed ${placed.earshot} calls to Earshot (probes, latency, load, soak)`);
    console.log(`kamailio log (tail, errors only): ${pbx.logTail(400).split('\n').filter((l) => /ERROR|CRITICAL/.test(l)).slice(-5).join('\n') || 'none'}`);
    console.log(`total ${fmt((performance.now() - t0) / 1000, 0)} s`);
    return 0;
  } catch (err) {
    console.error(`bench failed: ${(err as Error).message}`);
    if (hub) console.error(`--- hub output (tail) ---\n${hub.logTail(40)}`);
    if (baresip) console.error(`--- baresip output (tail) ---\n${baresip.output.lines(30)}`);
    if (pbx) console.error(`--- kamailio log (tail) ---\n${pbx.logTail(30)}`);
    return 1;
  } finally {
    await hub?.dispose().catch(() => undefined);
    await baresip?.stop().catch(() => undefined);
    await pbx?.stop().catch(() => undefined);
    rmSync(runDir, { recursive: true, force: true });
  }
}

const watchdog = setTimeout(() => {
  console.error(`bench:sip-calls: still running after ${WATCHDOG_MS / 1000} s, giving up (children are killed on exit)`);
  process.exit(1);
}, WATCHDOG_MS);
watchdog.unref();
process.exitCode = await main();
clearTimeout(watchdog);
