import { FINAL_CALL_STATUSES, type Call } from '../../../shared/domain/call.ts';
import type { TranscriptSegment } from '../../../shared/domain/transcript.ts';
import type { AiSettingsService } from '../ai/ai-settings.service.ts';
import type { EventBus } from '../events/event-bus.ts';
import type { CallsService } from '../services/calls.service.ts';
import { Backoff } from '../sip/backoff.ts';
import type { Store } from '../store/store.ts';
import { aiFailureOf } from './ai-failure.ts';
import type { CallAnalysisResult } from './analysis-request.ts';
import type { Timers } from './transcription-queue.ts';

export type Analyse = (tenantId: string, segments: TranscriptSegment[], signal: AbortSignal) => Promise<CallAnalysisResult>;

export interface CallAnalysisOptions {
  store: Store;
  bus: EventBus;
  calls: CallsService;
  ai: Pick<AiSettingsService, 'configured'>;
  analyse: Analyse;
  /** Segments of the call not stored yet that may still be (failed ones do not count). */
  waiting(tenantId: string, callId: number): number;
  /** How long after the end a call's last segments may still arrive from the console. */
  settleMs?: number;
  retryMinMs?: number;
  retryMaxMs?: number;
  random?: () => number;
  timers?: Timers;
  log?: (line: string) => void;
}

interface Job {
  tenant_id: string;
  id: number;
  timer: unknown;
  abort: AbortController | null;
  /** The transcript grew while the model was reading it: read it again. */
  again: boolean;
  /** The newest segment the model was given. */
  readUpTo: number;
  backoff: Backoff;
}

