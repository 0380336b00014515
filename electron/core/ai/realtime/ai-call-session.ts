import type { OpenAI } from 'openai';
import type { Agent } from '../../../../shared/domain/agent.ts';
import type { Call } from '../../../../shared/domain/call.ts';
import { CoreError } from '../../errors.ts';
import type { EventBus } from '../../events/event-bus.ts';
import type { CallsService } from '../../services/calls.service.ts';
import { LiveTranscript } from './live-transcript.ts';
import { SidebandSocket, type ServerEvent, type SidebandEnd } from './sideband-socket.ts';
import { runTool, type ToolResult } from './tool-calls.ts';

export interface AiCallSessionDeps {
  calls: CallsService;
  bus: EventBus;
  log(line: string): void;
  /** The tenant's SDK client (REST: hangup, refer). */
  client(): Promise<OpenAI>;
  sideband: { url: string; apiKey: string };
  agents(): Agent[];
  /** The call is over (or the hub stops): forget the session. */
  onClosed(session: AiCallSession): void;
}

export interface AiCallSessionOptions {
  /** Said once the sideband first opens (a resumed call has been greeted already). */
  greeting: string | null;
  assistantId: number | null;
  models: { caller: string | null; ai: string | null };
}

/** How long a goodbye may take before the call is hung up anyway. */
const GOODBYE_LIMIT_MS = 20_000;
/** How long after a successful calls.hangup the call is closed even if the socket stays open. */
const HANGUP_CLOSE_MS = 5_000;
/** How long `say` waits for a cancelled response to finish before speaking. */
const IDLE_WAIT_MS = 3_000;

type Ended = 'caller-hangup' | 'ai-hangup' | 'transferred' | 'ended' | 'sideband-lost';

/**
 * One live AI call over OpenAI Realtime SIP: its sideband socket, the transcript it streams,
 * the model's function calls, and the supervisor's controls. It ends the call record when the
 * call ends (the server closes the sideband, or refuses to reopen it).
 */
export class AiCallSession {
  readonly tenantId: string;
  readonly callId: number;
  readonly realtimeCallId: string;
  private readonly deps: AiCallSessionDeps;
  private readonly opts: AiCallSessionOptions;
  private readonly socket: SidebandSocket;
  private readonly transcript: LiveTranscript;
  /** performance.now() at the answer: transcript times count from there. */
  private readonly answeredAt: number;
  private readonly answeredAtIso: string;
  private activeResponse: string | null = null;
  private idleWaiters: (() => void)[] = [];
  private readonly toolCallsSeen = new Set<string>();
  private goodbye: { responseId: string | null; done: boolean; timer: NodeJS.Timeout } | null = null;
  private audioPlaying = false;
  /** What this side did that will end the call (its reason once the socket closes). */
  private endingBy: Ended | null = null;
  private closeTimer: NodeJS.Timeout | null = null;
  private hangingUp = false;
  private dropped = false;
  private greeted = false;
  private finished = false;

  constructor(deps: AiCallSessionDeps, call: Call, opts: AiCallSessionOptions) {
    this.deps = deps;
    this.opts = opts;
    this.tenantId = call.tenant_id;
    this.callId = call.id;
    this.realtimeCallId = call.realtime_call_id ?? '';
    this.answeredAtIso = call.answered_at ?? new Date().toISOString();
    this.answeredAt = performance.now() - Math.max(0, Date.now() - Date.parse(this.answeredAtIso));
    this.transcript = new LiveTranscript(
      {
        segment: (s) => this.guard('transcript', () => deps.calls.addSegment(this.tenantId, this.callId, s)),
        pending: (p) => deps.bus.publish(this.tenantId, { type: 'transcript.pending', pending: { ...p, call_id: this.callId } }),
      },
      () => Math.round(performance.now() - this.answeredAt),
      opts.models,
    );
    this.socket = new SidebandSocket({
      url: deps.sideband.url,
      apiKey: deps.sideband.apiKey,
      onEvent: (e) => this.onEvent(e),
      onOpen: () => this.onOpen(),
      onDrop: (detail) => this.onDrop(detail),
      onEnd: (why, detail) => this.onSocketEnd(why, detail),
      log: (line) => deps.log(`ai call ${this.callId}: ${line}`),
    });
  }

  get live(): boolean {
    return !this.finished;
  }

  start(): void {
    this.socket.connect();
  }

