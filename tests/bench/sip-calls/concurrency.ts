// Phase 3 of tests/bench/sip-calls.ts — simultaneous calls: `calls` long calls ramped up at
// `rate` calls/s, round-robin over a side's users, each long enough that all are up at once for
// a plateau. On the plateau: setup latency of a few short probe calls placed at a low rate
// (compared with the idle latency phase), calls SIPp has open and — Earshot — calls the hub's
// records show in progress, RSS, CPU (ramp and hold) and, Earshot, the live JS heap after a
// forced GC. Then the calls end in the order they began (BYEs at the ramp's rate).
import { sleep } from '../../support/proc.ts';
import { LABEL, usernames, type Bench, type Side } from './context.ts';
import { readHubHeap, type HeapReading } from './hub-heap.ts';
import { cpus } from 'node:os';
import { cpuMeter, machineMeter, processTree, procStatus, udpOutDatagrams, type CpuUse, type MemStatus } from './procfs.ts';
import { fmt, foldLog, indent, pair, printTable, ratio, ratioPair } from './report.ts';
import { failureReasons } from './sipp-caller.ts';

export interface HoldOptions {
  calls: number;
  rate: number;
  /** Seconds all calls stay up together (probes, readings). */
  plateauS: number;
  probeCalls: number;
  probeRate: number;
  probeCallMs: number;
  /** Read the live heap (Earshot with the inspector open). */
  heap: boolean;
}

/** CPU use of the side, of Kamailio and of the whole machine (all in % of one core). */
interface Cpu {
  side: CpuUse;
  pbx: CpuUse;
  machinePct: number;
}

function cpuMeters(sidePid: number, pbx: number[]): { read(): Cpu } {
  const side = cpuMeter([sidePid]);
  const pbxCpu = cpuMeter(pbx);
  const machine = machineMeter(cpus().length);
  return { read: () => ({ side: side.read(), pbx: pbxCpu.read(), machinePct: machine.read() }) };
}

export interface Hold {
  side: Side;
  calls: number;
  /** Seconds until SIPp had created every call; plateau = false if the first calls ended before. */
  rampS: number;
  plateau: boolean;
  peakOpen: number;
  /** Earshot: calls in progress in the hub's records on the plateau. */
  hubInProgress?: number;
  successful: number;
  failed: number;
  reasons: string;
  probeAnsweredMs: number[];
  probeFailed: number;
  probeReasons: string;
  /** Before the phase and on the plateau. */
  memBefore: MemStatus;
  mem: MemStatus;
  heapBefore?: HeapReading;
  heap?: HeapReading;
  ramp: Cpu;
  hold: Cpu;
  /** UDP datagrams sent per second in the namespace while holding: SIP is quiet then, so this is the RTP. */
  holdDatagramsPerS: number;
  sippPct: number;
  /** The side's output on the plateau (the ends of the calls would push the ramp's errors out). */
  logAtPlateau: string;
}

/** Inbound calls the hub's records show in progress. */
export async function inProgress(bench: Bench): Promise<number> {
  const res = await fetch(`${bench.hubUrl}/api/v1/calls?direction=inbound&status=in-progress&limit=1`, { headers: { authorization: `Bearer ${bench.hubApiKey}` } });
  return ((await res.json()) as { total: number }).total;
}

