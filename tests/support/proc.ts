// Child-process and polling helpers shared by the harnesses (Kamailio, SIPp, hub, bench).
// Plain Node APIs only and only erasable TypeScript: tests/run.ts and tests/bench/run.ts load
// these files with Node's own type stripping, vitest loads them through Vite.
import type { ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

/** Absolute path of the repository root (tests/support/../..). */
export const repoRoot = fileURLToPath(new URL('../../', import.meta.url)).replace(/\/$/, '');

/** Absolute path of a file under tests/fixtures. */
export function fixturePath(...parts: string[]): string {
  return [repoRoot, 'tests', 'fixtures', ...parts].join('/');
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** A TCP port that was free a moment ago on 127.0.0.1 (listen on 0, read it, close). */
export function freePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.once('error', reject);
    srv.listen(0, host, () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => (port ? resolve(port) : reject(new Error('could not get a free port'))));
    });
  });
}

/** True while the process has neither exited nor been killed by a signal. */
export function isRunning(child: ChildProcess): boolean {
  return child.exitCode === null && child.signalCode === null;
}

export interface ExitInfo {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** Resolves when the child has exited (at once if it already has). */
export function exited(child: ChildProcess): Promise<ExitInfo> {
  if (!isRunning(child)) return Promise.resolve({ code: child.exitCode, signal: child.signalCode });
  return new Promise((resolve) => {
    child.once('exit', (code, signal) => resolve({ code, signal }));
  });
}

/**
 * Sends `signal`, waits up to `graceMs` for the exit, then SIGKILLs (the process group too when
 * the child was spawned detached, i.e. leads its own group). Always resolves with the exit.
 */
export async function terminate(
  child: ChildProcess,
  { signal = 'SIGTERM' as NodeJS.Signals, graceMs = 5000, group = false } = {},
): Promise<ExitInfo> {
  if (!isRunning(child)) return exited(child);
  const done = exited(child);
  sendSignal(child, signal, group);
  const timer = sleep(graceMs).then(() => 'timeout' as const);
  if ((await Promise.race([done, timer])) === 'timeout') sendSignal(child, 'SIGKILL', group);
  return done;
}

function sendSignal(child: ChildProcess, signal: NodeJS.Signals, group: boolean): void {
  if (child.pid === undefined) return;
  try {
    if (group) process.kill(-child.pid, signal);
    else child.kill(signal);
  } catch {
    // already gone
  }
}

// Children still running when the test process exits (crash, timeout, forgotten stop) are
// killed here by their own id (or their own process group), never by name.
const tracked = new Set<{ child: ChildProcess; group: boolean }>();
let exitHookInstalled = false;

export function trackChild(child: ChildProcess, group = false): void {
  const entry = { child, group };
  tracked.add(entry);
  child.once('exit', () => tracked.delete(entry));
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    process.once('exit', () => {
      for (const { child: c, group: g } of tracked) if (isRunning(c)) sendSignal(c, 'SIGKILL', g);
    });
  }
}

/** Keeps the last `maxChars` characters written to it (a child's stdout/stderr tail). */
export class OutputTail {
  private buf = '';
  private readonly maxChars: number;
  constructor(maxChars = 64 * 1024) {
    this.maxChars = maxChars;
  }
  push(chunk: Buffer | string): void {
    this.buf += chunk.toString();
    if (this.buf.length > this.maxChars * 2) this.buf = this.buf.slice(-this.maxChars);
  }
  text(): string {
    return this.buf.slice(-this.maxChars);
  }
  lines(n = 40): string {
    return lastLines(this.buf, n);
  }
}

export function lastLines(text: string, n = 40): string {
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  return lines.slice(-n).join('\n');
}

export function fileTail(path: string, n = 60): string {
  try {
    return lastLines(readFileSync(path, 'utf8'), n);
  } catch (err) {
    return `(cannot read ${path}: ${(err as Error).message})`;
  }
}

/** Local ports bound for UDP or listening for TCP in this process's network namespace. */
export function boundPorts(proto: 'udp' | 'tcp'): Set<number> {
  const ports = new Set<number>();
  for (const file of [`/proc/net/${proto}`, `/proc/net/${proto}6`]) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      continue;
    }
    for (const line of text.split('\n').slice(1)) {
      const cols = line.trim().split(/\s+/);
      const local = cols[1];
      const state = cols[3];
      if (!local || (proto === 'tcp' && state !== '0A')) continue; // 0A = LISTEN
      ports.add(parseInt(local.slice(local.lastIndexOf(':') + 1), 16));
    }
  }
  return ports;
}

/**
 * Polls `probe` every `intervalMs` until it returns true; rejects after `timeoutMs` or as soon
 * as `abort()` returns an error message (e.g. the child died).
 */
export async function pollUntil(
  probe: () => boolean | Promise<boolean>,
  { timeoutMs, intervalMs = 5, what, abort }: { timeoutMs: number; intervalMs?: number; what: string; abort?: () => string | undefined },
): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const reason = abort?.();
    if (reason) throw new Error(`${what}: ${reason}`);
    if (await probe()) return;
    if (performance.now() > deadline) throw new Error(`${what}: not ready after ${timeoutMs} ms`);
    await sleep(intervalMs);
  }
}

export function exitText({ code, signal }: ExitInfo): string {
  return signal ? `killed by ${signal}` : `exited with code ${code}`;
}
