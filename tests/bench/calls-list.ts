// `npm run bench:calls` → node tests/bench/calls-list.ts [--seconds N] [--concurrency N] [--calls N] [--segments N] [--rounds N]
//
// Call history at scale: authenticated GET /api/v1/calls/?limit=50 on a hub whose store holds
// 100,000 calls and 1,000,000 transcript segments, beside a bare node:http server (this file
// re-run with --baseline) answering the same 50-call page, serialised per request.
// Seeding: a hub starts once on a fresh data dir (runs the migrations, creates tenant `default`),
// stops, the rows go in with prepared statements in one transaction, the hub starts again.
// Load: N concurrent fetch workers from this process (the same client, connections and
// concurrency for both servers), after a warm-up of each; the measured time is split into rounds
// that alternate between the two (hub, baseline, baseline, hub, …) so that other work on the
// machine weighs on both alike. Per-request latency and requests/s; the machine's load average is
// printed beside the result. Goal: hub ≥ 50% of the baseline's requests/s, p99 ≤ 20 ms.
// Measured twice: first with nothing writing, so the hub answers from the page it keeps while the
// tenant's calls are unchanged (calls.repo.ts, calls.route.ts); then while calls arrive through
// the API (--writes per second, default 5: a busy office), so reads after each change cost one
// query and one serialisation more. Both are printed; the goal is judged on each.
import { createServer } from 'node:http';
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { spawnUntilHealthy, startHub, type Hub } from '../support/hub.ts';
import { freePort, terminate } from '../support/proc.ts';
import { DATABASE_FILE } from '../../electron/core/core.ts';
import { percentile } from './bench-args.ts';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

function intArg(name: string, fallback: number): number {
  const v = Number(arg(name));
  return Number.isInteger(v) && v > 0 ? v : fallback;
}

const PAGE = '/api/v1/calls/?limit=50';
const WRITES_PER_SECOND = intArg('--writes', 5);

/** The baseline: serves GET /health and the saved page, parsed once and serialised per request. */
function serveBaseline(pageFile: string, port: number): void {
  const page = JSON.parse(readFileSync(pageFile, 'utf8')) as unknown;
  const server = createServer((req, res) => {
    if (req.method === 'GET' && (req.url === '/health' || req.url === PAGE)) {
      const body = JSON.stringify(req.url === PAGE ? page : { status: 'healthy' });
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) });
      res.end(body);
      return;
    }
    res.writeHead(404).end();
  });
  server.listen(port, '127.0.0.1');
  process.on('SIGTERM', () => {
    server.close(() => process.exit(0));
    server.closeAllConnections();
  });
}

const SECONDS = intArg('--seconds', 20);
const CONCURRENCY = intArg('--concurrency', 16);
const CALLS = intArg('--calls', 100_000);
const SEGMENTS = intArg('--segments', 1_000_000);
const WARMUP_SECONDS = 3;
const ROUNDS = intArg('--rounds', 4);
const GOAL_RATIO = 0.5;
const GOAL_P99_MS = 20;
const TENANT = 'default';

