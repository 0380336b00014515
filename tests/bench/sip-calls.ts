// node tests/bench/sip-calls.ts [--phases latency,steps,concurrency,soak] [--sides baresip,earshot] [--seats N] [--audio]
//   [--latency-calls N] [--steps 50,100,…] [--step-seconds N]
//   [--conc-calls N] [--conc-rate N] [--conc-plateau S] [--soak N] [--soak-rate N]
//
// Inbound SIP calls into Earshot headless seats beside baresip (the baseline), both registered
// with the same Kamailio (tests/fixtures/kamailio) and called by SIPp over UDP through it, in one
// run; every figure is shown beside the baseline's, as a ratio. Re-executes itself inside a
// private network namespace (tests/bench/netns-exec.ts): only loopback, fixed ports, bounded in
// count and time (~7–9 min with every phase; 13 min watchdog), stops by itself. The phases live
// in tests/bench/sip-calls/ (one file each); --phases picks some, --sides one side (debugging).
// CPU figures include the whole machine's (/proc/stat): other work on the same CPUs shows there.
//
//   Earshot: a hub (tests/support/hub.ts, --no-renderer, Node inspector open on loopback for heap
//            readings) with N seats carol1..carolN created through POST /api/v1/agents with
//            sip.media 'headless', max_concurrent_calls 50 (the API's maximum: 51 lines per
//            seat) and sip.send_audio false: listen-only seats that answer recvonly and send no
//            RTP, like the baseline (--audio: they send G.711, 50 packets/s per call). Ten more
//            seats dave1..dave10 send RTP, for the soak.
//   baseline: one baresip 1.0.0 process (tests/fixtures/baresip) with N auto-answering accounts
//            bob1..bobN registered over UDP; signalling only (no audio modules: it sends no RTP).
//   N = --seats, default 100: 5,000 simultaneous calls need 100 seats of 51 lines (the cap of
//   50 per agent is a per-person limit the bench keeps; a seat beyond its lines answers 486).
//
// 1. latency: uac_timed.xml into ONE seat (carol1 / bob1), 10 calls/s, 200 ms calls, the first 10
//    discarded as warm-up; INVITE → 180 and → 200 per call, p50/p95, from SIPp's
//    -trace_shortmsg log (µs timestamps per Call-ID; SIPp's own rtd values come in 4 ms steps).
// 2. steps: 1 s calls at each step's calls/s for --step-seconds, round-robin over the side's N
//    users (sip-calls/rate-steps.ts), up to where each side fails > 1 % or SIPp — on the same 2
//    CPUs — cannot place the asked rate (reported as caller-bound, not blamed on either side).
//    Highest clean rate per side and the ratio; per step setup p50/p95, SIPp's placed rate, CPU
//    of the side / Kamailio / SIPp / machine, UDP receive-buffer drops, Kamailio running out of
//    its shared memory (transactions piling up behind slow answers).
// 3. concurrency: --conc-calls (5,000) long calls ramped at --conc-rate (200/s) and held together
//    (sip-calls/concurrency.ts): calls reached (SIPp and the hub's records), setup p50/p95 of
//    probe calls on the plateau, RSS, live heap, CPU of ramp and hold. Each side starts clean:
//    baresip is restarted, the hub drained of calls a failed step left. baresip gets the same
//    load over its N accounts; one baresip process stops at ~507 calls ("Too many open files" at
//    1,024 descriptors, under the process limit: 2 sockets per call), which is its figure here.
// 4. soak (Earshot): live JS heap after 100 calls vs after --soak (10,000) more, read inside the
//    hub after forced GCs once SIP transactions expired, plus RSS (sip-calls/soak.ts).
// At the end: hub call records by status, seat registrations lost (hub log), Kamailio errors.
// Exit code 1 if the bench could not run (a side never registered, a tool failed); failures under
// load are results, printed with the reasons SIPp saw and the logs' tails.
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensurePrivateNetns } from './netns-exec.ts';
import { startHub, type Hub } from '../support/hub.ts';
import { startKamailio, type Kamailio, type SipUser } from '../support/kamailio.ts';
import { isRunning, sleep } from '../support/proc.ts';
import { startBaresip, type Baresip } from './sip-calls/baresip.ts';
import { holdCalls, holdFailures, inProgress, reportHold, type Hold, type HoldOptions } from './sip-calls/concurrency.ts';
import { LABEL, SIDES, usernames, type Bench, type Side, type Target } from './sip-calls/context.ts';
import { inspectorEnv } from './sip-calls/hub-heap.ts';
import { countInFile, PBX_OUT_OF_MEMORY, watchLines } from './sip-calls/log-watch.ts';
import { measureLatency, type Latency } from './sip-calls/latency.ts';
import { cpuMs, procStatus, type MemStatus } from './sip-calls/procfs.ts';
import { runSteps, reportSteps, type SideSteps, type StepsOptions } from './sip-calls/rate-steps.ts';
import { createSeats, waitAnswering } from './sip-calls/registration.ts';
import { fmt, foldLog, indent, pair, printTable, ratio, ratioPair } from './sip-calls/report.ts';
import { SippCaller } from './sip-calls/sipp-caller.ts';
import { soak } from './sip-calls/soak.ts';
import { intArg } from './bench-args.ts';

