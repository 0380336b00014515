import { join } from 'node:path';
import type { ConsoleSession } from '../../../shared/contracts/console-session.ts';
import type { SegmentSubmission } from '../../../shared/contracts/transcription-client.ts';
import type { PendingSegment } from '../../../shared/domain/transcript.ts';
import type { AiSettingsService } from '../ai/ai-settings.service.ts';
import { badRequest, CoreError, forbidden, notFound } from '../errors.ts';
import type { EventBus } from '../events/event-bus.ts';
import type { CallsService } from '../services/calls.service.ts';
import type { Store } from '../store/store.ts';
import { analyseTranscript } from './analysis-request.ts';
import { CallAnalysis, type Analyse } from './call-analysis.ts';
import { SegmentSpool, spoolNameOf, type SpooledSegmentMeta } from './segment-spool.ts';
import { speakerOfLeg } from './segment-timing.ts';
import { sdkTranscriber, type Transcribe } from './segment-transcriber.ts';
import { TranscriptionQueue } from './transcription-queue.ts';
import { checkSegmentWav, MAX_SEGMENT_MS } from './wav-check.ts';

/** Where unstored segments wait, under the data directory. */
export const TRANSCRIPT_SPOOL_DIR = join('spool', 'transcripts');

/** How long after its end a call still takes segments: the console's last one is on its way. */
const AFTER_END_MS = 10 * 60_000;

/** Console VADs pad a segment a little; capture times may exceed the audio by this much. */
const TIMING_SLACK_MS = 5_000;

export interface LiveTranscriptionOptions {
  store: Store;
  bus: EventBus;
  calls: CallsService;
  ai: AiSettingsService;
  dataDir: string;
  log?: (line: string) => void;
  /** Requests to the endpoint in flight at once. */
  concurrency?: number;
  /** The endpoint calls; the `openai` SDK unless a test drives the pipeline itself. */
  transcribe?: Transcribe;
  analyse?: Analyse;
}

export interface SubmitResult {
  ok: true;
  call_id: number;
  segment_key: string;
}

/**
 * Live transcription of human calls: consoles submit VAD segments of their lines; each is
 * spooled durably before the console hears "ok", transcribed in call order, stored and fanned
 * out; after the call, the transcript is analysed. start() picks up whatever a crash left.
 */
export class LiveTranscription {
  private readonly o: LiveTranscriptionOptions;
  private readonly spool: SegmentSpool;
  private readonly queue: TranscriptionQueue;
  private readonly analysis: CallAnalysis;
  /** Spool writes under way, by call and key: a console's quick resubmission waits for the first. */
  private readonly writing = new Map<string, Promise<void>>();
  private stopped = false;

  constructor(options: LiveTranscriptionOptions) {
    this.o = options;
    const { store, bus, calls, ai, log } = options;
    this.spool = new SegmentSpool(join(options.dataDir, TRANSCRIPT_SPOOL_DIR));
    this.queue = new TranscriptionQueue({
      store,
      bus,
      calls,
      spool: this.spool,
      transcribe: options.transcribe ?? sdkTranscriber(ai),
      concurrency: options.concurrency,
      onSettled: (tenantId, callId) => this.analysis.segmentSettled(tenantId, callId),
      log,
    });
    this.analysis = new CallAnalysis({
      store,
      bus,
      calls,
      ai,
      analyse: options.analyse ?? ((tenantId, segments, signal) => analyseTranscript(ai, tenantId, segments, signal)),
      waiting: (tenantId, callId) => this.queue.waiting(tenantId, callId),
      log,
    });
  }

  /** Queues everything still spooled (a crash or stop mid-call), then resumes interrupted analyses. */
  async start(): Promise<void> {
    const spooled = await this.spool.open();
    for (const seg of spooled) this.queue.add(seg);
    if (spooled.length > 0) this.o.log?.(`transcription: ${spooled.length} spooled segment(s) queued again`);
    this.analysis.start();
  }