/** Calls spread over the last year, ended (two in three handled by people, one by an AI agent), each with its share of segments. */
function seed(file: string): void {
  const db = new Database(file);
  try {
    db.pragma('journal_mode = WAL');
    // The bench measures the list, not the key's per-minute limit (600 by default).
    db.prepare('UPDATE api_keys SET rate_limit_per_minute = 1000000000 WHERE tenant_id = ?').run(TENANT);
    const insertCall = db.prepare(
      `INSERT INTO calls (sid, tenant_id, direction, from_number, to_number, status, handled_by, started_at, answered_at,
         ended_at, duration_seconds, end_reason, sip_code, sentiment, summary, metadata, analysis_state, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, 'completed', ?, ?, ?, ?, ?, 'hangup', 200, 'neutral', ?, '{}', 'done', ?, ?)`,
    );
    const insertSegment = db.prepare(
      `INSERT INTO transcript_segments (call_id, tenant_id, speaker, text, confidence, start_ms, end_ms, is_final, source, model, created_at)
       VALUES (?, ?, ?, ?, 0.93, ?, ?, 1, 'vad-stt', 'gpt-4o-transcribe', ?)`,
    );
    const perCall = Math.floor(SEGMENTS / CALLS);
    const extra = SEGMENTS - perCall * CALLS;
    const t0 = Date.now() - 365 * 86_400_000;
    const step = Math.floor((365 * 86_400_000) / CALLS);
    db.transaction(() => {
      for (let i = 0; i < CALLS; i++) {
        const start = t0 + i * step;
        const iso = (ms: number) => new Date(ms).toISOString();
        const duration = 60 + (i % 540);
        const { lastInsertRowid } = insertCall.run(
          `CAbench${i.toString(16).padStart(26, '0')}`, TENANT, i % 3 === 0 ? 'outbound' : 'inbound',
          `+8190${String(10_000_000 + i).slice(-8)}`, '+81312345678', i % 3 === 2 ? 'ai_agent' : 'human', iso(start), iso(start + 4000), iso(start + duration * 1000),
          duration, `Customer asked about invoice ${i}; resolved on the call.`, iso(start), iso(start + duration * 1000),
        );
        const n = perCall + (i < extra ? 1 : 0);
        for (let s = 0; s < n; s++) {
          insertSegment.run(lastInsertRowid, TENANT, s % 2 === 0 ? 'caller' : 'agent', `Segment ${s} of call ${i}: I would like to talk about my invoice, please.`, s * 5000, s * 5000 + 4200, iso(start + s * 5000));
        }
      }
    })();
  } finally {
    db.close();
  }
}

interface LoadResult {
  latencies: number[];
  errors: number;
  seconds: number;
  reqPerSec: number;
}