  /** Hub shutdown: the call goes on at OpenAI; the next start reconnects to it. */
  close(): void {
    this.finished = true;
    this.clearTimers();
    this.socket.close();
    this.deps.onClosed(this);
  }

  /** Guidance only the AI hears: a system message in its conversation. */
  whisper(text: string): void {
    this.send({ type: 'conversation.item.create', item: { type: 'message', role: 'system', content: [{ type: 'input_text', text }] } });
  }

  /** The AI says `text` now (what it was saying is cancelled first). */
  async say(text: string): Promise<void> {
    if (this.activeResponse !== null) {
      this.send({ type: 'response.cancel' });
      await this.whenIdle();
    }
    this.send({ type: 'response.create', response: { instructions: `Say exactly the following to the caller, word for word, and nothing else: ${text}` } });
  }

  /** Stops what the AI is saying: cancels the response and drops the audio already queued for the caller. */
  stop(): void {
    if (this.activeResponse !== null) this.send({ type: 'response.cancel' });
    this.send({ type: 'output_audio_buffer.clear' });
  }

  /** calls.refer; once the caller has moved on, the call ends as `transferred`. */
  async refer(uri: string): Promise<void> {
    const client = await this.deps.client();
    await client.realtime.calls.refer(this.realtimeCallId, { target_uri: uri });
    this.endingBy = 'transferred';
    const call = this.deps.calls.get(this.tenantId, this.callId);
    this.deps.calls.update(this.tenantId, this.callId, { transfer_count: call.transfer_count + 1 }, 'system');
  }

  /** calls.hangup; the call ends as `ai-hangup`. */
  async hangup(): Promise<void> {
    const client = await this.deps.client();
    // Set first: OpenAI may close the sideband before it answers the hangup.
    const before = this.endingBy;
    this.hangingUp = true;
    this.endingBy = 'ai-hangup';
    try {
      await client.realtime.calls.hangup(this.realtimeCallId);
    } catch (err) {
      this.hangingUp = false;
      this.endingBy = before;
      throw err;
    }
    if (!this.socket.open) return this.finish('ai-hangup');
    this.closeTimer ??= setTimeout(() => this.finish('ai-hangup'), HANGUP_CLOSE_MS).unref();
  }

  /** Throws the 503 the controls report when the sideband is down. */
  private send(event: Record<string, unknown>): void {
    if (!this.socket.send(event)) {
      throw new CoreError(503, 'sideband_not_connected', 'the AI call is not connected to its realtime session right now (reconnecting); try again in a moment');
    }
  }

  private onOpen(): void {
    if (this.dropped) {
      this.dropped = false;
      // What was in flight before the drop is not reported on the new socket.
      this.setIdle();
      this.guard('sideband event', () => this.deps.calls.appendEvent(this.tenantId, this.callId, 'ai.sideband.restored', 'system', {}));
    }
    if (this.greeted) return;
    this.greeted = true;
    if (this.opts.greeting) this.socket.send({ type: 'response.create', response: { instructions: `Greet the caller by saying exactly: ${this.opts.greeting}` } });
  }

  private onDrop(detail: string): void {
    if (this.dropped) return;
    this.dropped = true;
    this.guard('sideband event', () => this.deps.calls.appendEvent(this.tenantId, this.callId, 'ai.sideband.lost', 'system', { detail }));
  }

  private onSocketEnd(why: SidebandEnd, detail: string): void {
    this.deps.log(`ai call ${this.callId}: sideband ${why}: ${detail}`);
    const reason: Ended = this.endingBy ?? (why === 'closed' ? 'caller-hangup' : why === 'refused' ? 'ended' : 'sideband-lost');
    this.finish(reason);
  }

  private onEvent(e: ServerEvent): void {
    this.transcript.onEvent(e);
    switch (e.type) {
      case 'response.created':
        this.activeResponse = responseId(e) ?? 'unknown';
        if (this.goodbye && this.goodbye.responseId === null) this.goodbye.responseId = this.activeResponse;
        return;
      case 'response.done': {
        const id = responseId(e);
        if (this.activeResponse === id || id === null) this.setIdle();
        if (this.goodbye && this.goodbye.responseId === id) {
          this.goodbye.done = true;
          if (!this.audioPlaying) this.hangupAfterGoodbye();
        }
        void this.answerToolCalls(e);
        return;
      }
      case 'output_audio_buffer.started':
        this.audioPlaying = true;
        return;
      case 'output_audio_buffer.stopped':
      case 'output_audio_buffer.cleared':
        this.audioPlaying = false;
        if (this.goodbye?.done) this.hangupAfterGoodbye();
        return;
      case 'error':
        this.deps.log(`ai call ${this.callId}: realtime error ${JSON.stringify(e.error)}`);
        return;
    }
  }

