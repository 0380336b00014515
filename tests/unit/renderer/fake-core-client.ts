// An in-memory core behind the CoreClient interface: real behaviour (sessions, filters,
// pagination, 401s), no network. Tests drive events and connection changes through it.
import type { ConnectionState, CoreArg, CoreClient, CoreMethod, CoreResult } from '../../../shared/contracts/core-client.ts';
import type { ConsoleSession } from '../../../shared/contracts/console-session.ts';
import type { CoreStatus } from '../../../shared/contracts/core-status.ts';
import type { DomainEvent, EventEnvelope } from '../../../shared/contracts/domain-events.ts';
import type { Agent } from '../../../shared/domain/agent.ts';
import { FINAL_CALL_STATUSES, type Call, type CallEvent } from '../../../shared/domain/call.ts';
import type { PendingSegment, TranscriptSegment } from '../../../shared/domain/transcript.ts';
import { AI_DEFAULTS, type AiSettingsView } from '../../../shared/contracts/ai-settings.ts';
import type { SegmentSubmission } from '../../../shared/contracts/transcription-client.ts';
import type { MediaReply, MediaRequest } from '../../../shared/contracts/media-bridge.ts';
import { DEFAULT_PHONE_SETTINGS, type PhoneSettings } from '../../../shared/contracts/phone-settings.ts';
import { initialLine, reduceLine, type LineEvent, type LineState } from '../../../shared/sip/line-state.ts';
import { CoreError } from '../../../renderer/src/client/core-error.ts';

const T0 = Date.parse('2026-03-04T09:00:00.000Z');

export function makeAgent(over: Partial<Agent> = {}): Agent {
  return {
    id: 1,
    tenant_id: 'default',
    name: 'Alice Agent',
    extension: '1001',
    role: 'agent',
    skills: [],
    max_concurrent_calls: 1,
    status: 'available',
    status_reason: null,
    status_since: new Date(T0).toISOString(),
    wrap_up_until: null,
    login_username: 'alice',
    sip: null,
    created_at: new Date(T0).toISOString(),
    updated_at: new Date(T0).toISOString(),
    ...over,
  };
}

export function makeCall(id: number, over: Partial<Call> = {}): Call {
  const started = new Date(T0 + id * 60_000).toISOString();
  return {
    id,
    sid: `CA${String(id).padStart(6, '0')}`,
    tenant_id: 'default',
    direction: 'inbound',
    from_number: '+14155550100',
    to_number: '1001',
    status: 'completed',
    handled_by: 'human',
    agent_id: 1,
    assistant_id: null,
    started_at: started,
    answered_at: started,
    ended_at: started,
    duration_seconds: 42,
    end_reason: null,
    sip_code: null,
    sentiment: null,
    summary: null,
    disposition: null,
    analysis_state: null,
    realtime_call_id: null,
    transfer_count: 0,
    metadata: {},
    created_at: started,
    updated_at: started,
    ...over,
  };
}

export const baseStatus: CoreStatus = {
  version: '0.1.0',
  started_at: new Date(T0).toISOString(),
  sip: { state: 'no-account', detail: null },
  ai: { state: 'unconfigured', base_url: null, checked_at: null, detail: null },
  offline: false,
};