  /** Takes a segment from the console of the agent whose line it is; resolves once it is spooled durably. */
  async submit(session: ConsoleSession, req: SegmentSubmission): Promise<SubmitResult> {
    const tenantId = session.tenant_id;
    if (!this.o.ai.configured(tenantId)) {
      throw new CoreError(409, 'ai_unconfigured', 'live transcription needs an AI endpoint: an admin sets one in Settings → AI (or OPENAI_BASE_URL / OPENAI_API_KEY on the hub)');
    }
    // The call record says whose it is; no per-line memory is kept, so a segment cut as the call
    // ends finds its call after the line is dismissed or the seat stopped.
    const call = this.o.store.calls.getBySid(tenantId, req.call_sid);
    if (!call) throw notFound(`call ${req.call_sid}`);
    if (call.agent_id !== session.agent.id) throw forbidden('this call belongs to another agent’s seat');
    if (call.ended_at !== null && Date.now() - Date.parse(call.ended_at) > AFTER_END_MS) {
      throw new CoreError(409, 'call_ended', `call ${req.call_sid} ended more than ${AFTER_END_MS / 60_000} minutes ago`);
    }
    if (req.ended_at_ms < req.started_at_ms) throw badRequest('ended_at_ms is before started_at_ms');
    if (req.ended_at_ms - req.started_at_ms > MAX_SEGMENT_MS + TIMING_SLACK_MS) throw badRequest(`a segment may span at most ${MAX_SEGMENT_MS / 1000} s`);
    const wav = Buffer.from(req.wav_base64, 'base64');
    checkSegmentWav(wav);
    const ack: SubmitResult = { ok: true, call_id: call.id, segment_key: req.segment_key };
    const key = `${call.id}\n${req.segment_key}`;
    // A console that did not hear our answer sends the segment again: it is the same segment.
    let durable = this.writing.get(key);
    if (!durable) {
      if (this.queue.has(tenantId, call.id, req.segment_key) || this.stored(tenantId, call.id, req.segment_key)) return ack;
      if (this.stopped) throw new CoreError(503, 'stopping', 'the core is shutting down: send the segment again in a moment');
      const meta: SpooledSegmentMeta = {
        v: 1,
        tenant_id: tenantId,
        call_id: call.id,
        segment_key: req.segment_key,
        leg: req.leg,
        speaker: speakerOfLeg(req.leg),
        started_at_ms: req.started_at_ms,
        ended_at_ms: req.ended_at_ms,
        submitted_at_ms: Date.now(),
      };
      const written = this.spool.write(meta, wav).then(() => undefined);
      durable = written;
      this.writing.set(key, written);
      void written.then(
        () => this.writing.delete(key),
        () => this.writing.delete(key),
      );
      this.queue.add({ name: spoolNameOf(call.id, req.segment_key), meta }, { wav, durable: written });
    }
    try {
      await durable;
    } catch (err) {
      this.o.log?.(`transcription: could not spool segment ${req.segment_key} of call ${call.id}: ${(err as Error).message}`);
      this.queue.discard(tenantId, call.id, req.segment_key, 'the hub could not save this segment; the console sends it again');
      throw new CoreError(503, 'spool_failed', 'the segment could not be saved on the hub: send it again');
    }
    return ack;
  }

  private stored(tenantId: string, callId: number, segmentKey: string): boolean {
    return this.o.store.transcripts.hasKey(tenantId, callId, segmentKey);
  }

  /** The call's segments not transcribed yet (the caller checked the call is the tenant's). */
  pending(tenantId: string, callId: number): PendingSegment[] {
    return this.queue.pending(tenantId, callId);
  }

  /** New endpoint, key or model: what failed gets another try, what waits goes now. */
  aiSettingsChanged(tenantId: string): void {
    this.queue.retryNow(tenantId);
    this.analysis.retryNow(tenantId);
  }

  /** No new segments; waits for spool writes under way; aborts requests (their segments stay spooled). */
  async stop(): Promise<void> {
    this.stopped = true;
    await this.spool.settle();
    await this.analysis.stop();
    await this.queue.stop();
  }
}
