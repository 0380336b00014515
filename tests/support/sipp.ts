// SIPp runner for scripted SIP peers. Scenarios live in tests/fixtures/sipp/ (a bare name such
// as 'uac_rr.xml' resolves there; an absolute path is used as is).
//
//   const uas = startSipp({ scenario: 'uas_dialog.xml', localPort: 5090 });   // background peer
//   await uas.ready;                                                          // UDP port bound
//   const r = await runSipp({ scenario: 'uac_rr.xml', service: 'echo', remote: '127.0.0.1:5060',
//                             localPort: 5091, callLengthMs: 200 });
//   r.exitCode === 0 && r.stats.successful === 1
//   await uas.done;                                                           // or uas.stop()
//
// SIPp exit codes: 0 all calls succeeded, 1 at least one call failed, 97 exit on internal
// command, 99 normal exit without calls processed, 255 fatal error, 254 cannot bind.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { isAbsolute, join } from 'node:path';
import { assertPrivateNetns } from './netns.ts';
import { boundPorts, fixturePath, isRunning, OutputTail, pollUntil, terminate, trackChild } from './proc.ts';
import { toolPath } from './tools.ts';

export interface SippOptions {
  /** Scenario file name in tests/fixtures/sipp/ or an absolute path. */
  scenario: string;
  /** host:port of the peer (Kamailio). Omit for a UAS that only waits. */
  remote?: string;
  /** `-s`: the user part of the Request-URI (e.g. 'echo'), `[service]` in the scenario. */
  service?: string;
  /** `-p`: local SIP port (UDP). */
  localPort: number;
  /** `-i`: local IP (default 127.0.0.1). */
  localIp?: string;
  /** `-m`: stop after this many calls (default 1). */
  calls?: number;
  /** `-r`: calls per second. */
  rate?: number;
  /** `-d`: length of the scenario's `<pause/>`, in ms. */
  callLengthMs?: number;
  /** `-au`/`-ap`: digest credentials for `[authentication]`. */
  auth?: { username: string; password: string };
  /** `-key name value` pairs, `[name]` in the scenario. */
  keys?: Record<string, string | number>;
  /** Any further SIPp arguments. */
  args?: string[];
  /** Whole-run limit: SIPp's -timeout (then counted as a failure) and a hard kill 5 s later. Default 30 s. */
  timeoutMs?: number;
}

export interface SippStats {
  successful: number;
  failed: number;
  /** Outgoing + incoming calls created. */
  created: number;
}

export interface SippResult {
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  stats: SippStats;
  /** Wall-clock ms from spawn to exit. */
  durationMs: number;
  stdout: string;
  stderr: string;
  /** Contents of SIPp's error log (unexpected messages, retransmission failures). */
  errors: string;
  /** The argument list SIPp was started with. */
  args: string[];
}

export interface SippProcess {
  readonly child: ChildProcess;
  /** Resolves once SIPp has bound its local UDP port. */
  readonly ready: Promise<void>;
  /** Resolves when SIPp exits on its own (or after stop()). */
  readonly done: Promise<SippResult>;
  /** SIGTERM (then SIGKILL) and the result. */
  stop(): Promise<SippResult>;
}

function scenarioPath(s: string): string {
  return isAbsolute(s) ? s : fixturePath('sipp', s);
}

/** Pulls the cumulative counters from SIPp's final statistics screen. */
export function parseSippStats(stdout: string): SippStats {
  const cumulative = (label: string): number => {
    const re = new RegExp(`^\\s*${label}\\s*\\|\\s*\\d+\\s*\\|\\s*(\\d+)`, 'gm');
    let last = 0;
    for (const m of stdout.matchAll(re)) last = Number(m[1]);
    return last;
  };
  return {
    successful: cumulative('Successful call'),
    failed: cumulative('Failed call'),
    created: cumulative('Incoming calls created') + cumulative('Outgoing calls created'),
  };
}