export class FakeCoreClient implements CoreClient {
  users = new Map<string, { password: string; agent: Agent; tenant: string }>();
  agents: Agent[] = [];
  calls: Call[] = [];
  callEvents: CallEvent[] = [];
  transcript: TranscriptSegment[] = [];
  status: CoreStatus = baseStatus;
  session: ConsoleSession | null = null;
  /** The signed-in seat's lines, driven by the line-state table like the real core. */
  lines: LineState[] = [];
  mediaReplies: MediaReply[] = [];
  phone: PhoneSettings = { ...DEFAULT_PHONE_SETTINGS };
  /** Segments the core holds but has not transcribed (pendingSegments). */
  pending: PendingSegment[] = [];
  /** Segments consoles submitted (submitSegment); refused with 409 while the AI is unconfigured. */
  submitted: SegmentSubmission[] = [];
  aiConfigured = true;
  ai: AiSettingsView = {
    base_url: null,
    has_api_key: false,
    has_webhook_secret: false,
    transcription_model: AI_DEFAULTS.transcription_model,
    transcription_language: null,
    transcription_prompt: null,
    chat_model: AI_DEFAULTS.chat_model,
    realtime_model: AI_DEFAULTS.realtime_model,
    source: { base_url: 'default', api_key: 'unset', webhook_secret: 'unset' },
  };
  private lineSeq = 0;
  /** When set, every request fails as if the hub were unreachable. */
  unreachable = false;
  /** Requests made, in order, for assertions. */
  readonly requests: { method: CoreMethod; arg: unknown }[] = [];
  /** Calls held back until `release()`, to test races. */
  private held: (() => void)[] = [];
  hold = false;

  private seq = 0;
  private readonly eventListeners = new Set<(e: EventEnvelope) => void>();
  private readonly connectionListeners = new Set<(s: ConnectionState) => void>();
  private readonly mediaListeners = new Set<(r: MediaRequest) => void>();

  addUser(username: string, password: string, agent: Agent, tenant = 'default'): void {
    this.users.set(`${tenant}/${username}`, { password, agent, tenant });
    if (!this.agents.some((a) => a.id === agent.id)) this.agents.push(agent);
  }

  async call<M extends CoreMethod>(method: M, arg: CoreArg<M>): Promise<CoreResult<M>> {
    this.requests.push({ method, arg });
    if (this.hold) await new Promise<void>((resolve) => this.held.push(resolve));
    if (this.unreachable) throw CoreError.network(new TypeError('fetch failed'));
    return this.handle(method, arg) as CoreResult<M>;
  }

  release(): void {
    const held = this.held;
    this.held = [];
    for (const r of held) r();
  }

  /** A new line as the core would create it (and announce with `line.updated`). */
  addLine(init: Partial<LineState> & { direction: LineState['direction'] }, announce = true): LineState {
    const n = ++this.lineSeq;
    const line = {
      ...initialLine({
        line_id: `L${n}`,
        call_sid: `CA-line-${n}`,
        direction: init.direction,
        remote: { uri: 'sip:+14155550100@pbx.lan', display: 'Pat Caller' },
        at: new Date(T0 + n * 1000).toISOString(),
      }),
      ...init,
    };
    this.lines.push(line);
    if (announce) this.announce(line);
    return line;
  }

  /** Applies a line event through the shared table and announces the change. */
  lineEvent(line_id: string, event: LineEvent): LineState {
    const i = this.lines.findIndex((l) => l.line_id === line_id);
    const line = this.lines[i];
    if (!line) throw new CoreError({ statusCode: 404, error: 'Not Found', message: `No line ${line_id}`, code: 'line_not_found' });
    const next = reduceLine(line, event);
    if (next === line) throw new CoreError({ statusCode: 409, error: 'Conflict', message: `${event.type} does not apply in ${line.state}`, code: 'line_state' });
    this.lines[i] = next;
    this.announce(next);
    return next;
  }

  announce(line: LineState): void {
    this.emit({ type: 'line.updated', agent_id: this.session?.agent.id ?? 0, line });
  }