export async function holdCalls(bench: Bench, side: Side, o: HoldOptions): Promise<Hold> {
  const rampPlanS = o.calls / o.rate;
  const callLengthMs = Math.round((rampPlanS + o.plateauS) * 1000);
  const users = usernames(bench.users[side]);
  const pid = bench.targets[side].pid;
  const pbx = processTree(bench.pbxPid);
  const memBefore = procStatus(pid);
  const heapBefore = o.heap ? await readHubHeap() : undefined;
  // Calls a failed earlier phase left in progress are not this phase's.
  const hubBefore = side === 'earshot' ? await inProgress(bench) : 0;
  const t0 = performance.now();
  const main = bench.caller.start(side, {
    users,
    calls: o.calls,
    rate: o.rate,
    callLengthMs,
    openLimit: o.calls + 100,
    stats: true,
    timeoutMs: 2 * rampPlanS * 1000 + callLengthMs + 60_000,
  });
  let finished = false;
  void main.done.then(() => (finished = true));
  const rampCpu = cpuMeters(pid, pbx);
  // The ramp is over once SIPp has created every call (its statistics file, each second).
  while (!finished && (main.progress()?.created ?? 0) < o.calls && performance.now() - t0 < callLengthMs) await sleep(250);
  const rampS = (performance.now() - t0) / 1000;
  const ramp = rampCpu.read();
  const holdCpu = cpuMeters(pid, pbx);
  const holdStart = { datagrams: udpOutDatagrams(), at: performance.now() };
  const plateau = !finished && rampS * 1000 < callLengthMs - o.plateauS * 500;
  console.log(`  ${LABEL[side]}: ${main.progress()?.open ?? '?'} calls open after a ${fmt(rampS, 0)} s ramp${plateau ? '' : ' (no plateau: the first calls ended before the ramp did)'}`);

  const probes = await bench.caller.run(side, {
    users,
    calls: o.probeCalls,
    rate: o.probeRate,
    callLengthMs: o.probeCallMs,
    timeoutMs: (o.probeCalls / o.probeRate) * 1000 + 20_000,
  });
  const hubInProgress = side === 'earshot' ? (await inProgress(bench)) - hubBefore : undefined;
  const mem = procStatus(pid);
  const logAtPlateau = bench.targets[side].logTail(2000);
  const hold = holdCpu.read();
  const holdDatagramsPerS = ((udpOutDatagrams() - holdStart.datagrams) * 1000) / (performance.now() - holdStart.at);
  const heap = o.heap ? await readHubHeap() : undefined;
  const done = await main.done;
  return {
    side,
    calls: o.calls,
    rampS,
    plateau,
    peakOpen: done.peakOpenCalls ?? 0,
    hubInProgress,
    successful: done.result.stats.successful,
    failed: done.result.stats.failed + Math.max(0, o.calls - done.result.stats.created),
    reasons: failureReasons(done.result),
    probeAnsweredMs: probes.answeredMs,
    probeFailed: probes.result.stats.failed,
    probeReasons: failureReasons(probes.result),
    memBefore,
    mem,
    heapBefore,
    heap,
    ramp,
    hold,
    holdDatagramsPerS,
    sippPct: done.sippCpuPct,
    logAtPlateau,
  };
}

