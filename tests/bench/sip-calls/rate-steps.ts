// Phase 2 of tests/bench/sip-calls.ts — sustained call rate: short calls at each step's calls/s
// for a few seconds, round-robin over a side's users, steps alternating baresip / Earshot. A side
// stops stepping at the first step that is not clean:
//   failed        more than failLimitPct of the step's calls failed (or were never placed);
//   caller-bound  ≤ failLimitPct failed, but SIPp placed < placedMinPct of the asked rate (it may
//                 open every call of the step at once, so only CPU holds it back): SIPp shares
//                 the 2 CPUs with Kamailio and the side, so past this the rig, not the side,
//                 sets the pace and the side's own limit is not found;
// or when the steps run out (its limit is higher). Each step records CPU use of the side, of
// Kamailio (all processes, and its busiest one: its single UDP worker saturates at 100 %), of
// SIPp and of the whole machine, UDP receive-buffer drops per socket kind, and how often Kamailio
// ran out of shared memory.
import { cpus } from 'node:os';
import { cpuMeter, dropSampler, machineMeter, processTree, type CpuUse } from './procfs.ts';
import { LABEL, SIDES, usernames, type Bench, type Side } from './context.ts';
import { BARESIP_PORT } from './baresip.ts';
import { countInFile, PBX_OUT_OF_MEMORY } from './log-watch.ts';
import { failureReasons } from './sipp-caller.ts';
import { percentile } from '../bench-args.ts';
import { fmt, indent, pair, printTable, ratio } from './report.ts';
import { sleep } from '../../support/proc.ts';

export interface StepsOptions {
  rates: number[];
  stepSeconds: number;
  callLengthMs: number;
  failLimitPct: number;
  placedMinPct: number;
  /** The stricter second reading: INVITE → 200 p95 within this too. */
  p95LimitMs: number;
}

export type Verdict = 'ok' | 'failed' | 'caller-bound';

export interface Step {
  rate: number;
  calls: number;
  successful: number;
  failed: number;
  failPct: number;
  placedCps: number;
  answeredMs: number[];
  sipDrops: number;
  rtpDrops: number;
  side: CpuUse;
  pbx: CpuUse;
  sippPct: number;
  /** All processes on the machine, % of one core. */
  machinePct: number;
  /** Kamailio ran out of its shared memory this many times (transactions piling up). */
  pbxOutOfMemory: number;
  verdict: Verdict;
  reasons: string;
  errorsTail: string;
}

export interface SideSteps {
  steps: Step[];
  /** Highest clean rate (0: none). */
  best: number;
  /** Highest rate that was clean and also within p95LimitMs. */
  bestFast: number;
  /** Why stepping stopped. */
  stop: string;
  /** The limit is above `best`: the steps ran out or the caller could not go faster. */
  open: boolean;
}

async function runStep(bench: Bench, side: Side, rate: number, o: StepsOptions): Promise<Step> {
  const calls = rate * o.stepSeconds;
  const port = bench.caller.port();
  const drops = dropSampler([5060, BARESIP_PORT, port]);
  const sideCpu = cpuMeter([bench.targets[side].pid]);
  const pbxCpu = cpuMeter(processTree(bench.pbxPid));
  const machine = machineMeter(cpus().length);
  const oom0 = countInFile(bench.pbxLog, PBX_OUT_OF_MEMORY);
  const run = await bench.caller.run(
    side,
    {
      users: usernames(bench.users[side]),
      calls,
      rate,
      callLengthMs: o.callLengthMs,
      timeoutMs: o.stepSeconds * 1000 + o.callLengthMs + 20_000,
      // SIPp's default (3 × call length × rate) would throttle the rate as soon as slow answers
      // pile calls up, making a slow side look like a slow caller.
      openLimit: calls,
    },
    port,
  );
  const { result } = run;
  const failed = result.stats.failed + Math.max(0, calls - result.stats.created); // never placed counts as failed too
  const failPct = (100 * failed) / calls;
  const d = drops.stop();
  const verdict: Verdict = failPct > o.failLimitPct ? 'failed' : run.placedCps < (rate * o.placedMinPct) / 100 ? 'caller-bound' : 'ok';
  return {
    rate,
    calls,
    successful: result.stats.successful,
    failed,
    failPct,
    placedCps: run.placedCps,
    answeredMs: run.answeredMs,
    sipDrops: d.sip,
    rtpDrops: d.rtp,
    side: sideCpu.read(),
    pbx: pbxCpu.read(),
    sippPct: run.sippCpuPct,
    machinePct: machine.read(),
    pbxOutOfMemory: countInFile(bench.pbxLog, PBX_OUT_OF_MEMORY) - oom0,
    verdict,
    reasons: failureReasons(result),
    errorsTail: result.errors.split('\n').slice(-8).join('\n'),
  };
}