  /** Function calls in a finished response: each gets its output, then one response.create. */
  private async answerToolCalls(e: ServerEvent): Promise<void> {
    const output = (e.response as { output?: unknown } | undefined)?.output;
    const calls = (Array.isArray(output) ? output : []).filter(
      (i): i is { call_id: string; name: string; arguments?: string } =>
        typeof i === 'object' && i !== null && i.type === 'function_call' && typeof i.call_id === 'string' && typeof i.name === 'string',
    );
    const fresh = calls.filter((c) => !this.toolCallsSeen.has(c.call_id));
    if (fresh.length === 0) return;
    for (const c of fresh) this.toolCallsSeen.add(c.call_id);
    const results: { callId: string; result: ToolResult }[] = [];
    for (const c of fresh) {
      const result = await runTool(
        {
          tenantId: this.tenantId,
          callId: this.callId,
          actor: this.opts.assistantId === null ? 'system' : `assistant:${this.opts.assistantId}`,
          calls: this.deps.calls,
          agents: () => this.deps.agents(),
          refer: (uri) => this.refer(uri),
        },
        c.name,
        c.arguments ?? '{}',
      ).catch((err: unknown): ToolResult => ({ output: { ok: false, error: (err as Error).message }, goodbye: false }));
      results.push({ callId: c.call_id, result });
    }
    for (const { callId, result } of results) {
      this.socket.send({ type: 'conversation.item.create', item: { type: 'function_call_output', call_id: callId, output: JSON.stringify(result.output) } });
    }
    const goodbye = results.some((r) => r.result.goodbye);
    this.socket.send(goodbye ? { type: 'response.create', response: { instructions: 'Say a short, polite goodbye to the caller now, and nothing else.' } } : { type: 'response.create' });
    if (goodbye && !this.goodbye) {
      this.goodbye = { responseId: null, done: false, timer: setTimeout(() => this.hangupAfterGoodbye(), GOODBYE_LIMIT_MS).unref() };
    }
  }

  private hangupAfterGoodbye(): void {
    if (!this.goodbye || this.hangingUp || this.finished) return;
    clearTimeout(this.goodbye.timer);
    this.hangup().catch((err: unknown) => {
      this.deps.log(`ai call ${this.callId}: hangup after goodbye failed: ${(err as Error).message}`);
      this.guard('hangup event', () => this.deps.calls.appendEvent(this.tenantId, this.callId, 'ai.hangup.failed', 'system', { error: (err as Error).message }));
    });
  }

  private setIdle(): void {
    this.activeResponse = null;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const w of waiters) w();
  }

  private whenIdle(): Promise<void> {
    if (this.activeResponse === null) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, IDLE_WAIT_MS);
      this.idleWaiters.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  private finish(reason: Ended): void {
    if (this.finished) return;
    this.finished = true;
    this.clearTimers();
    this.socket.close();
    this.guard('end of call', () => {
      const call = this.deps.calls.get(this.tenantId, this.callId);
      if (call.status === 'completed' || call.ended_at !== null) return;
      const ended = new Date();
      const duration = Math.max(0, (ended.getTime() - Date.parse(this.answeredAtIso)) / 1000);
      this.deps.calls.update(
        this.tenantId,
        this.callId,
        { status: 'completed', ended_at: ended.toISOString(), duration_seconds: Math.round(duration * 10) / 10, end_reason: reason },
        'system',
      );
    });
    this.deps.onClosed(this);
  }

  private clearTimers(): void {
    if (this.goodbye) clearTimeout(this.goodbye.timer);
    if (this.closeTimer) clearTimeout(this.closeTimer);
  }

  /** A store failure (say, the call row was deleted) must not break the socket's event loop. */
  private guard(what: string, fn: () => unknown): void {
    try {
      fn();
    } catch (err) {
      this.deps.log(`ai call ${this.callId}: ${what} failed: ${(err as Error).message}`);
    }
  }
}

const responseId = (e: ServerEvent): string | null => {
  const id = (e.response as { id?: unknown } | undefined)?.id;
  return typeof id === 'string' ? id : null;
};