export function startSipp(opts: SippOptions): SippProcess {
  assertPrivateNetns();
  const runDir = mkdtempSync(join(tmpdir(), 'earshot-sipp-'));
  const errorFile = join(runDir, 'errors.log');
  const timeoutMs = opts.timeoutMs ?? 30_000;
  const args = [
    '-sf', scenarioPath(opts.scenario),
    '-i', opts.localIp ?? '127.0.0.1',
    '-p', String(opts.localPort),
    '-m', String(opts.calls ?? 1),
    '-nostdin',
    '-timeout', `${Math.ceil(timeoutMs / 1000)}s`,
    '-timeout_error',
    '-trace_err', '-error_file', errorFile,
  ];
  if (opts.service !== undefined) args.push('-s', opts.service);
  if (opts.rate !== undefined) args.push('-r', String(opts.rate));
  if (opts.callLengthMs !== undefined) args.push('-d', String(opts.callLengthMs));
  if (opts.auth) args.push('-au', opts.auth.username, '-ap', opts.auth.password);
  for (const [k, v] of Object.entries(opts.keys ?? {})) args.push('-key', k, String(v));
  args.push(...(opts.args ?? []));
  if (opts.remote) args.push(opts.remote);

  const t0 = performance.now();
  const child = spawn(toolPath('sipp'), args, { cwd: runDir, stdio: ['ignore', 'pipe', 'pipe'] });
  trackChild(child);
  const out = new OutputTail(256 * 1024);
  const err = new OutputTail();
  child.stdout?.on('data', (d: Buffer) => out.push(d));
  child.stderr?.on('data', (d: Buffer) => err.push(d));
  let spawnError: Error | undefined;
  child.once('error', (e) => (spawnError = e));
  const hardKill = setTimeout(() => void terminate(child, { signal: 'SIGKILL' }), timeoutMs + 5000);

  const done = new Promise<SippResult>((resolve) => {
    child.once('close', (code, signal) => {
      clearTimeout(hardKill);
      let errors = '';
      try {
        errors = readFileSync(errorFile, 'utf8');
      } catch {
        // no unexpected messages
      }
      rmSync(runDir, { recursive: true, force: true });
      const stdout = out.text();
      resolve({
        exitCode: code,
        signal,
        stats: parseSippStats(stdout),
        durationMs: performance.now() - t0,
        stdout,
        stderr: err.text() + (spawnError ? `\n${spawnError.message}` : ''),
        errors,
        args,
      });
    });
  });

  const ready = pollUntil(() => boundPorts('udp').has(opts.localPort), {
    timeoutMs: 5000,
    intervalMs: 5,
    what: `sipp ${opts.scenario} on :${opts.localPort}`,
    abort: () => (spawnError ? spawnError.message : isRunning(child) ? undefined : `exited early (${child.exitCode ?? child.signalCode})\n${err.lines()}\n${out.lines()}`),
  });
  ready.catch(() => undefined); // observed by whoever awaits it

  return {
    child,
    ready,
    done,
    async stop() {
      await terminate(child, { graceMs: 2000 });
      return done;
    },
  };
}

/** Runs a scenario to completion. */
export function runSipp(opts: SippOptions): Promise<SippResult> {
  return startSipp(opts).done;
}

/** A readable one-paragraph summary for assertion messages. */
export function describeSipp(r: SippResult): string {
  return (
    `sipp ${r.args.join(' ')}\n` +
    `exit ${r.exitCode ?? r.signal}, successful ${r.stats.successful}, failed ${r.stats.failed}, ${Math.round(r.durationMs)} ms\n` +
    (r.errors ? `--- errors ---\n${r.errors.slice(-4000)}\n` : '') +
    (r.stderr.trim() ? `--- stderr ---\n${r.stderr.slice(-2000)}\n` : '') +
    `--- stdout (tail) ---\n${r.stdout.split('\n').slice(-45).join('\n')}`
  );
}