  private lineAction(method: CoreMethod, arg: unknown): LineState | { ok: true } {
    const at = new Date(T0 + 3_600_000).toISOString();
    const req = arg as { line_id: string; on?: boolean; target?: string; consult_line_id?: string };
    switch (method) {
      case 'dial': {
        const target = (arg as CoreArg<'dial'>).target;
        return this.addLine({ direction: 'outbound', remote: { uri: `sip:${target}@pbx.lan`, display: target } });
      }
      case 'answer':
        return this.lineEvent(req.line_id, { type: 'answer' });
      case 'decline':
        return this.lineEvent(req.line_id, { type: 'decline', code: (arg as CoreArg<'decline'>).code ?? 486, at });
      case 'hangup':
        return this.lineEvent(req.line_id, { type: 'hangup-local', at });
      case 'hold':
        // The re-INVITE is answered at once here.
        this.lineEvent(req.line_id, { type: req.on ? 'hold-requested' : 'resume-requested' });
        return this.lineEvent(req.line_id, { type: req.on ? 'hold-ok' : 'resume-ok' });
      case 'mute':
        return this.lineEvent(req.line_id, { type: req.on ? 'mute' : 'unmute' });
      case 'sendDtmf': {
        const line = this.lines.find((l) => l.line_id === req.line_id);
        if (!line) throw new CoreError({ statusCode: 404, error: 'Not Found', message: 'No such line' });
        return line;
      }
      case 'transfer':
      case 'completeTransfer':
        return this.lineEvent(req.line_id, { type: 'refer-sent' });
      case 'dismissLine':
        this.lines = this.lines.filter((l) => l.line_id !== req.line_id);
        return { ok: true };
      default:
        throw new Error(`not a line method: ${method}`);
    }
  }