export async function runSteps(bench: Bench, o: StepsOptions, sides: Side[] = SIDES): Promise<Record<Side, SideSteps>> {
  const out: Record<Side, SideSteps> = {
    baresip: { steps: [], best: 0, bestFast: 0, stop: `passed every step up to ${o.rates.at(-1)} calls/s`, open: true },
    earshot: { steps: [], best: 0, bestFast: 0, stop: `passed every step up to ${o.rates.at(-1)} calls/s`, open: true },
  };
  const stopped: Record<Side, boolean> = { baresip: !sides.includes('baresip'), earshot: !sides.includes('earshot') };
  for (const rate of o.rates) {
    for (const side of SIDES) {
      if (stopped[side]) continue;
      const r = out[side];
      if (!bench.targets[side].alive()) {
        stopped[side] = true;
        r.stop = `${LABEL[side]} is no longer running`;
        r.open = false;
        console.log(`  ${r.stop}:\n${indent(bench.targets[side].logTail(30))}`);
        continue;
      }
      const s = await runStep(bench, side, rate, o);
      r.steps.push(s);
      console.log(
        `  ${String(rate).padStart(4)} calls/s ${LABEL[side].padEnd(8)} ${String(s.successful).padStart(5)} ok ${String(s.failed).padStart(5)} failed (${fmt(s.failPct, 2)} %), ` +
          `placed ${fmt(s.placedCps, 0)}/s, INVITE→200 p50/p95 ${pair(s.answeredMs)} ms, CPU % ${LABEL[side]} ${fmt(s.side.totalPct, 0)} / Kamailio ${fmt(s.pbx.totalPct, 0)} (busiest ${fmt(s.pbx.busiestPct, 0)}) / SIPp ${fmt(s.sippPct, 0)} / machine ${fmt(s.machinePct, 0)}, ` +
          `UDP drops SIP ${s.sipDrops} / RTP ${s.rtpDrops}` +
          (s.pbxOutOfMemory ? `, Kamailio out of shared memory ×${s.pbxOutOfMemory}` : '') +
          (s.reasons ? ` — ${s.reasons}` : ''),
      );
      if (s.verdict !== 'ok') {
        stopped[side] = true;
        r.open = s.verdict === 'caller-bound';
        r.stop =
          s.verdict === 'failed'
            ? `${fmt(s.failPct, 2)} % failed at ${rate} calls/s${s.pbxOutOfMemory ? ` (Kamailio also ran out of its shared memory ×${s.pbxOutOfMemory}: the test PBX is part of this limit)` : ''}`
            : `caller-bound at ${rate} calls/s: SIPp placed only ${fmt(s.placedCps, 0)}/s (SIPp ${fmt(s.sippPct, 0)} % CPU, ${LABEL[side]} ${fmt(s.side.totalPct, 0)} %, Kamailio ${fmt(s.pbx.totalPct, 0)} %, whole machine ${fmt(s.machinePct, 0)} % of ${cpus().length * 100} %)`;
        if (s.verdict === 'failed' && s.errorsTail.trim()) console.log(`    SIPp error log (tail):\n${indent(s.errorsTail, '      ')}`);
      }
      // Kamailio keeps each finished transaction 5 s (tm wait timer) in its shared memory (64 MB
      // in the test PBX): a step must not inherit the last one's, or the other side's.
      await sleep(5000);
    }
    if (stopped.baresip && stopped.earshot) break;
  }
  for (const side of SIDES) {
    const r = out[side];
    r.best = highestClean(r.steps, () => true);
    r.bestFast = highestClean(r.steps, (s) => percentile(s.answeredMs, 95) <= o.p95LimitMs);
  }
  return out;
}

/** The highest rate up to which every step was clean and passed `also`. */
function highestClean(steps: Step[], also: (s: Step) => boolean): number {
  let best = 0;
  for (const s of steps) {
    if (s.verdict !== 'ok' || !also(s)) break;
    best = s.rate;
  }
  return best;
}

/** "300", "300+" (limit above: steps ran out or caller-bound). */
const limitLabel = (r: SideSteps, best: number) => `${best}${r.open && best === r.best ? '+' : ''}`;

export function reportSteps(res: Record<Side, SideSteps>, o: StepsOptions): void {
  const b = res.baresip;
  const e = res.earshot;
  console.log('');
  printTable([
    ['sustained rate', 'baresip', 'Earshot', 'Earshot/baresip'],
    [`max calls/s with ≤ ${o.failLimitPct} % failed`, limitLabel(b, b.best), limitLabel(e, e.best), ratio(e.best, b.best)],
    [`  … and INVITE→200 p95 ≤ ${o.p95LimitMs} ms`, limitLabel(b, b.bestFast), limitLabel(e, e.bestFast), ratio(e.bestFast, b.bestFast)],
  ]);
  console.log(`  baresip stopped: ${b.stop}\n  Earshot stopped: ${e.stop}`);
  console.log('');
  const rows: string[][] = [['calls/s', 'baresip failed % (ok)', 'INVITE→200 p50 / p95 ms', 'placed/s', 'CPU % b/K/S/all', 'Earshot failed % (ok)', 'INVITE→200 p50 / p95 ms', 'placed/s', 'CPU % E/K/S/all']];
  for (const rate of o.rates) {
    const sb = b.steps.find((s) => s.rate === rate);
    const se = e.steps.find((s) => s.rate === rate);
    if (!sb && !se) continue;
    const cells = (s?: Step) =>
      s
        ? [`${fmt(s.failPct, 2)} (${s.successful}/${s.calls})${s.verdict === 'ok' ? '' : ` ${s.verdict}`}`, pair(s.answeredMs), fmt(s.placedCps, 0), `${fmt(s.side.totalPct, 0)}/${fmt(s.pbx.totalPct, 0)}/${fmt(s.sippPct, 0)}/${fmt(s.machinePct, 0)}`]
        : ['not run', '—', '—', '—'];
    rows.push([String(rate), ...cells(sb), ...cells(se)]);
  }
  printTable(rows);
}
