// Phase 1 of tests/bench/sip-calls.ts — call setup latency into ONE seat / account per side, at a
// low rate: INVITE → 180 and INVITE → 200 per call, the first calls discarded as warm-up.
import { LABEL, type Bench, type Side } from './context.ts';
import { failureReasons } from './sipp-caller.ts';

export interface LatencyOptions {
  calls: number;
  warmup: number;
  rate: number;
  callLengthMs: number;
}

export interface Latency {
  ringing: number[];
  answered: number[];
  calls: number;
  successful: number;
  failed: number;
  reasons: string;
}

export async function measureLatency(bench: Bench, side: Side, o: LatencyOptions): Promise<Latency> {
  const total = o.calls + o.warmup;
  const { result, timings } = await bench.caller.run(side, {
    service: bench.users[side][0]!.username,
    calls: total,
    rate: o.rate,
    callLengthMs: o.callLengthMs,
    timeoutMs: Math.ceil(total / o.rate) * 1000 + 15_000,
  });
  const measured = timings.filter((t) => t.callNo > o.warmup);
  const l: Latency = {
    ringing: measured.flatMap((t) => (t.ringingMs !== undefined ? [t.ringingMs] : [])),
    answered: measured.flatMap((t) => (t.answeredMs !== undefined ? [t.answeredMs] : [])),
    calls: measured.length,
    successful: result.stats.successful,
    failed: result.stats.failed,
    reasons: failureReasons(result),
  };
  console.log(
    `  latency ${LABEL[side]}: ${l.successful} ok / ${l.failed} failed, ${l.ringing.length}/${l.calls} measured calls saw 180, ${l.answered.length}/${l.calls} saw 200` +
      (l.reasons ? ` — ${l.reasons}` : ''),
  );
  return l;
}