await ensurePrivateNetns();

function listArg(name: string, fallback: string[]): string[] {
  const i = process.argv.indexOf(name);
  const v = i >= 0 ? (process.argv[i + 1] ?? '').split(',').filter(Boolean) : [];
  return v.length > 0 ? v : fallback;
}

const PHASES = new Set(listArg('--phases', ['latency', 'steps', 'concurrency', 'soak']));
/** For debugging one side; a normal run measures both (the figures are ratios). */
const RUN_SIDES = SIDES.filter((s) => listArg('--sides', SIDES).includes(s));
const AUDIO = process.argv.includes('--audio');
const CONC_CALLS = Math.min(intArg('--conc-calls', 5000, 0), 10_000);
const SEATS = Math.min(Math.max(intArg('--seats', 100, 0), PHASES.has('concurrency') ? Math.ceil(CONC_CALLS / 50) : 1), 200);
const LATENCY = { calls: Math.min(intArg('--latency-calls', 60, 0), 500), warmup: 10, rate: 10, callLengthMs: 200 };
const STEPS: StepsOptions = {
  rates: listArg('--steps', ['50', '100', '200', '300', '400', '500', '600', '800', '1000'])
    .map(Number)
    .filter((r) => Number.isInteger(r) && r > 0 && r <= 2000),
  stepSeconds: Math.min(Math.max(intArg('--step-seconds', 5, 0), 1), 20),
  callLengthMs: 1000,
  failLimitPct: 1,
  placedMinPct: 95,
  p95LimitMs: 100,
};
const HOLD: HoldOptions = {
  calls: CONC_CALLS,
  rate: Math.min(Math.max(intArg('--conc-rate', 200, 0), 1), 1000),
  plateauS: Math.min(Math.max(intArg('--conc-plateau', 12, 0), 8), 120),
  probeCalls: 50,
  probeRate: 10,
  probeCallMs: 200,
  heap: true,
};
const SOAK = { calls: Math.min(intArg('--soak', 10_000, 0), 50_000), rate: Math.min(Math.max(intArg('--soak-rate', 200, 0), 1), 500), callLengthMs: 200, settleMs: 35_000 };
/** Whole-run watchdog: whatever happens, the bench ends (children are killed on exit). */
const WATCHDOG_MS = 13 * 60_000;

const numbered = (name: string, n: number): SipUser[] => Array.from({ length: n }, (_, i) => ({ username: `${name}${i + 1}`, password: `${name}${i + 1}pw` }));
const users: Record<Side, SipUser[]> = { baresip: numbered('bob', SEATS), earshot: numbered('carol', SEATS) };
/** Seats that send RTP, for the soak: its ~40 calls at once fit in 10 × 51 lines with room for slow moments. */
const soakUsers = numbered('dave', 10);

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

const baresipTarget = (b: Baresip): Target => ({ side: 'baresip', pid: b.child.pid!, logTail: (n = 20) => b.output.lines(n), alive: () => isRunning(b.child) });

/**
 * Waits until the hub's records show no call in progress, or the count has not moved for 10 s, or
 * `timeoutMs`; returns how many are left (calls whose far end is gone without a BYE reaching the
 * hub stay "in progress": nothing ends them).
 */
async function drainHub(bench: Bench, timeoutMs: number): Promise<number> {
  const deadline = performance.now() + timeoutMs;
  let last = -1;
  let since = performance.now();
  for (;;) {
    const left = await inProgress(bench);
    if (left !== last) [last, since] = [left, performance.now()];
    if (left === 0 || performance.now() > deadline || performance.now() - since > 10_000) return left;
    await sleep(1000);
  }
}