export function reportHold(h: Record<Side, Hold | undefined>, idleAnsweredMs: Record<Side, number[] | undefined>, o: HoldOptions): void {
  const b = h.baresip;
  const e = h.earshot;
  const cell = (x: Hold | undefined, f: (x: Hold) => string) => (x ? f(x) : 'not run');
  const num = (x: Hold | undefined, f: (x: Hold) => number) => (x ? f(x) : NaN);
  const vsIdle = (x: Hold | undefined) => {
    const idle = x && idleAnsweredMs[x.side];
    return x && idle?.length ? ratioPair(x.probeAnsweredMs, idle) : '—';
  };
  const rss = (x: Hold) => `${fmt(x.memBefore.rssMiB)} → ${fmt(x.mem.rssMiB)}`;
  const heap = (x: Hold) => (x.heap && x.heapBefore ? `${fmt(x.heapBefore.heapUsedMiB)} → ${fmt(x.heap.heapUsedMiB)} (+${fmt(x.heap.externalMiB)} external)` : '—');
  // RSS of a garbage-collected process keeps what earlier phases made it reserve: the hub's
  // per-call memory is what its live heap (and off-heap buffers) grew by.
  const perCallKiB = (x: Hold) =>
    (1024 * (x.heap && x.heapBefore ? x.heap.heapUsedMiB + x.heap.externalMiB - x.heapBefore.heapUsedMiB - x.heapBefore.externalMiB : x.mem.rssMiB - x.memBefore.rssMiB)) / x.successful;
  const perCall = (x: Hold) => fmt(perCallKiB(x));
  const cpu = (c: Cpu) => `${fmt(c.side.totalPct, 0)} / ${fmt(c.pbx.totalPct, 0)} / ${fmt(c.machinePct, 0)}`;
  console.log(
    `\nconcurrency: ${o.calls} calls ramped at ${o.rate} calls/s over the side's users, all up together for ~${o.plateauS} s; ` +
      `on the plateau ${o.probeCalls} probe calls at ${o.probeRate}/s, ${o.probeCallMs} ms`,
  );
  printTable([
    ['metric', 'baresip', 'Earshot', 'Earshot/baresip'],
    ['simultaneous calls held (long calls answered)', cell(b, (x) => String(x.successful)), cell(e, (x) => String(x.successful)), ratio(num(e, (x) => x.successful), num(b, (x) => x.successful))],
    ['  … SIPp open calls, peak (incl. failing ones)', cell(b, (x) => String(x.peakOpen)), cell(e, (x) => String(x.peakOpen)), '—'],
    ['  … in progress in the hub’s call records', '—', cell(e, (x) => String(x.hubInProgress ?? '—')), '—'],
    ['long calls failed (of asked)', cell(b, (x) => `${x.failed} / ${x.calls}`), cell(e, (x) => `${x.failed} / ${x.calls}`), '—'],
    ['ramp took (s)', cell(b, (x) => fmt(x.rampS, 0)), cell(e, (x) => fmt(x.rampS, 0)), '—'],
    ['probe INVITE → 200 on the plateau, p50 / p95 (ms)', cell(b, (x) => pair(x.probeAnsweredMs)), cell(e, (x) => pair(x.probeAnsweredMs)), b && e ? ratioPair(e.probeAnsweredMs, b.probeAnsweredMs) : '—'],
    ['  … ÷ idle (latency phase), p50 / p95', vsIdle(b), vsIdle(e), '—'],
    ['probe calls failed', cell(b, (x) => String(x.probeFailed)), cell(e, (x) => String(x.probeFailed)), '—'],
    ['RSS before → on the plateau (MiB)', cell(b, rss), cell(e, rss), ratio(num(e, (x) => x.mem.rssMiB), num(b, (x) => x.mem.rssMiB), 1)],
    ['live JS heap before → on the plateau, after GC (MiB)', '—', cell(e, heap), '—'],
    ['memory per held call, KiB (baresip RSS; Earshot heap+external)', cell(b, perCall), cell(e, perCall), ratio(num(e, perCallKiB), num(b, perCallKiB), 1)],
    ['CPU % ramp: side / Kamailio / machine (100 = 1 core)', cell(b, (x) => cpu(x.ramp)), cell(e, (x) => cpu(x.ramp)), ratio(num(e, (x) => x.ramp.side.totalPct), num(b, (x) => x.ramp.side.totalPct))],
    ['UDP datagrams sent/s while holding (≈ RTP)', cell(b, (x) => fmt(x.holdDatagramsPerS, 0)), cell(e, (x) => fmt(x.holdDatagramsPerS, 0)), '—'],
    ['CPU % holding: side / Kamailio / machine', cell(b, (x) => cpu(x.hold)), cell(e, (x) => cpu(x.hold)), ratio(num(e, (x) => x.hold.side.totalPct), num(b, (x) => x.hold.side.totalPct))],
  ]);
}

/** Why a side failed calls on the plateau: SIPp's reasons and the side's own log. */
export function holdFailures(x: Hold): void {
  if (x.failed === 0 && x.probeFailed === 0) return;
  console.log(`  ${LABEL[x.side]} failures: ${x.reasons || 'none logged'}${x.probeFailed ? `; probes: ${x.probeReasons}` : ''}`);
  const tail = x.logAtPlateau;
  const errors = tail.split('\n').filter((l) => /error|fail|cannot|refus|limit|too many|busy/i.test(l));
  console.log(
    `  ${x.side === 'earshot' ? 'hub' : 'baresip'} output on the plateau (last 2000 lines${errors.length ? ', error lines only' : ''}, folded by shape):\n${indent(foldLog(errors.length ? errors.join('\n') : tail))}`,
  );
}
