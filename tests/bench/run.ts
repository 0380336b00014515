// `npm run bench` → node tests/bench/run.ts [--runs N] [--requests N] [--concurrency N]
//
// Hub figures beside a baseline measured in the same run (DESIGN §9): a bare node:http server
// (tests/bench/baseline-server.ts) started the same way — same node binary, child process,
// GET /health polled every 5 ms.
//   • cold start: spawn → first 200 from /health (fresh data dir per hub start)
//   • idle RSS: VmRSS from /proc/<pid>/status, 1 s after the first 200
//   • GET /health: per-request latency and requests/s for a bounded loop from this process
// N runs each (first one discarded as warm-up; it also builds the console if it isn't built),
// p50/p95 and ratio hub/baseline. Loopback only, bounded in count and time.
// Then the console's live-transcript VAD in headless Chromium (tests/bench/vad-cost.ts).
// Then the live-transcript latency bench (tests/bench/transcript-latency.ts) in its own process.
// Then the wallboard fan-out bench (tests/bench/wallboard-fanout.ts) in its own process.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cpus } from 'node:os';
import { spawnUntilHealthy, startHub, type Hub } from '../support/hub.ts';
import { freePort, repoRoot, sleep, terminate } from '../support/proc.ts';
import { vadCostBench } from './vad-cost.ts';
import { intArg, percentile } from './bench-args.ts';

const RUNS = intArg('--runs', 7);
const REQUESTS = intArg('--requests', 2000);
const CONCURRENCY = intArg('--concurrency', 16);
const IDLE_MS = 1000;
const LOOP_DEADLINE_MS = 60_000;

function rssKiB(pid: number): number {
  const m = /^VmRSS:\s+(\d+)\s+kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  if (!m) throw new Error(`no VmRSS for pid ${pid}`);
  return Number(m[1]);
}

interface Started {
  pid: number;
  url: string;
  startupMs: number;
  stop(): Promise<void>;
}

async function startBaseline(): Promise<Started> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const s = await spawnUntilHealthy([join(repoRoot, 'tests', 'bench', 'baseline-server.ts'), '--port', String(port), '--host', '127.0.0.1'], `${url}/health`, {
    timeoutMs: 30_000,
    what: 'baseline server',
  });
  return {
    pid: s.child.pid!,
    url,
    startupMs: s.startupMs,
    async stop() {
      await terminate(s.child, { graceMs: 5000 });
    },
  };
}

async function startHubProcess(warmup: boolean): Promise<Started> {
  const hub: Hub = await startHub({ readyTimeoutMs: warmup ? 180_000 : 60_000 });
  return {
    pid: hub.child.pid!,
    url: hub.url,
    startupMs: hub.startupMs,
    async stop() {
      await hub.dispose();
    },
  };
}

async function coldStart(start: () => Promise<Started>): Promise<{ startupMs: number; rssMiB: number }> {
  const s = await start();
  try {
    await sleep(IDLE_MS);
    return { startupMs: s.startupMs, rssMiB: rssKiB(s.pid) / 1024 };
  } finally {
    await s.stop();
  }
}

interface LoadResult {
  latencies: number[];
  errors: number;
  reqPerSec: number;
}

