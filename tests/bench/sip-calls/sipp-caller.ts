// SIPp as the caller for tests/bench/sip-calls.ts: tests/fixtures/sipp/uac_timed.xml towards one
// user (-s) or round-robin over many (-inf CSV, SEQUENTIAL), with per-call timings from SIPp's
// -trace_shortmsg log (gettimeofday, µs), how fast SIPp really placed the calls, SIPp's own CPU
// use (it shares the CPUs with the sides it measures) and, on request, its calls-in-progress
// series (-trace_stat).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fixturePath } from '../../support/proc.ts';
import { startSipp, type SippProcess, type SippResult } from '../../support/sipp.ts';
import { cpuMs } from './procfs.ts';

export const REMOTE = '127.0.0.1:5060';
const SIPP_BUFF = '4194304';

export interface CallTiming {
  callNo: number;
  /** µs (epoch) when SIPp sent the INVITE. */
  inviteAtUs: number;
  ringingMs?: number;
  answeredMs?: number;
}

export interface CallerRun {
  result: SippResult;
  timings: CallTiming[];
  /** Calls/s SIPp actually placed: INVITEs sent over the span from the first to the last. */
  placedCps: number;
  /** SIPp's CPU use over its run, % of one core. */
  sippCpuPct: number;
  /** Most calls SIPp had open at once (sampled each second), when `stats` was asked for. */
  peakOpenCalls?: number;
  /** Calls answered (200 received), for setup percentiles. */
  answeredMs: number[];
}

export interface CallerOptions {
  /** One callee (-s) … */
  service?: string;
  /** … or these, round-robin. */
  users?: string[];
  calls: number;
  rate: number;
  callLengthMs: number;
  timeoutMs: number;
  /** -l: most calls open at once (SIPp's default is 3 × call length × rate). */
  openLimit?: number;
  /** Also record SIPp's statistics each second (for peakOpenCalls). */
  stats?: boolean;
}

/** Per Call-ID from SIPp's -trace_shortmsg log: INVITE sent → first 180 / first 200 (INVITE) received. */
function parseShortMessages(path: string): CallTiming[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return [];
  }
  const calls = new Map<string, { callNo: number; invite?: number; ringing?: number; answered?: number }>();
  for (const line of text.split('\n')) {
    const cols = line.split('\t');
    if (cols.length < 7) continue;
    const [, , epoch, dir, callId, cseq, first] = cols as [string, string, string, string, string, string, string];
    if (!cseq.includes('INVITE')) continue;
    const [sec, frac = '0'] = epoch.split('.');
    const us = Number(sec) * 1e6 + Number(frac.padEnd(6, '0').slice(0, 6));
    let c = calls.get(callId);
    if (!c) calls.set(callId, (c = { callNo: parseInt(callId, 10) }));
    if (dir === 'S' && first.startsWith('INVITE ')) c.invite ??= us;
    else if (dir === 'R' && first.startsWith('SIP/2.0 180')) c.ringing ??= us;
    else if (dir === 'R' && first.startsWith('SIP/2.0 200')) c.answered ??= us;
  }
  return [...calls.values()]
    .filter((c) => c.invite !== undefined)
    .map((c) => ({
      callNo: c.callNo,
      inviteAtUs: c.invite!,
      ringingMs: c.ringing !== undefined ? (c.ringing - c.invite!) / 1000 : undefined,
      answeredMs: c.answered !== undefined ? (c.answered - c.invite!) / 1000 : undefined,
    }))
    .sort((a, b) => a.callNo - b.callNo);
}

/** Columns of SIPp's -trace_stat CSV (header row, then one row per -fd period). */
function statColumn(path: string, name: string): number[] | undefined {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
  const [header, ...rows] = text.trim().split('\n');
  const col = header?.split(';').indexOf(name) ?? -1;
  if (col < 0) return undefined;
  return rows.map((r) => Number(r.split(';')[col])).filter(Number.isFinite);
}

/** Largest CurrentCall in SIPp's -trace_stat CSV. */
function peakOpenCalls(path: string): number | undefined {
  const open = statColumn(path, 'CurrentCall');
  return open && Math.max(0, ...open);
}

function lastStatRow(path: string): { created: number; open: number } | undefined {
  const created = statColumn(path, 'OutgoingCall(C)')?.at(-1);
  const open = statColumn(path, 'CurrentCall')?.at(-1);
  return created !== undefined && open !== undefined ? { created, open } : undefined;
}

