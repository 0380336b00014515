// A real hub as a child process, started the way integrators start it (DESIGN §10):
//   node electron/core/cli.ts serve --port P --data-dir D --host 127.0.0.1
// with EARSHOT_BOOTSTRAP_KEY set, ready once GET /health answers 200.
//
//   const hub = await startHub();
//   await fetch(`${hub.url}/api/v1/agents`, { headers: { authorization: `Bearer ${hub.apiKey}` } });
//   await hub.kill9(); await hub.restart();   // same port, same data dir
//   await hub.dispose();                       // stop + remove the data dir
//
// Also used by tests/bench/run.ts (plain Node type stripping): erasable TypeScript only.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exitText, freePort, isRunning, OutputTail, repoRoot, sleep, terminate, trackChild } from './proc.ts';

export const HUB_CLI = join(repoRoot, 'electron', 'core', 'cli.ts');

export interface HubOptions {
  /** Default: a free port. restart() keeps it. */
  port?: number;
  /** Default 127.0.0.1 (loopback only). */
  host?: string;
  /** Default: a fresh temp dir (removed by dispose()). */
  dataDir?: string;
  /** EARSHOT_BOOTSTRAP_KEY; default: random. It creates the admin key of tenant `default` on first start. */
  apiKey?: string;
  /** Serve the console (default true); false adds --no-renderer. */
  renderer?: boolean;
  /** More CLI arguments after `serve …`. */
  args?: string[];
  /** More environment (merged over process.env; OPENAI_* are cleared unless given here). */
  env?: Record<string, string | undefined>;
  /** How long to wait for the first 200 from /health (default 60 s: a first start may build the console). */
  readyTimeoutMs?: number;
  /** Poll interval for /health (default 5 ms). */
  pollIntervalMs?: number;
}

export interface Hub {
  /** http://127.0.0.1:PORT (no trailing slash). */
  readonly url: string;
  readonly port: number;
  readonly dataDir: string;
  /** The bootstrap admin key (Bearer token). */
  readonly apiKey: string;
  /** The current hub process (replaced by restart()). */
  readonly child: ChildProcess;
  /** ms from spawn to the first 200 from /health, for the latest start. */
  readonly startupMs: number;
  /** Combined stdout+stderr tail of the current process. */
  logTail(lines?: number): string;
  /** SIGTERM and wait for the exit (SIGKILL after 10 s). Resolves with how it exited. */
  stop(): Promise<string>;
  /** SIGKILL and wait for the exit: a crash, no clean shutdown. */
  kill9(): Promise<string>;
  /** Stops the hub if it runs, then starts it again on the same port and data dir. */
  restart(): Promise<void>;
  /** stop() and remove the data dir if the harness created it. */
  dispose(): Promise<void>;
}

function nodeBinary(): string {
  const major = Number(process.versions.node.split('.')[0]);
  if (major < 24) throw new Error(`the hub needs Node >= 24, this is ${process.version}: run tests with \`npm test\``);
  return process.execPath;
}

export interface SpawnedServer {
  child: ChildProcess;
  output: OutputTail;
  /** ms from spawn to the first 200. */
  startupMs: number;
}

/**
 * Spawns `node <args>` and polls GET `healthUrl` until it answers 200. Shared by the hub
 * harness and the bench's baseline server so both are measured the same way.
 */
export async function spawnUntilHealthy(
  args: string[],
  healthUrl: string,
  { env = process.env as Record<string, string | undefined>, timeoutMs = 60_000, intervalMs = 5, what = 'server' } = {},
): Promise<SpawnedServer> {
  const output = new OutputTail();
  const t0 = performance.now();
  const child = spawn(nodeBinary(), args, { cwd: repoRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
  trackChild(child);
  child.stdout?.on('data', (d: Buffer) => output.push(d));
  child.stderr?.on('data', (d: Buffer) => output.push(d));
  let spawnError: Error | undefined;
  child.once('error', (e) => (spawnError = e));

  const deadline = t0 + timeoutMs;
  for (;;) {
    if (spawnError || !isRunning(child)) {
      const how = spawnError ? `failed to spawn: ${spawnError.message}` : exitText({ code: child.exitCode, signal: child.signalCode });
      await sleep(20); // let the last output arrive
      throw new Error(`${what} ${how} before /health answered 200\n--- output (tail) ---\n${output.lines(60)}`);
    }
    try {
      const res = await fetch(healthUrl, { signal: AbortSignal.timeout(2000) });
      await res.arrayBuffer();
      if (res.status === 200) return { child, output, startupMs: performance.now() - t0 };
    } catch {
      // not listening yet
    }
    if (performance.now() > deadline) {
      await terminate(child, { signal: 'SIGKILL' });
      throw new Error(`${what}: /health did not answer 200 within ${timeoutMs} ms\n--- output (tail) ---\n${output.lines(60)}`);
    }
    await sleep(intervalMs);
  }
}

export async function startHub(opts: HubOptions = {}): Promise<Hub> {
  const host = opts.host ?? '127.0.0.1';
  const port = opts.port ?? (await freePort(host));
  const ownDataDir = opts.dataDir === undefined;
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'earshot-hub-'));
  const apiKey = opts.apiKey ?? `es_test_${randomBytes(18).toString('base64url')}`;
  const urlHost = host.includes(':') ? `[${host}]` : host;
  const url = `http://${urlHost}:${port}`;
  const args = [HUB_CLI, 'serve', '--port', String(port), '--data-dir', dataDir, '--host', host];
  if (opts.renderer === false) args.push('--no-renderer');
  args.push(...(opts.args ?? []));
  const env: Record<string, string | undefined> = {
    ...process.env,
    OPENAI_BASE_URL: undefined,
    OPENAI_API_KEY: undefined,
    OPENAI_WEBHOOK_SECRET: undefined,
    ...opts.env,
    EARSHOT_BOOTSTRAP_KEY: apiKey,
  };
  for (const k of Object.keys(env)) if (env[k] === undefined) delete env[k];

  let current: SpawnedServer = await launch();

  function launch(): Promise<SpawnedServer> {
    return spawnUntilHealthy(args, `${url}/health`, {
      env,
      timeoutMs: opts.readyTimeoutMs ?? 60_000,
      intervalMs: opts.pollIntervalMs ?? 5,
      what: `hub (${url}, data ${dataDir})`,
    });
  }

  const hub: Hub = {
    url,
    port,
    dataDir,
    apiKey,
    get child() {
      return current.child;
    },
    get startupMs() {
      return current.startupMs;
    },
    logTail(lines = 60) {
      return current.output.lines(lines);
    },
    async stop() {
      return exitText(await terminate(current.child, { signal: 'SIGTERM', graceMs: 10_000 }));
    },
    async kill9() {
      return exitText(await terminate(current.child, { signal: 'SIGKILL' }));
    },
    async restart() {
      await hub.stop();
      current = await launch();
    },
    async dispose() {
      await hub.stop();
      if (ownDataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return hub;
}
