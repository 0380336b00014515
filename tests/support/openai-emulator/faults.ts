// Injected faults: a delay before answering (everywhere or under a path prefix) and a number
// of upcoming requests that fail with a given status. Both apply to sideband upgrades too.

interface PendingFailure {
  prefix: string;
  remaining: number;
  status: number;
}

export class Faults {
  private readonly delays = new Map<string, number>();
  private readonly failures: PendingFailure[] = [];

  /** `ms` before every later answer under `prefix` ('' = all paths); 0 removes it. */
  setDelay(ms: number, prefix = ''): void {
    if (ms > 0) this.delays.set(prefix, ms);
    else this.delays.delete(prefix);
  }

  /** The delay for `path`: the one of the longest matching prefix. */
  delayFor(path: string): number {
    let best = -1;
    let ms = 0;
    for (const [prefix, d] of this.delays) if (path.startsWith(prefix) && prefix.length > best) [best, ms] = [prefix.length, d];
    return ms;
  }

  failNext(n: number, status: number, prefix = ''): void {
    if (n > 0) this.failures.push({ prefix, remaining: n, status });
  }

  /** Consumes one pending failure for `path`, if any, and returns its status. */
  takeFailure(path: string): number | undefined {
    const f = this.failures.find((x) => x.remaining > 0 && path.startsWith(x.prefix));
    if (!f) return undefined;
    f.remaining--;
    if (f.remaining === 0) this.failures.splice(this.failures.indexOf(f), 1);
    return f.status;
  }
}