async function load(url: string, requests: number, concurrency: number): Promise<LoadResult> {
  const latencies: number[] = [];
  let errors = 0;
  let next = 0;
  const deadline = performance.now() + LOOP_DEADLINE_MS;
  const t0 = performance.now();
  const worker = async () => {
    while (next < requests && performance.now() < deadline) {
      next++;
      const t = performance.now();
      try {
        const res = await fetch(`${url}/health`, { signal: AbortSignal.timeout(5000) });
        await res.arrayBuffer();
        if (res.status === 200) latencies.push(performance.now() - t);
        else errors++;
      } catch {
        errors++;
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const elapsed = (performance.now() - t0) / 1000;
  return { latencies, errors, reqPerSec: latencies.length / elapsed };
}

async function throughput(start: () => Promise<Started>): Promise<LoadResult> {
  const s = await start();
  try {
    await load(s.url, Math.min(200, REQUESTS), CONCURRENCY); // warm-up: JIT, connection pool
    return await load(s.url, REQUESTS, CONCURRENCY);
  } finally {
    await s.stop();
  }
}

const fmt = (n: number, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : '—');

function row(label: string, base: number[], hub: number[], digits = 1): string[] {
  const [b50, b95, h50, h95] = [percentile(base, 50), percentile(base, 95), percentile(hub, 50), percentile(hub, 95)];
  return [label, `${fmt(b50, digits)} / ${fmt(b95, digits)}`, `${fmt(h50, digits)} / ${fmt(h95, digits)}`, `${fmt(h50 / b50, 2)} / ${fmt(h95 / b95, 2)}`];
}

function printTable(rows: string[][]): void {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  rows.forEach((r, i) => {
    console.log(r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  '));
    if (i === 0) console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  });
}

async function main(): Promise<void> {
  console.log(`bench: node ${process.version}, ${cpus().length} CPUs, ${RUNS} runs (first discarded), ${REQUESTS} requests × ${CONCURRENCY} concurrent`);
  const base = { start: [] as number[], rss: [] as number[] };
  const hub = { start: [] as number[], rss: [] as number[] };
  for (let i = 0; i < RUNS; i++) {
    const warmup = i === 0;
    // Alternate the order so neither side always runs on a freshly idle machine.
    const order = i % 2 === 0 ? (['base', 'hub'] as const) : (['hub', 'base'] as const);
    for (const which of order) {
      const r = which === 'base' ? await coldStart(startBaseline) : await coldStart(() => startHubProcess(warmup));
      if (warmup) continue;
      const bucket = which === 'base' ? base : hub;
      bucket.start.push(r.startupMs);
      bucket.rss.push(r.rssMiB);
    }
    process.stdout.write(`  run ${i + 1}/${RUNS}${warmup ? ' (warm-up)' : ''} done\n`);
  }

  const baseLoad = await throughput(startBaseline);
  const hubLoad = await throughput(() => startHubProcess(false));

  console.log('');
  printTable([
    ['metric', 'baseline p50 / p95', 'hub p50 / p95', 'hub/baseline p50 / p95'],
    row('cold start → /health 200 (ms)', base.start, hub.start),
    row('idle RSS after start (MiB)', base.rss, hub.rss),
    row(`GET /health latency, c=${CONCURRENCY} (ms)`, baseLoad.latencies, hubLoad.latencies, 2),
    [
      'GET /health throughput (req/s)',
      fmt(baseLoad.reqPerSec, 0),
      fmt(hubLoad.reqPerSec, 0),
      fmt(hubLoad.reqPerSec / baseLoad.reqPerSec, 2),
    ],
  ]);
  console.log('');
  console.log(
    `requests answered 200: baseline ${baseLoad.latencies.length}/${REQUESTS} (${baseLoad.errors} errors), hub ${hubLoad.latencies.length}/${REQUESTS} (${hubLoad.errors} errors)`,
  );
  if (baseLoad.errors > 0 || hubLoad.errors > 0) process.exitCode = 1;

  await vadCostBench();
}

/** The live-transcript latency bench (tests/bench/transcript-latency.ts): its own process, as it needs Kamailio in a network namespace. */
async function transcriptLatency(): Promise<void> {
  console.log('');
  const child = spawn(process.execPath, [join(repoRoot, 'tests', 'bench', 'transcript-latency.ts')], { cwd: repoRoot, stdio: 'inherit' });
  const code = await new Promise<number>((resolve) => child.once('exit', (c) => resolve(c ?? 1)));
  if (code !== 0) process.exitCode = 1;
}

/** The wallboard fan-out bench (tests/bench/wallboard-fanout.ts): its own process, in its own network namespace. */
async function wallboardFanout(): Promise<void> {
  console.log('');
  const child = spawn(process.execPath, [join(repoRoot, 'tests', 'bench', 'wallboard-fanout.ts')], { cwd: repoRoot, stdio: 'inherit' });
  const code = await new Promise<number>((resolve) => child.once('exit', (c) => resolve(c ?? 1)));
  if (code !== 0) process.exitCode = 1;
}

try {
  await main();
  await transcriptLatency();
  await wallboardFanout();
} catch (err) {
  console.error((err as Error).message);
  process.exitCode = 1;
}
