// Phase 4 of tests/bench/sip-calls.ts — memory soak (Earshot only): 100 calls, then `calls`
// more at a steady rate, into seats that send RTP (the full per-call path). Memory is read once
// the calls' SIP transactions have expired (sip.js keeps a finished INVITE transaction 32 s,
// RFC 6026 Timer L): the live JS heap inside the hub after forced full GCs (inspector, see
// hub-heap.ts), twice a second apart for the noise, and RSS / VmHWM as before. RSS alone is not a
// leak signal: V8 and the allocator keep pages they needed at the load peak.
import { sleep } from '../../support/proc.ts';
import type { Bench } from './context.ts';
import { readHubHeap, type HeapReading } from './hub-heap.ts';
import { procStatus, type MemStatus } from './procfs.ts';
import { fmt, printTable } from './report.ts';
import { failureReasons } from './sipp-caller.ts';

export interface SoakOptions {
  calls: number;
  rate: number;
  callLengthMs: number;
  users: string[];
  /** Wait after the last call before reading (> 32 s: SIP transactions gone). */
  settleMs: number;
}

/** Growth above this (and above 5 × the reading noise) counts as growth. */
const NOISE_FLOOR_MIB = 1;

interface Reading {
  heap: HeapReading;
  heapAgain: HeapReading;
  mem: MemStatus;
}

async function read(pid: number): Promise<Reading> {
  const heap = await readHubHeap();
  await sleep(1000);
  const heapAgain = await readHubHeap();
  return { heap, heapAgain, mem: procStatus(pid) };
}

export async function soak(bench: Bench, o: SoakOptions): Promise<void> {
  const pid = bench.targets.earshot.pid;
  const run = (calls: number) =>
    bench.caller.run('earshot', { users: o.users, calls, rate: o.rate, callLengthMs: o.callLengthMs, timeoutMs: (calls / o.rate) * 1000 + 30_000 });
  const first = await run(100);
  await sleep(o.settleMs);
  const after100 = await read(pid);
  const many = await run(o.calls);
  await sleep(3000);
  const busy = procStatus(pid);
  await sleep(o.settleMs - 3000);
  const afterMany = await read(pid);

  const failed = first.result.stats.failed + many.result.stats.failed;
  const growth = afterMany.heap.heapUsedMiB - after100.heap.heapUsedMiB;
  const noise = Math.max(Math.abs(after100.heapAgain.heapUsedMiB - after100.heap.heapUsedMiB), Math.abs(afterMany.heapAgain.heapUsedMiB - afterMany.heap.heapUsedMiB));
  const limit = Math.max(NOISE_FLOOR_MIB, 5 * noise);
  const total = 100 + o.calls;
  console.log(
    `\nsoak (Earshot, seats sending RTP, ${o.rate} calls/s, ${o.callLengthMs} ms calls): ${total} calls, ${failed} failed${failed ? ` — ${failureReasons(many.result)}` : ''}; ` +
      `readings ${fmt(o.settleMs / 1000, 0)} s after the last call, after 2 forced full GCs (took ${fmt(afterMany.heap.gcMs, 0)} ms)`,
  );
  printTable([
    ['hub memory (MiB)', 'after 100 calls', `after ${total} calls`, 'growth', 'per call'],
    ['live JS heap (heapUsed after GC)', fmt(after100.heap.heapUsedMiB, 2), fmt(afterMany.heap.heapUsedMiB, 2), fmt(growth, 2), `${fmt((growth * 1024 * 1024) / o.calls, 0)} B`],
    ['  same, read again 1 s later', fmt(after100.heapAgain.heapUsedMiB, 2), fmt(afterMany.heapAgain.heapUsedMiB, 2), fmt(afterMany.heapAgain.heapUsedMiB - after100.heapAgain.heapUsedMiB, 2), ''],
    ['heap reserved (heapTotal)', fmt(after100.heap.heapTotalMiB), fmt(afterMany.heap.heapTotalMiB), fmt(afterMany.heap.heapTotalMiB - after100.heap.heapTotalMiB), ''],
    ['external (buffers, handles)', fmt(after100.heap.externalMiB, 2), fmt(afterMany.heap.externalMiB, 2), fmt(afterMany.heap.externalMiB - after100.heap.externalMiB, 2), ''],
    ['RSS', fmt(after100.mem.rssMiB), `${fmt(afterMany.mem.rssMiB)} (${fmt(busy.rssMiB)} 3 s after)`, fmt(afterMany.mem.rssMiB - after100.mem.rssMiB), ''],
    ['peak RSS (VmHWM)', fmt(after100.mem.hwmMiB), fmt(afterMany.mem.hwmMiB), fmt(afterMany.mem.hwmMiB - after100.mem.hwmMiB), ''],
  ]);
  console.log(
    `  verdict: ${growth > limit ? `the live heap GREW ${fmt(growth, 2)} MiB over ${o.calls} calls — beyond noise` : `no growth beyond noise (live heap ${growth >= 0 ? '+' : ''}${fmt(growth, 2)} MiB over ${o.calls} calls)`}; ` +
      `noise: readings 1 s apart differ by ≤ ${fmt(noise, 2)} MiB, growth counts above ${fmt(limit, 2)} MiB (max of ${NOISE_FLOOR_MIB} MiB and 5 × noise)`,
  );
}