  private handle(method: CoreMethod, arg: unknown): unknown {
    const unauthorized = (): never => {
      throw new CoreError({ statusCode: 401, error: 'Unauthorized', message: 'Sign in first' });
    };
    switch (method) {
      case 'login': {
        const req = arg as CoreArg<'login'>;
        const user = this.users.get(`${req.tenant_id ?? 'default'}/${req.username}`);
        if (!user || user.password !== req.password) {
          throw new CoreError({ statusCode: 401, error: 'Unauthorized', message: 'Invalid credentials', code: 'invalid_credentials' });
        }
        this.session = { agent: user.agent, tenant_id: user.tenant, expires_at: new Date(T0 + 86_400_000).toISOString() };
        return this.session;
      }
      case 'logout':
        this.session = null;
        return { ok: true };
      case 'session':
        return this.session;
      case 'status':
        if (!this.session) unauthorized();
        return this.status;
      case 'listAgents':
        if (!this.session) unauthorized();
        return this.agents;
      case 'listCalls': {
        if (!this.session) unauthorized();
        const q = arg as CoreArg<'listCalls'>;
        const all = this.calls
          .filter((c) => (q.status ? c.status === q.status : true))
          .filter((c) => (q.direction ? c.direction === q.direction : true))
          .filter((c) => (q.agent_id !== undefined ? c.agent_id === q.agent_id : true))
          .filter((c) => (q.active ? c.ended_at === null && !FINAL_CALL_STATUSES.includes(c.status) : true))
          .sort((a, b) => b.started_at.localeCompare(a.started_at));
        const offset = q.offset ?? 0;
        const limit = q.limit ?? 50;
        return { items: all.slice(offset, offset + limit), total: all.length, limit, offset };
      }
      case 'getCall': {
        if (!this.session) unauthorized();
        const { id } = arg as CoreArg<'getCall'>;
        const call = this.calls.find((c) => c.id === id);
        if (!call) throw new CoreError({ statusCode: 404, error: 'Not Found', message: `Call ${id} not found` });
        return {
          call,
          events: this.callEvents.filter((e) => e.call_id === id),
          transcript: this.transcript.filter((s) => s.call_id === id),
        };
      }
      case 'listLines':
        if (!this.session) unauthorized();
        return [...this.lines];
      case 'dial':
      case 'answer':
      case 'decline':
      case 'hangup':
      case 'hold':
      case 'mute':
      case 'sendDtmf':
      case 'transfer':
      case 'completeTransfer':
      case 'dismissLine':
        if (!this.session) unauthorized();
        return this.lineAction(method, arg);
      case 'mediaReply':
        this.mediaReplies.push(arg as MediaReply);
        return { ok: true };
      case 'phoneSettings':
        if (!this.session) unauthorized();
        return { ...this.phone };
      case 'setPhoneSettings': {
        if (!this.session) unauthorized();
        const req = arg as CoreArg<'setPhoneSettings'>;
        if (req.auto_answer_delay_s !== undefined && (req.auto_answer_delay_s < 0 || req.auto_answer_delay_s > 60)) {
          throw new CoreError({ statusCode: 400, error: 'Bad Request', message: 'auto_answer_delay_s must be 0-60' });
        }
        this.phone = { ...this.phone, ...req };
        return { ...this.phone };
      }
      case 'pendingSegments': {
        if (!this.session) unauthorized();
        const { call_id } = arg as CoreArg<'pendingSegments'>;
        return this.pending.filter((p) => p.call_id === call_id);
      }
      case 'submitSegment': {
        if (!this.session) unauthorized();
        if (!this.aiConfigured) throw new CoreError({ statusCode: 409, error: 'Conflict', message: 'live transcription needs an AI endpoint', code: 'ai_unconfigured' });
        const req = arg as CoreArg<'submitSegment'>;
        this.submitted.push(req);
        return { ok: true, call_id: 1, segment_key: req.segment_key };
      }
      case 'aiSettings':
        if (!this.session) unauthorized();
        if (this.session!.agent.role === 'agent') throw new CoreError({ statusCode: 403, error: 'Forbidden', message: 'AI settings needs the admin or supervisor role' });
        return this.ai;
      case 'setAiSettings': {
        if (!this.session) unauthorized();
        if (this.session!.agent.role !== 'admin') throw new CoreError({ statusCode: 403, error: 'Forbidden', message: 'changing AI settings needs the admin role' });
        const req = arg as CoreArg<'setAiSettings'>;
        if (req.base_url !== undefined && req.base_url !== null && !/^https?:\/\//.test(req.base_url)) {
          throw new CoreError({ statusCode: 400, error: 'Bad Request', message: 'base_url: expected an http(s) URL' });
        }
        const { api_key, webhook_secret, ...rest } = req;
        const source = { ...this.ai.source };
        if (req.base_url !== undefined) source.base_url = req.base_url === null ? 'default' : 'settings';
        if (api_key !== undefined) source.api_key = api_key === null ? 'unset' : 'settings';
        if (webhook_secret !== undefined) source.webhook_secret = webhook_secret === null ? 'unset' : 'settings';
        const defined = Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined));
        this.ai = {
          ...this.ai,
          ...defined,
          ...(api_key !== undefined ? { has_api_key: api_key !== null } : {}),
          ...(webhook_secret !== undefined ? { has_webhook_secret: webhook_secret !== null } : {}),
          source,
        };
        return this.ai;
      }
      default:
        throw new CoreError({ statusCode: 501, error: 'Not Implemented', message: `the fake core does not do ${method}` });
    }
  }

  onEvent(listener: (e: EventEnvelope) => void): () => void {
    this.eventListeners.add(listener);
    return () => this.eventListeners.delete(listener);
  }

  onConnection(listener: (s: ConnectionState) => void): () => void {
    this.connectionListeners.add(listener);
    return () => this.connectionListeners.delete(listener);
  }

  onMediaRequest(listener: (r: MediaRequest) => void): () => void {
    this.mediaListeners.add(listener);
    return () => this.mediaListeners.delete(listener);
  }

  requestMedia(request: MediaRequest): void {
    for (const l of this.mediaListeners) l(request);
  }

  emit(event: DomainEvent): void {
    const envelope: EventEnvelope = { seq: ++this.seq, at: new Date().toISOString(), tenant_id: 'default', event };
    for (const l of this.eventListeners) l(envelope);
  }

  setConnection(state: ConnectionState): void {
    for (const l of this.connectionListeners) l(state);
  }
}

/** Lets pending promise callbacks run. */
export const flush = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));
