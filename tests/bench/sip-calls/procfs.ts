// Process and socket figures from /proc for tests/bench/sip-calls.ts: memory, CPU time (of one
// process or a process tree), UDP receive-buffer drops per local port.
import { readdirSync, readFileSync } from 'node:fs';

export interface MemStatus {
  rssMiB: number;
  /** Peak RSS (VmHWM). */
  hwmMiB: number;
}

export function procStatus(pid: number): MemStatus {
  const text = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+)\\s+kB`, 'm').exec(text)?.[1] ?? NaN);
  return { rssMiB: kib('VmRSS') / 1024, hwmMiB: kib('VmHWM') / 1024 };
}

/** Fields after the command name in /proc/<pid>/stat (field 3 of stat(5) is index 0). */
function statFields(pid: number): string[] | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return undefined; // gone
  }
}

/** utime + stime of a process in ms (USER_HZ = 100 on Linux); NaN once it is gone. */
export function cpuMs(pid: number): number {
  const f = statFields(pid);
  return f ? (Number(f[11]) + Number(f[12])) * 10 : NaN; // fields 14 and 15 of stat(5)
}

/** `pid` and all its descendants (Kamailio's workers are children of its main process). */
export function processTree(pid: number): number[] {
  const children = new Map<number, number[]>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const ppid = Number(statFields(Number(name))?.[1]);
    if (Number.isInteger(ppid)) children.set(ppid, [...(children.get(ppid) ?? []), Number(name)]);
  }
  const tree: number[] = [];
  const stack = [pid];
  while (stack.length > 0) {
    const p = stack.pop()!;
    tree.push(p);
    stack.push(...(children.get(p) ?? []));
  }
  return tree;
}

export interface CpuUse {
  /** All processes together, % of one core. */
  totalPct: number;
  /** The busiest single process, % of one core (a single-threaded process saturates at 100). */
  busiestPct: number;
}

/** CPU use of some processes from now on: `const m = cpuMeter(pids); … m.read()`. */
export function cpuMeter(pids: number[]): { read(): CpuUse } {
  const t0 = performance.now();
  const start = pids.map(cpuMs);
  return {
    read() {
      const wall = Math.max(1, performance.now() - t0);
      const pct = pids.map((p, i) => (100 * (cpuMs(p) - start[i]!)) / wall).filter(Number.isFinite);
      return { totalPct: pct.reduce((a, b) => a + b, 0), busiestPct: Math.max(0, ...pct) };
    },
  };
}

/** Receive-buffer drops per local UDP port in this namespace (/proc/net/udp, last column). */
function udpDropsByPort(): Map<number, number> {
  const drops = new Map<number, number>();
  for (const line of readFileSync('/proc/net/udp', 'utf8').split('\n').slice(1)) {
    const cols = line.trim().split(/\s+/);
    if (cols.length < 13) continue;
    const port = parseInt(cols[1]!.slice(cols[1]!.indexOf(':') + 1), 16);
    drops.set(port, (drops.get(port) ?? 0) + Number(cols.at(-1)));
  }
  return drops;
}

/**
 * Samples per-socket UDP drops while a SIPp run goes on (SIPp's own socket only exists during the
 * run). `sipPorts` are the SIP sockets (Kamailio, baresip, SIPp); anything else is RTP (e.g. the
 * headless seats' audio arriving at SIPp's media port, which SIPp binds but never reads).
 */
export function dropSampler(sipPorts: number[]): { stop(): { sip: number; rtp: number } } {
  const base = udpDropsByPort();
  const peak = new Map<number, number>();
  const sample = () => {
    for (const [port, n] of udpDropsByPort()) peak.set(port, Math.max(peak.get(port) ?? 0, n - (base.get(port) ?? 0)));
  };
  const timer = setInterval(sample, 100);
  return {
    stop() {
      clearInterval(timer);
      sample();
      let sip = 0;
      let rtp = 0;
      for (const [port, n] of peak) if (sipPorts.includes(port)) sip += n;
      else rtp += n;
      return { sip, rtp };
    },
  };
}

/** busy and total jiffies of all CPUs (/proc/stat; not namespaced: the whole machine). */
function machineJiffies(): { busy: number; total: number } {
  const cols = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1, 9).map(Number);
  const total = cols.reduce((a, b) => a + b, 0);
  return { busy: total - cols[3]! - cols[4]!, total }; // minus idle and iowait
}

/**
 * The whole machine's CPU use from now on, in % of one core (2 CPUs: up to 200). Beside the
 * bench's own processes it shows whether something else (another test run) took CPU meanwhile.
 */
export function machineMeter(cores: number): { read(): number } {
  const start = machineJiffies();
  return {
    read() {
      const now = machineJiffies();
      return (100 * cores * (now.busy - start.busy)) / Math.max(1, now.total - start.total);
    },
  };
}

/** UDP datagrams sent in this network namespace so far (/proc/net/snmp, Udp OutDatagrams). */
export function udpOutDatagrams(): number {
  const [header, values] = readFileSync('/proc/net/snmp', 'utf8')
    .split('\n')
    .filter((l) => l.startsWith('Udp:'));
  const i = header?.split(/\s+/).indexOf('OutDatagrams') ?? -1;
  return i > 0 ? Number(values?.split(/\s+/)[i]) : NaN;
}