function reportLatencyAndSteps(latency: Partial<Record<Side, Latency>>, steps: Record<Side, SideSteps> | undefined, mem: Record<'idle' | 'afterSteps', Record<Side, MemStatus>>, cpuPerCall: Record<Side, number>): void {
  const lb = latency.baresip;
  const le = latency.earshot;
  const rows = [['metric', 'baresip', 'Earshot', 'Earshot/baresip']];
  if (lb && le) {
    rows.push(['INVITE → 180, p50 / p95 (ms)', lb.ringing.length ? pair(lb.ringing) : 'no 180', le.ringing.length ? pair(le.ringing) : 'no 180', lb.ringing.length && le.ringing.length ? ratioPair(le.ringing, lb.ringing) : '—']);
    rows.push(['INVITE → 200, p50 / p95 (ms)', pair(lb.answered), pair(le.answered), ratioPair(le.answered, lb.answered)]);
  }
  rows.push(['RSS idle, registered (MiB)', fmt(mem.idle.baresip.rssMiB), fmt(mem.idle.earshot.rssMiB), ratio(mem.idle.earshot.rssMiB, mem.idle.baresip.rssMiB, 1)]);
  if (steps) {
    rows.push(['RSS 2 s after the steps (MiB)', fmt(mem.afterSteps.baresip.rssMiB), fmt(mem.afterSteps.earshot.rssMiB), ratio(mem.afterSteps.earshot.rssMiB, mem.afterSteps.baresip.rssMiB, 1)]);
    rows.push(['peak RSS so far, VmHWM (MiB)', fmt(mem.afterSteps.baresip.hwmMiB), fmt(mem.afterSteps.earshot.hwmMiB), ratio(mem.afterSteps.earshot.hwmMiB, mem.afterSteps.baresip.hwmMiB, 1)]);
    rows.push(['CPU per answered step call (ms)', fmt(cpuPerCall.baresip, 2), fmt(cpuPerCall.earshot, 2), ratio(cpuPerCall.earshot, cpuPerCall.baresip, 1)]);
  }
  console.log('');
  printTable(rows);
}