/** "received 'SIP/2.0 486 Busy Here'" / "timeout" counts from SIPp's error log. */
export function failureReasons(r: SippResult): string {
  const counts = new Map<string, number>();
  const add = (k: string) => counts.set(k, (counts.get(k) ?? 0) + 1);
  for (const m of r.errors.matchAll(/received '(SIP\/2\.0 \d{3}[^\r\n']*)/g)) add(m[1]!.trim());
  for (const _ of r.errors.matchAll(/timeout/gi)) add('timeout');
  for (const _ of r.errors.matchAll(/Max number of retransmissions|retransmission/gi)) add('max retransmissions');
  if (counts.size === 0 && r.errors.trim()) add(r.errors.trim().split('\n').at(-1)!.slice(0, 160));
  return [...counts.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 5)
    .map(([k, n]) => `${n}× ${k}`)
    .join('; ');
}

export class SippCaller {
  private readonly dir: string;
  private nextPort = 5100;
  private runs = 0;
  /** Calls SIPp created, per label (e.g. per side): to compare with the hub's call records. */
  readonly placed = new Map<string, number>();

  constructor(runDir: string) {
    this.dir = runDir;
  }

  /** A fresh local SIP port for the next run (a just-closed one may still be in use by late packets). */
  port(): number {
    return this.nextPort++;
  }

  run(label: string, o: CallerOptions, port = this.port()): Promise<CallerRun> {
    return this.start(label, o, port).done;
  }

  /**
   * Starts a run; `progress()` reads SIPp's statistics file (written each second, `stats: true`
   * only): calls created so far and calls open now.
   */
  start(label: string, o: CallerOptions, port = this.port()): { done: Promise<CallerRun>; progress(): { created: number; open: number } | undefined } {
    const n = ++this.runs;
    const shortLog = join(this.dir, `sipp-${n}-short.log`);
    const statFile = join(this.dir, `sipp-${n}-stat.csv`);
    const injected = o.users !== undefined;
    const args = ['-recv_timeout', '5000', '-timer_resol', '1', '-buff_size', SIPP_BUFF, '-trace_shortmsg', '-shortmessage_file', shortLog];
    if (injected) args.push('-inf', this.usersCsv(n, o.users!));
    if (o.openLimit !== undefined) args.push('-l', String(o.openLimit));
    if (o.stats) args.push('-trace_stat', '-stf', statFile, '-fd', '1');
    const sipp = startSipp({
      scenario: this.scenario(injected),
      remote: REMOTE,
      service: o.service,
      localPort: port,
      calls: o.calls,
      rate: o.rate,
      callLengthMs: o.callLengthMs,
      timeoutMs: o.timeoutMs,
      args,
    });
    return { done: this.finish(label, o, sipp, shortLog, statFile), progress: () => lastStatRow(statFile) };
  }

  private async finish(label: string, o: CallerOptions, sipp: SippProcess, shortLog: string, statFile: string): Promise<CallerRun> {
    const pid = sipp.child.pid!;
    const first = { cpu: cpuMs(pid), at: performance.now() };
    let last = first;
    const sampler = setInterval(() => {
      const cpu = cpuMs(pid);
      if (Number.isFinite(cpu)) last = { cpu, at: performance.now() };
    }, 200);
    const result = await sipp.done;
    clearInterval(sampler);
    this.placed.set(label, (this.placed.get(label) ?? 0) + result.stats.created);
    const timings = parseShortMessages(shortLog);
    const sent = timings.map((t) => t.inviteAtUs);
    const spanS = sent.length > 1 ? (sent.reduce((a, b) => Math.max(a, b)) - sent.reduce((a, b) => Math.min(a, b))) / 1e6 : NaN;
    return {
      result,
      timings,
      placedCps: (sent.length - 1) / spanS,
      sippCpuPct: (100 * (last.cpu - first.cpu)) / Math.max(1, last.at - first.at),
      peakOpenCalls: o.stats ? peakOpenCalls(statFile) : undefined,
      answeredMs: timings.flatMap((t) => (t.answeredMs !== undefined ? [t.answeredMs] : [])),
    };
  }

  /** uac_timed.xml as is ([service] from -s) or with the callee from an -inf CSV ([field0]). */
  private scenario(injected: boolean): string {
    if (!injected) return fixturePath('sipp', 'uac_timed.xml');
    const path = join(this.dir, 'uac_timed_inf.xml');
    writeFileSync(path, readFileSync(fixturePath('sipp', 'uac_timed.xml'), 'utf8').replaceAll('[service]', '[field0]'));
    return path;
  }

  private usersCsv(n: number, users: string[]): string {
    const path = join(this.dir, `users-${n}.csv`);
    writeFileSync(path, ['SEQUENTIAL', ...users.map((u) => `${u};`), ''].join('\n'));
    return path;
  }
}
