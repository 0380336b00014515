// A worker thread holding some of the bench's console sockets, so the sockets' reading does not
// share one event loop with the bench's sending (the load generator must not be the bottleneck).
// It reports, in batches, when each measured message arrived (epoch ms: the same clock in every
// thread), and can record everything its first socket got.
import { parentPort, workerData } from 'node:worker_threads';
import WebSocket from 'ws';

export interface SocketSpec {
  url: string;
  headers: Record<string, string>;
  localAddress: string;
}

export interface WorkerInput {
  sockets: SocketSpec[];
  /** Record every message of the first socket (for the baseline's replay). */
  record: boolean;
}

export type Arrival = [probe: 'calls' | 'queue', seq: number, at: number];

export type WorkerMessage =
  | { type: 'open' }
  | { type: 'arrivals'; arrivals: Arrival[] }
  | { type: 'recording'; messages: { at: number; text: string }[] }
  | { type: 'error'; message: string };

const CALL_SEQ = /"bench_seq":(\d+)/;
const QUEUE_SEQ = /"bench_q":(\d+)/;

/** Which measured message this is (a cheap match, not a parse). */
export function measured(text: string): { probe: 'calls' | 'queue'; seq: number } | null {
  const c = CALL_SEQ.exec(text);
  if (c && text.includes('"call.updated"')) return { probe: 'calls', seq: Number(c[1]) };
  const q = QUEUE_SEQ.exec(text);
  if (q && text.includes('"queue.entry"') && text.includes('"state":"waiting"')) return { probe: 'queue', seq: Number(q[1]) };
  return null;
}

const now = () => performance.timeOrigin + performance.now();

async function run(input: WorkerInput): Promise<void> {
  const port = parentPort!;
  let arrivals: Arrival[] = [];
  const recording: { at: number; text: string }[] = [];
  let recordingOn = false;
  const sockets = await Promise.all(
    input.sockets.map(
      (spec, i) =>
        new Promise<WebSocket>((resolve, reject) => {
          const ws = new WebSocket(spec.url, { headers: spec.headers, localAddress: spec.localAddress });
          ws.on('message', (data) => {
            const at = now();
            const text = String(data);
            if (recordingOn && i === 0) recording.push({ at, text });
            const m = measured(text);
            if (m) arrivals.push([m.probe, m.seq, at]);
          });
          ws.once('open', () => resolve(ws));
          ws.once('error', reject);
        }),
    ),
  );
  const flush = setInterval(() => {
    if (arrivals.length === 0) return;
    port.postMessage({ type: 'arrivals', arrivals } satisfies WorkerMessage);
    arrivals = [];
  }, 50);
  port.on('message', (m: { type: 'record' | 'stop' }) => {
    if (m.type === 'record') recordingOn = input.record;
    if (m.type === 'stop') {
      clearInterval(flush);
      if (arrivals.length > 0) port.postMessage({ type: 'arrivals', arrivals } satisfies WorkerMessage);
      if (input.record) port.postMessage({ type: 'recording', messages: recording } satisfies WorkerMessage);
      for (const ws of sockets) ws.terminate();
      port.close();
    }
  });
  port.postMessage({ type: 'open' } satisfies WorkerMessage);
}

if (parentPort && workerData) {
  run(workerData as WorkerInput).catch((err: Error) => parentPort!.postMessage({ type: 'error', message: err.message } satisfies WorkerMessage));
}
