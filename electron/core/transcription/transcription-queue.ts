import type { PendingSegment, PendingState } from '../../../shared/domain/transcript.ts';
import type { EventBus } from '../events/event-bus.ts';
import type { CallsService } from '../services/calls.service.ts';
import { Backoff } from '../sip/backoff.ts';
import type { Store } from '../store/store.ts';
import { AiFailure, aiFailureOf } from './ai-failure.ts';
import type { SegmentSpool, SpooledSegment } from './segment-spool.ts';
import { callClockStart, segmentTiming } from './segment-timing.ts';
import type { Transcribe, TranscribedText } from './segment-transcriber.ts';

export interface Timers {
  set(fn: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

const realTimers: Timers = {
  set: (fn, ms) => setTimeout(fn, ms).unref(),
  clear: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

export interface TranscriptionQueueOptions {
  store: Store;
  bus: EventBus;
  calls: CallsService;
  spool: Pick<SegmentSpool, 'readWav' | 'remove'>;
  transcribe: Transcribe;
  /** Requests in flight at once, over all calls. */
  concurrency?: number;
  /** First retry delay and the cap of the exponential back-off. */
  retryMinMs?: number;
  retryMaxMs?: number;
  /** Shortest gap between two partial-text events of one segment. */
  partialIntervalMs?: number;
  random?: () => number;
  timers?: Timers;
  now?: () => number;
  /** A call has one segment fewer waiting (stored, or given up on). */
  onSettled?: (tenantId: string, callId: number) => void;
  log?: (line: string) => void;
}

interface Item {
  seg: SpooledSegment;
  /** The audio while its spool write is under way, so transcription need not wait for the disk. */
  wav: Buffer | null;
  /** Settles when the spool files are complete (at once for segments found in the spool). */
  durable: Promise<void>;
  state: PendingState;
  attempts: number;
  nextAttemptAt: number | null;
  error: string | null;
  partial: string;
  /** A retry whose time has come. */
  due: boolean;
  /** Transcribed, waiting for segments of the call that started earlier. */
  result: TranscribedText | null;
  abort: AbortController | null;
  retryTimer: unknown;
  partialTimer: unknown;
  lastPartialAt: number;
  backoff: Backoff;
}

interface CallQueue {
  tenant_id: string;
  call_id: number;
  clockStartMs: number;
  /** By capture start. */
  items: Item[];
}

/**
 * Spooled segments on their way into the store. Calls progress independently (round robin over
 * a few requests in flight); within a call, segments are stored in the order they started, so
 * one that finishes early waits for its predecessors. An endpoint that is down or overloaded
 * delays a segment (`retrying`, exponential back-off, forever); one that refuses it (bad file,
 * key or model) sets it aside as `failed` — audio kept — until the AI settings change. Every
 * change goes out as `transcript.pending`; the stored segment as `transcript.segment`.
 */
export class TranscriptionQueue {
  private readonly o: Required<Omit<TranscriptionQueueOptions, 'onSettled' | 'log'>> & Pick<TranscriptionQueueOptions, 'onSettled' | 'log'>;
  private readonly queues = new Map<string, CallQueue>();
  private readonly inFlight = new Set<Promise<void>>();
  private readonly removals = new Set<Promise<void>>();
  private cursor = 0;
  private stopped = false;

  constructor(options: TranscriptionQueueOptions) {
    this.o = {
      ...options,
      concurrency: options.concurrency ?? 3,
      retryMinMs: options.retryMinMs ?? 1_000,
      retryMaxMs: options.retryMaxMs ?? 30_000,
      partialIntervalMs: options.partialIntervalMs ?? 100,
      random: options.random ?? Math.random,
      timers: options.timers ?? realTimers,
      now: options.now ?? Date.now,
    };
  }

  /** Whether the call already holds a segment with this key (a console's resubmission). */
  has(tenantId: string, callId: number, segmentKey: string): boolean {
    return this.queues.get(keyOf(tenantId, callId))?.items.some((i) => i.seg.meta.segment_key === segmentKey) ?? false;
  }

  /**
   * Queues a segment. A fresh submission passes its audio and the spool write under way: it is
   * sent at once, while the write reaches the disk (the console's answer waits for the disk, the
   * transcript does not — a crash before the write ends means no answer, so the console resends).
   */
  add(seg: SpooledSegment, fresh?: { wav: Buffer; durable: Promise<void> }): void {
    if (this.stopped) return;
    const { tenant_id, call_id, segment_key } = seg.meta;
    const key = keyOf(tenant_id, call_id);
    let q = this.queues.get(key);
    if (q?.items.some((i) => i.seg.meta.segment_key === segment_key)) return;
    const call = this.o.store.calls.get(tenant_id, call_id);
    if (!call) {
      this.o.log?.(`transcription: call ${call_id} of segment ${segment_key} no longer exists; its audio is dropped`);
      this.remove({ seg, durable: fresh?.durable ?? Promise.resolve() });
      return;
    }
    if (!q) {
      q = { tenant_id, call_id, clockStartMs: 0, items: [] };
      this.queues.set(key, q);
    }
    q.clockStartMs = callClockStart(call);
    const item: Item = {
      seg,
      wav: fresh?.wav ?? null,
      durable: fresh?.durable ?? Promise.resolve(),
      state: 'queued',
      attempts: 0,
      nextAttemptAt: null,
      error: null,
      partial: '',
      due: false,
      result: null,
      abort: null,
      retryTimer: null,
      partialTimer: null,
      lastPartialAt: 0,
      backoff: new Backoff(this.o.retryMinMs, this.o.retryMaxMs, this.o.random),
    };
    // Once on disk, retries read the audio from there: a long backlog does not sit in memory.
    void item.durable.then(
      () => (item.wav = null),
      () => undefined,
    );
    const at = q.items.findIndex((i) => compare(i.seg, seg) > 0);
    q.items.splice(at < 0 ? q.items.length : at, 0, item);
    this.publish(q, item);
    this.pump();
  }

  /** A fresh segment whose spool write failed: the console was told to send it again, so it goes. */
  discard(tenantId: string, callId: number, segmentKey: string, error: string): void {
    const q = this.queues.get(keyOf(tenantId, callId));
    const item = q?.items.find((i) => i.seg.meta.segment_key === segmentKey);
    if (!q || !item) return;
    q.items.splice(q.items.indexOf(item), 1);
    this.o.timers.clear(item.retryTimer);
    this.o.timers.clear(item.partialTimer);
    item.abort?.abort();
    item.state = 'failed';
    item.error = error;
    item.nextAttemptAt = null;
    this.publish(q, item);
    this.flush(q);
  }

  /** The call's segments not stored yet, by capture start. */
  pending(tenantId: string, callId: number): PendingSegment[] {
    const q = this.queues.get(keyOf(tenantId, callId));
    return q ? q.items.map((i) => this.view(q, i)) : [];
  }

  /** Segments of the call still on their way into the store (failed ones are not). */
  waiting(tenantId: string, callId: number): number {
    return this.queues.get(keyOf(tenantId, callId))?.items.filter((i) => i.state !== 'failed').length ?? 0;
  }

  /** The tenant's AI settings changed: failed segments get another chance, waiting retries go now. */
  retryNow(tenantId: string): void {
    for (const q of this.queues.values()) {
      if (q.tenant_id !== tenantId) continue;
      for (const item of q.items) {
        if (item.state !== 'failed' && item.state !== 'retrying') continue;
        this.o.timers.clear(item.retryTimer);
        item.retryTimer = null;
        item.backoff.reset();
        item.nextAttemptAt = null;
        item.due = item.state === 'retrying';
        if (item.state === 'failed') {
          item.state = 'queued';
          this.publish(q, item);
        }
      }
    }
    this.pump();
  }

  /** Aborts requests in flight (their segments stay spooled) and waits for the work under way to finish. */
  async stop(): Promise<void> {
    this.stopped = true;
    for (const q of this.queues.values()) {
      for (const item of q.items) {
        this.o.timers.clear(item.retryTimer);
        this.o.timers.clear(item.partialTimer);
        item.abort?.abort();
      }
    }
    await Promise.allSettled([...this.inFlight]);
    await Promise.allSettled([...this.removals]);
  }

  private pump(): void {
    while (!this.stopped && this.inFlight.size < this.o.concurrency) {
      const next = this.next();
      if (!next) return;
      const run = this.run(next.q, next.item);
      this.inFlight.add(run);
      void run.finally(() => {
        this.inFlight.delete(run);
        this.pump();
      });
    }
  }

  /** The next segment to send: calls take turns; within a call, the earliest that may go. */
  private next(): { q: CallQueue; item: Item } | null {
    const queues = [...this.queues.values()];
    for (let n = 0; n < queues.length; n++) {
      const index = (this.cursor + n) % queues.length;
      const q = queues[index]!;
      const item = firstReady(q);
      if (item) {
        this.cursor = index + 1;
        return { q, item };
      }
    }
    return null;
  }

  private async run(q: CallQueue, item: Item): Promise<void> {
    const abort = new AbortController();
    item.abort = abort;
    item.state = 'transcribing';
    item.attempts++;
    item.due = false;
    item.nextAttemptAt = null;
    item.partial = '';
    this.publish(q, item);
    try {
      const wav = item.wav ?? (await this.readSpooled(item));
      if (abort.signal.aborted) throw new AiFailure('aborted', 'stopped');
      item.result = await this.o.transcribe(q.tenant_id, wav, abort.signal, (text) => this.partial(q, item, text));
      item.abort = null;
      item.error = null;
      item.partial = item.result.text;
      this.o.timers.clear(item.partialTimer);
      this.flush(q);
      // Still here: an earlier segment of the call is not stored yet. Show the text meanwhile.
      if (q.items.includes(item)) this.publish(q, item);
    } catch (err) {
      item.abort = null;
      this.o.timers.clear(item.partialTimer);
      this.failed(q, item, aiFailureOf(err, abort.signal));
    }
  }

  private async readSpooled(item: Item): Promise<Buffer> {
    await item.durable;
    return this.o.spool.readWav(item.seg.name).catch((err: NodeJS.ErrnoException) => {
      throw err.code === 'ENOENT' ? new AiFailure('permanent', 'the spooled audio of this segment is missing') : err;
    });
  }

  private failed(q: CallQueue, item: Item, failure: AiFailure): void {
    if (this.stopped || failure.kind === 'aborted') {
      item.state = 'queued';
      return;
    }
    const what = `transcription of segment ${item.seg.meta.segment_key} (call ${q.call_id})`;
    const firstFailure = item.error === null;
    item.error = failure.message;
    if (failure.kind === 'transient') {
      if (firstFailure) this.o.log?.(`${what}: ${failure.message}; retrying with back-off`);
      const delay = item.backoff.next();
      item.state = 'retrying';
      item.nextAttemptAt = this.o.now() + delay;
      item.retryTimer = this.o.timers.set(() => {
        item.retryTimer = null;
        item.due = true;
        this.pump();
      }, delay);
      this.publish(q, item);
      return;
    }
    item.state = 'failed';
    item.nextAttemptAt = null;
    this.o.log?.(`${what} failed: ${failure.message}; its audio stays spooled until the AI settings change`);
    this.publish(q, item);
    const { segment_key, speaker } = item.seg.meta;
    try {
      this.o.calls.appendEvent(q.tenant_id, q.call_id, 'transcription.failed', 'system', { segment_key, speaker, status: failure.status, error: failure.message });
    } catch (err) {
      this.o.log?.(`transcription: could not note the failure on call ${q.call_id}: ${(err as Error).message}`);
    }
    // Later segments no longer wait for this one.
    this.flush(q);
    this.o.onSettled?.(q.tenant_id, q.call_id);
  }

  /** Stores the call's transcribed segments that no earlier segment is waiting for. */
  private flush(q: CallQueue): void {
    let i = 0;
    while (i < q.items.length) {
      const item = q.items[i]!;
      if (item.state === 'failed') {
        i++;
        continue;
      }
      if (!item.result) break;
      if (!this.store(q, item)) break;
      q.items.splice(i, 1);
      this.remove(item);
      this.o.onSettled?.(q.tenant_id, q.call_id);
    }
    if (q.items.length === 0 && this.queues.get(keyOf(q.tenant_id, q.call_id)) === q) this.queues.delete(keyOf(q.tenant_id, q.call_id));
  }

  private store(q: CallQueue, item: Item): boolean {
    const { meta } = item.seg;
    const result = item.result!;
    try {
      const call = this.o.store.calls.get(q.tenant_id, q.call_id);
      if (!call) throw new Error(`call ${q.call_id} no longer exists`);
      const { segment } = this.o.store.transcripts.addOnce(q.tenant_id, q.call_id, {
        speaker: meta.speaker,
        text: result.text,
        confidence: result.confidence,
        ...segmentTiming(callClockStart(call), meta.started_at_ms, meta.ended_at_ms),
        is_final: true,
        source: 'vad-stt',
        model: result.model,
        segment_key: meta.segment_key,
      });
      this.o.bus.publish(q.tenant_id, { type: 'transcript.segment', segment });
      return true;
    } catch (err) {
      // The store refused (disk full, locked): transcribe again later rather than lose it.
      item.result = null;
      this.failed(q, item, new AiFailure('transient', `could not store the segment: ${(err as Error).message}`));
      return false;
    }
  }

  private partial(q: CallQueue, item: Item, text: string): void {
    item.partial = text;
    const wait = item.lastPartialAt + this.o.partialIntervalMs - this.o.now();
    if (wait <= 0) {
      item.lastPartialAt = this.o.now();
      this.publish(q, item);
      return;
    }
    if (item.partialTimer) return;
    item.partialTimer = this.o.timers.set(() => {
      item.partialTimer = null;
      if (item.state !== 'transcribing' || item.result || this.stopped) return;
      item.lastPartialAt = this.o.now();
      this.publish(q, item);
    }, wait);
  }

  /** Forgets a segment's spool files once they are complete (a write still under way would bring them back). */
  private remove(item: Pick<Item, 'seg' | 'durable'>): void {
    const { name } = item.seg;
    const removal = item.durable
      .catch(() => undefined)
      .then(() => this.o.spool.remove(name))
      .catch((err: Error) => this.o.log?.(`transcription: could not delete spooled ${name}: ${err.message}`));
    this.removals.add(removal);
    void removal.finally(() => this.removals.delete(removal));
  }

  private publish(q: CallQueue, item: Item): void {
    this.o.bus.publish(q.tenant_id, { type: 'transcript.pending', pending: this.view(q, item) });
  }

  private view(q: CallQueue, item: Item): PendingSegment {
    const { meta } = item.seg;
    return {
      call_id: q.call_id,
      segment_key: meta.segment_key,
      speaker: meta.speaker,
      ...segmentTiming(q.clockStartMs, meta.started_at_ms, meta.ended_at_ms),
      state: item.state,
      partial_text: item.partial,
      attempts: item.attempts,
      next_attempt_at: item.nextAttemptAt === null ? null : new Date(item.nextAttemptAt).toISOString(),
      error: item.error,
    };
  }
}

const keyOf = (tenantId: string, callId: number) => `${tenantId}\n${callId}`;

const compare = (a: SpooledSegment, b: SpooledSegment) => a.meta.started_at_ms - b.meta.started_at_ms || a.name.localeCompare(b.name);

/**
 * The call's earliest segment that may be sent now. A segment waiting out a back-off holds back
 * the ones after it, so during an outage each call probes with one request, not all of them.
 */
function firstReady(q: CallQueue): Item | null {
  for (const item of q.items) {
    if (item.result || item.abort || item.state === 'failed') continue;
    if (item.state === 'retrying' && !item.due) return null;
    return item;
  }
  return null;
}
