// The hub's live JS heap, read over the Node inspector protocol — no product change: the bench
// starts the hub with NODE_OPTIONS=--inspect=127.0.0.1:9229 (inside the bench's private network
// namespace, so only this bench can reach it), forces full garbage collections
// (HeapProfiler.collectGarbage) and reads process.memoryUsage() in the hub (Runtime.evaluate).

export const INSPECT_PORT = 9229;

/** Environment for startHub({ env }) that opens the inspector on loopback. */
export function inspectorEnv(): Record<string, string> {
  return { NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --inspect=127.0.0.1:${INSPECT_PORT}`.trim() };
}

export interface HeapReading {
  /** Live heap after forced GC. */
  heapUsedMiB: number;
  heapTotalMiB: number;
  /** Memory of C++ objects bound to JS (buffers, sockets' handles…). */
  externalMiB: number;
  rssMiB: number;
  /** How long the forced GCs took (the hub's event loop stood still meanwhile). */
  gcMs: number;
}

const MiB = 1024 * 1024;

async function session(): Promise<{ call(method: string, params?: object): Promise<Record<string, unknown>>; close(): void }> {
  const list = (await (await fetch(`http://127.0.0.1:${INSPECT_PORT}/json/list`)).json()) as { webSocketDebuggerUrl: string }[];
  const url = list[0]?.webSocketDebuggerUrl;
  if (!url) throw new Error(`no inspector target on 127.0.0.1:${INSPECT_PORT}`);
  const ws = new WebSocket(url);
  await new Promise<void>((resolve, reject) => {
    ws.addEventListener('open', () => resolve(), { once: true });
    ws.addEventListener('error', () => reject(new Error(`cannot open ${url}`)), { once: true });
  });
  let nextId = 0;
  const pending = new Map<number, { resolve(v: Record<string, unknown>): void; reject(e: Error): void }>();
  ws.addEventListener('message', (ev) => {
    const msg = JSON.parse(String(ev.data)) as { id?: number; result?: Record<string, unknown>; error?: { message: string } };
    const p = msg.id !== undefined ? pending.get(msg.id) : undefined;
    if (!p) return;
    pending.delete(msg.id!);
    if (msg.error) p.reject(new Error(msg.error.message));
    else p.resolve(msg.result ?? {});
  });
  return {
    call(method, params = {}) {
      const id = ++nextId;
      ws.send(JSON.stringify({ id, method, params }));
      return new Promise((resolve, reject) => pending.set(id, { resolve, reject }));
    },
    close: () => ws.close(),
  };
}

/** Two forced full GCs, then process.memoryUsage() inside the hub. */
export async function readHubHeap(): Promise<HeapReading> {
  const s = await session();
  try {
    const t0 = performance.now();
    await s.call('HeapProfiler.collectGarbage');
    await s.call('HeapProfiler.collectGarbage');
    const gcMs = performance.now() - t0;
    const r = await s.call('Runtime.evaluate', { expression: 'JSON.stringify(process.memoryUsage())', returnByValue: true });
    const m = JSON.parse((r.result as { value: string }).value) as NodeJS.MemoryUsage;
    return { heapUsedMiB: m.heapUsed / MiB, heapTotalMiB: m.heapTotal / MiB, externalMiB: m.external / MiB, rssMiB: m.rss / MiB, gcMs };
  } finally {
    s.close();
  }
}