async function main(): Promise<number> {
  const t0 = performance.now();
  const runDir = mkdtempSync(join(tmpdir(), 'earshot-bench-sip-'));
  console.log(
    `bench:sip-calls: node ${process.version}, ${cpus().length} CPUs, private netns (loopback only); phases ${[...PHASES].join(', ')}; ` +
      `${SEATS} seats / accounts per side, Earshot seats ${AUDIO ? 'send RTP (--audio)' : 'listen-only (no RTP, like baresip)'}; ` +
      `steps ${STEPS.rates.join(', ')} calls/s × ${STEPS.stepSeconds} s; concurrency ${HOLD.calls} calls at ${HOLD.rate}/s; soak ${SOAK.calls} calls`,
  );

  let pbx: Kamailio | undefined;
  let hub: Hub | undefined;
  let baresip: Baresip | undefined;
  try {
    pbx = await startKamailio({ users: [...users.baresip, ...users.earshot, ...soakUsers] });
    baresip = await startBaresip(runDir, users.baresip);
    hub = await startHub({ renderer: false, readyTimeoutMs: 60_000, env: inspectorEnv() });
    const h = hub;
    // A seat that loses its PBX connection logs "seat N: …; retrying in …" (electron/core/sip/seat.ts).
    const seatLosses = watchLines(h.child, /seat \d+: .*; retrying in/);
    /** Registrations lost per phase: [phase, count at its end]. */
    const lossMarks: [string, number][] = [];
    const markLosses = (phase: string) => lossMarks.push([phase, seatLosses.count]);
    await createSeats(h, pbx, users.earshot, { firstExtension: 3101, sendAudio: AUDIO });
    if (PHASES.has('soak')) await createSeats(h, pbx, soakUsers, { firstExtension: 3901, sendAudio: true });
    const bench: Bench = {
      caller: new SippCaller(runDir),
      users,
      targets: {
        baresip: baresipTarget(baresip),
        earshot: { side: 'earshot', pid: h.child.pid!, logTail: (n = 20) => h.logTail(n), alive: () => isRunning(h.child) },
      },
      pbxPid: pbx.pid,
      pbxLog: pbx.logPath,
      hubUrl: h.url,
      hubApiKey: h.apiKey,
    };

    const tReg = performance.now();
    await waitAnswering(bench.caller, 'baresip', users.baresip, 20_000);
    const baresipRegMs = performance.now() - tReg;
    await waitAnswering(bench.caller, 'earshot', PHASES.has('soak') ? [...users.earshot, ...soakUsers] : users.earshot, 30_000);
    console.log(
      `  setup: kamailio ${fmt(pbx.readyMs, 0)} ms, hub ${fmt(h.startupMs, 0)} ms; every user answered a probe call: ` +
        `baresip ${fmt(baresipRegMs, 0)} ms after start, Earshot seats ${fmt(performance.now() - tReg, 0)} ms after creation`,
    );
    markLosses('setup');
    const memOf = () => ({ baresip: procStatus(bench.targets.baresip.pid), earshot: procStatus(bench.targets.earshot.pid) });
    const idle = memOf();

    const latency: Partial<Record<Side, Latency>> = {};
    if (PHASES.has('latency')) for (const side of RUN_SIDES) latency[side] = await measureLatency(bench, side, LATENCY);
    markLosses('latency');

    let steps: Record<Side, SideSteps> | undefined;
    const cpu0 = { baresip: cpuMs(bench.targets.baresip.pid), earshot: cpuMs(bench.targets.earshot.pid) };
    if (PHASES.has('steps')) steps = await runSteps(bench, STEPS, RUN_SIDES);
    markLosses('steps');
    await sleep(2000);
    const afterSteps = memOf();
    const cpuPerCall = (side: Side) => {
      const ok = (steps?.[side].steps ?? []).reduce((n, s) => n + s.successful, 0);
      return ok > 0 ? (cpuMs(bench.targets[side].pid) - cpu0[side]) / ok : NaN;
    };
    reportLatencyAndSteps(latency, steps, { idle, afterSteps }, { baresip: cpuPerCall('baresip'), earshot: cpuPerCall('earshot') });
    if (steps) reportSteps(steps, STEPS);

    // Reasons and log tails for any side that failed.
    for (const side of SIDES) {
      const failedStep = steps?.[side].steps.find((s) => s.verdict === 'failed');
      if (failedStep || (latency[side]?.failed ?? 0) > 0) {
        console.log(`\n${LABEL[side]} failures: ${failedStep ? `at ${failedStep.rate} calls/s: ${failedStep.reasons || 'none logged'}` : ''}${latency[side]?.failed ? ` latency run: ${latency[side]!.reasons}` : ''}`);
        console.log(`  ${side === 'earshot' ? 'hub' : 'baresip'} output (last 400 lines, folded by shape):\n${indent(foldLog(bench.targets[side].logTail(400)))}`);
      }
    }

    if (PHASES.has('concurrency')) {
      const held: Record<Side, Hold | undefined> = { baresip: undefined, earshot: undefined };
      console.log('');
      // Calls of a failed step stay up ~30 s more on that side (SIPp gave up on them, sent no
      // BYE) and hold its lines and descriptors: each side starts this phase clean.
      if (RUN_SIDES.includes('baresip')) {
        await baresip.stop();
        baresip = await startBaresip(runDir, users.baresip);
        bench.targets.baresip = baresipTarget(baresip);
        await waitAnswering(bench.caller, 'baresip', users.baresip, 20_000);
      }
      if (RUN_SIDES.includes('earshot')) {
        const left = await drainHub(bench, 45_000);
        if (left > 0) console.log(`  the hub's records still show ${left} calls in progress from the steps (their far end had given up on them)`);
      }
      for (const side of RUN_SIDES) {
        if (!bench.targets[side].alive()) continue;
        held[side] = await holdCalls(bench, side, { ...HOLD, heap: side === 'earshot' });
        await sleep(2000);
      }
      reportHold(held, { baresip: latency.baresip?.answered, earshot: latency.earshot?.answered }, HOLD);
      for (const side of SIDES) if (held[side]) holdFailures(held[side]);
    }

    markLosses('concurrency');
    if (PHASES.has('soak') && SOAK.calls > 0) await soak(bench, { ...SOAK, users: usernames(soakUsers) });
    markLosses('soak');
    console.log(`\nhub call records (inbound): ${await hubCallCounts(h)}; SIPp placed ${bench.caller.placed.get('earshot') ?? 0} calls to Earshot (probes and all phases)`);
    const perPhase = lossMarks.map(([phase, n], i) => `${phase} ${n - (lossMarks[i - 1]?.[1] ?? 0)}`).join(', ');
    console.log(`seat registrations lost during the run: ${seatLosses.count} (${perPhase})${seatLosses.count ? `\n${indent(foldLog(seatLosses.examples.join('\n'), 5))}` : ''}`);
    console.log(`Kamailio out of shared memory during the run: ${countInFile(pbx.logPath, PBX_OUT_OF_MEMORY)} times`);
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
