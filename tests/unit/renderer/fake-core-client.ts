// An in-memory core behind the CoreClient interface: real behaviour (sessions, filters,
// pagination, 401s), no network. Tests drive events and connection changes through it.
import type { ConnectionState, CoreArg, CoreClient, CoreMethod, CoreResult } from '../../../shared/contracts/core-client.ts';
import type { ConsoleSession } from '../../../shared/contracts/console-session.ts';
import type { CoreStatus } from '../../../shared/contracts/core-status.ts';
import type { DomainEvent, EventEnvelope } from '../../../shared/contracts/domain-events.ts';
import type { Agent } from '../../../shared/domain/agent.ts';
import { FINAL_CALL_STATUSES, type Call, type CallEvent } from '../../../shared/domain/call.ts';
import type { TranscriptSegment } from '../../../shared/domain/transcript.ts';
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