const realTimers: Timers = {
  set: (fn, ms) => setTimeout(fn, ms).unref(),
  clear: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

const isFinal = (call: Call) => FINAL_CALL_STATUSES.includes(call.status);

/**
 * After a call: summary, sentiment and a disposition suggestion from the tenant's chat model.
 * A call that reaches a final status is marked `pending` (or `skipped` when AI is not set up);
 * once the console's last segments are in (a short settle time, nothing waiting in the spool)
 * the transcript goes to the model and the answer onto the call. An outage retries with
 * back-off; a refusal marks it `failed` until the AI settings change. `pending` survives a
 * restart, so start() picks those calls up again.
 */
export class CallAnalysis {
  private readonly o: Required<Omit<CallAnalysisOptions, 'log'>> & Pick<CallAnalysisOptions, 'log'>;
  private readonly jobs = new Map<string, Job>();
  private readonly running = new Set<Promise<void>>();
  private unsubscribe: () => void = () => {};
  private stopped = false;

  constructor(options: CallAnalysisOptions) {
    this.o = {
      ...options,
      settleMs: options.settleMs ?? 3_000,
      retryMinMs: options.retryMinMs ?? 1_000,
      retryMaxMs: options.retryMaxMs ?? 30_000,
      random: options.random ?? Math.random,
      timers: options.timers ?? realTimers,
    };
  }

  /** Follows calls from now on, and resumes the analyses a stop or crash interrupted. */
  start(): void {
    this.unsubscribe = this.o.bus.subscribe(({ tenant_id, event }) => {
      if (tenant_id === null) return;
      // After the publish that told us: our own writes publish too, and must not overtake it.
      if ((event.type === 'call.updated' || event.type === 'call.created') && isFinal(event.call) && event.call.analysis_state === null) {
        queueMicrotask(() => this.ended(tenant_id, event.call.id));
      }
      if (event.type === 'transcript.segment') queueMicrotask(() => this.transcriptGrew(tenant_id, event.segment.call_id, event.segment.id));
    });
    for (const { tenant_id, id } of this.o.store.calls.listByAnalysisState('pending')) this.schedule(tenant_id, id, 0);
  }

  /** A call has one segment fewer waiting: if it was the last, the analysis may go. */
  segmentSettled(tenantId: string, callId: number): void {
    const job = this.jobs.get(keyOf(tenantId, callId));
    if (job && job.timer === null && job.abort === null && this.o.waiting(tenantId, callId) === 0) this.schedule(tenantId, callId, 0);
  }

  /** The tenant's AI settings changed: failed analyses get another chance, back-offs end now. */
  retryNow(tenantId: string): void {
    for (const { id } of this.o.store.calls.listByAnalysisState('failed', tenantId)) {
      this.set(tenantId, id, { analysis_state: 'pending' });
      this.schedule(tenantId, id, 0);
    }
    for (const job of this.jobs.values()) if (job.tenant_id === tenantId && job.timer !== null) this.schedule(tenantId, job.id, 0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.unsubscribe();
    for (const job of this.jobs.values()) {
      this.o.timers.clear(job.timer);
      job.abort?.abort();
    }
    await Promise.allSettled([...this.running]);
  }

  private ended(tenantId: string, callId: number): void {
    if (this.stopped) return;
    const call = this.o.store.calls.get(tenantId, callId);
    if (!call || call.analysis_state !== null || !isFinal(call)) return;
    if (!this.o.ai.configured(tenantId)) {
      this.set(tenantId, callId, { analysis_state: 'skipped' });
      return;
    }
    this.set(tenantId, callId, { analysis_state: 'pending' });
    this.schedule(tenantId, callId, this.o.settleMs);
  }

  /** A segment was stored: a call whose analysis is already written gets a fresh one. */
  private transcriptGrew(tenantId: string, callId: number, segmentId: number): void {
    if (this.stopped) return;
    const job = this.jobs.get(keyOf(tenantId, callId));
    if (job?.abort) {
      if (segmentId > job.readUpTo) job.again = true;
      return;
    }
    if (job) return;
    const call = this.o.store.calls.get(tenantId, callId);
    if (!call || !isFinal(call) || (call.analysis_state !== 'done' && call.analysis_state !== 'skipped')) return;
    if (!this.o.ai.configured(tenantId)) return;
    this.set(tenantId, callId, { analysis_state: 'pending' });
    this.schedule(tenantId, callId, this.o.settleMs);
  }

  private schedule(tenantId: string, callId: number, delayMs: number): void {
    if (this.stopped) return;
    const key = keyOf(tenantId, callId);
    let job = this.jobs.get(key);
    if (!job) {
      job = { tenant_id: tenantId, id: callId, timer: null, abort: null, again: false, readUpTo: 0, backoff: new Backoff(this.o.retryMinMs, this.o.retryMaxMs, this.o.random) };
      this.jobs.set(key, job);
    }
    if (job.abort) {
      job.again = true;
      return;
    }
    this.o.timers.clear(job.timer);
    const j = job;
    job.timer = this.o.timers.set(() => {
      j.timer = null;
      const run = this.attempt(j);
      this.running.add(run);
      void run.finally(() => this.running.delete(run));
    }, delayMs);
  }

  private async attempt(job: Job): Promise<void> {
    const { tenant_id, id } = job;
    const key = keyOf(tenant_id, id);
    const call = this.o.store.calls.get(tenant_id, id);
    if (this.stopped || !call || call.analysis_state !== 'pending') {
      this.jobs.delete(key);
      return;
    }
    // The console's last segments are still on their way: segmentSettled() brings us back.
    if (this.o.waiting(tenant_id, id) > 0) return;
    const segments = this.o.store.transcripts.list(tenant_id, id);
    if (!this.o.ai.configured(tenant_id) || !segments.some((s) => s.text.trim() !== '')) {
      this.set(tenant_id, id, { analysis_state: 'skipped' });
      this.jobs.delete(key);
      return;
    }
    job.abort = new AbortController();
    job.again = false;
    job.readUpTo = Math.max(...segments.map((s) => s.id));
    try {
      const result = await this.o.analyse(tenant_id, segments, job.abort.signal);
      job.abort = null;
      if (job.again) {
        this.schedule(tenant_id, id, 0);
        return;
      }
      this.jobs.delete(key);
      this.set(tenant_id, id, { analysis_state: 'done', summary: result.summary, sentiment: result.sentiment, disposition: result.disposition }, { model: result.model });
    } catch (err) {
      const signal = job.abort?.signal;
      job.abort = null;
      const failure = aiFailureOf(err, signal);
      if (this.stopped || failure.kind === 'aborted') return;
      if (failure.kind === 'transient') {
        this.o.log?.(`analysis of call ${id}: ${failure.message}; retrying`);
        this.schedule(tenant_id, id, job.backoff.next());
        return;
      }
      this.jobs.delete(key);
      this.set(tenant_id, id, { analysis_state: 'failed' }, { status: failure.status, error: failure.message });
    }
  }

  private set(tenantId: string, callId: number, patch: Parameters<CallsService['setAnalysis']>[2], detail?: Record<string, unknown>): void {
    try {
      this.o.calls.setAnalysis(tenantId, callId, patch, detail);
    } catch (err) {
      this.o.log?.(`analysis of call ${callId}: could not store ${patch.analysis_state}: ${(err as Error).message}`);
    }
  }
}

const keyOf = (tenantId: string, callId: number) => `${tenantId}\n${callId}`;