async function load(url: string, headers: Record<string, string>, seconds: number): Promise<LoadResult> {
  const latencies: number[] = [];
  let errors = 0;
  const t0 = performance.now();
  const end = t0 + seconds * 1000;
  const worker = async () => {
    while (performance.now() < end) {
      const t = performance.now();
      try {
        const res = await fetch(url, { headers, signal: AbortSignal.timeout(5000) });
        await res.arrayBuffer();
        if (res.status === 200) latencies.push(performance.now() - t);
        else errors++;
      } catch {
        errors++;
      }
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const elapsed = (performance.now() - t0) / 1000;
  return { latencies, errors, seconds: elapsed, reqPerSec: latencies.length / elapsed };
}

interface Target {
  url: string;
  headers: Record<string, string>;
}

/** Warms both up (JIT, connection pool, SQLite page cache), then alternates rounds between them. */
async function measurePair(a: Target, b: Target): Promise<[LoadResult, LoadResult]> {
  await load(a.url, a.headers, WARMUP_SECONDS);
  await load(b.url, b.headers, WARMUP_SECONDS);
  const results: [LoadResult[], LoadResult[]] = [[], []];
  const roundSeconds = SECONDS / ROUNDS;
  for (let round = 0; round < ROUNDS; round++) {
    const order = round % 2 === 0 ? [0, 1] : [1, 0];
    for (const i of order) {
      const t = i === 0 ? a : b;
      results[i]!.push(await load(t.url, t.headers, roundSeconds));
    }
  }
  const merge = (rs: LoadResult[]): LoadResult => {
    const latencies = rs.flatMap((r) => r.latencies);
    const seconds = rs.reduce((t, r) => t + r.seconds, 0);
    return { latencies, errors: rs.reduce((n, r) => n + r.errors, 0), seconds, reqPerSec: latencies.length / seconds };
  };
  return [merge(results[0]), merge(results[1])];
}

/** Creates calls through the hub's API at a steady rate until stopped; resolves with how many. */
function startWriter(url: string, headers: Record<string, string>, perSecond: number): () => Promise<number> {
  let written = 0;
  let inFlight: Promise<void> = Promise.resolve();
  const timer = setInterval(() => {
    inFlight = fetch(`${url}/api/v1/calls`, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json' },
      body: JSON.stringify({ direction: 'inbound', from_number: `+8190${String(written).padStart(8, '0')}`, to_number: '100', status: 'in-progress' }),
    }).then(
      (r) => void (r.status === 201 && written++),
      () => undefined,
    );
  }, 1000 / perSecond);
  return async () => {
    clearInterval(timer);
    await inFlight;
    return written;
  };
}

const loadText = () => loadavg().map((l) => l.toFixed(2)).join(' ');

async function main(): Promise<void> {
  console.log(`bench:calls: node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, ${CALLS} calls, ${SEGMENTS} segments, ${SECONDS} s × ${CONCURRENCY} concurrent per server in ${ROUNDS} alternating rounds`);
  let hub: Hub | null = null;
  let baseline: Awaited<ReturnType<typeof spawnUntilHealthy>> | null = null;
  try {
    hub = await startHub({ renderer: false });
    await hub.stop();
    const t = performance.now();
    seed(join(hub.dataDir, DATABASE_FILE));
    console.log(`seeded in ${((performance.now() - t) / 1000).toFixed(1)} s`);
    await hub.restart();

    const auth = { authorization: `Bearer ${hub.apiKey}` };
    const res = await fetch(`${hub.url}${PAGE}`, { headers: auth });
    const page = (await res.json()) as { calls: unknown[]; total: number };
    if (res.status !== 200 || page.calls.length !== 50 || page.total !== CALLS) throw new Error(`unexpected page: ${res.status}, ${page.calls?.length} calls, total ${page.total}`);
    const pageFile = join(hub.dataDir, 'baseline-page.json');
    writeFileSync(pageFile, JSON.stringify(page));

    const port = await freePort();
    baseline = await spawnUntilHealthy([process.argv[1]!, '--baseline', pageFile, '--port', String(port)], `http://127.0.0.1:${port}/health`, { timeoutMs: 30_000, what: 'baseline server' });
    const row = (name: string, r: LoadResult) =>
      `${name.padEnd(10)} ${r.reqPerSec.toFixed(0).padStart(7)} req/s   p50 ${percentile(r.latencies, 50).toFixed(2).padStart(6)} ms   p99 ${percentile(r.latencies, 99).toFixed(2).padStart(6)} ms   (n=${r.latencies.length}, errors ${r.errors})`;
    const report = (title: string, h: LoadResult, b: LoadResult) => {
      console.log(`\n${title}\nGET ${PAGE} (${Buffer.byteLength(JSON.stringify(page))} bytes)`);
      console.log(row('baseline', b));
      console.log(row('hub', h));
      const ratio = h.reqPerSec / b.reqPerSec;
      const p99 = percentile(h.latencies, 99);
      console.log(`ratio hub/baseline: throughput ${ratio.toFixed(2)}×, p99 ${(p99 / percentile(b.latencies, 99)).toFixed(2)}×`);
      console.log(`goal: throughput ≥ ${GOAL_RATIO * 100}% of baseline → ${ratio >= GOAL_RATIO ? 'met' : 'NOT met'}; p99 ≤ ${GOAL_P99_MS} ms → ${p99 <= GOAL_P99_MS ? 'met' : 'NOT met'} (${p99.toFixed(2)} ms)`);
    };
    const hubTarget = { url: `${hub.url}${PAGE}`, headers: auth };
    const baseTarget = { url: `http://127.0.0.1:${port}${PAGE}`, headers: {} };

    let loadBefore = loadText();
    const [quietHub, quietBase] = await measurePair(hubTarget, baseTarget);
    report(`nothing writing — load average (1/5/15 min) before ${loadBefore}, after ${loadText()}`, quietHub, quietBase);

    loadBefore = loadText();
    const stopWriter = startWriter(hub.url, auth, WRITES_PER_SECOND);
    const [busyHub, busyBase] = await measurePair(hubTarget, baseTarget);
    const written = await stopWriter();
    report(`while ${WRITES_PER_SECOND} calls/s arrive through the API (${written} written) — load average before ${loadBefore}, after ${loadText()}`, busyHub, busyBase);
  } finally {
    if (baseline) await terminate(baseline.child, { graceMs: 5000 });
    await hub?.dispose();
  }
}

const pageFile = arg('--baseline');
if (pageFile) serveBaseline(pageFile, Number(arg('--port')));
else await main();
