import type { CoreArg, CoreMethod, CoreRequests, CoreResult } from '../../../shared/contracts/core-client.ts';
import type { ConsoleSession } from '../../../shared/contracts/console-session.ts';
import type { EventEnvelope } from '../../../shared/contracts/domain-events.ts';
import type { MediaRequest } from '../../../shared/contracts/media-bridge.ts';
import type { AuthService } from '../auth/auth.service.ts';
import type { ConsoleConnection, ConsoleService as ConsoleServiceContract } from '../core.types.ts';
import { badRequest, CoreError, notFound, unauthorized } from '../errors.ts';
import type { EventBus } from '../events/event-bus.ts';
import type { CallsService } from '../services/calls.service.ts';
import type { PhoneSettingsService } from '../services/phone-settings.service.ts';
import type { LineManager } from '../sip/line-manager.ts';
import type { SeatManager } from '../sip/seat-manager.ts';
import type { StatusService } from '../status/status.service.ts';
import type { Store } from '../store/store.ts';
import { CONSOLE_ARG_VALIDATORS } from './console.schemas.ts';

interface Deps {
  store: Store;
  bus: EventBus;
  auth: AuthService;
  calls: CallsService;
  status: StatusService;
  seats: Pick<SeatManager, 'attach' | 'linesOf' | 'mediaReply'>;
  phone: PhoneSettingsService;
}

const SESSION_RECHECK_MS = 5_000;

type Handlers = { [M in CoreMethod]: (arg: CoreArg<M>, conn: ConsoleConnection) => CoreResult<M> | Promise<CoreResult<M>> };

/** What a console (IPC or browser) may do, checked once here for both transports. */
export class ConsoleService implements ConsoleServiceContract {
  private readonly deps: Deps;
  private readonly handlers: Handlers;

  constructor(deps: Deps) {
    this.deps = deps;
    const { store, auth, calls, status } = deps;
    this.handlers = {
      login: async (arg, conn) => {
        const { token, session } = await auth.login(arg.tenant_id, arg.username, arg.password);
        auth.logout(conn.sessionToken);
        conn.sessionToken = token;
        return session;
      },
      logout: (_arg, conn) => {
        auth.logout(conn.sessionToken);
        conn.sessionToken = null;
        return { ok: true } as const;
      },
      session: (_arg, conn) => auth.session(conn.sessionToken),
      status: (_arg, conn) => status.forAgent(auth.session(conn.sessionToken)?.agent ?? null),
      listCalls: (arg, conn) => {
        const s = this.requireSession(conn);
        const limit = arg.limit ?? 50;
        const offset = arg.offset ?? 0;
        const { items, total } = store.calls.list(s.tenant_id, { ...arg, limit, offset });
        return { items, total, limit, offset };
      },
      getCall: (arg, conn) => {
        const s = this.requireSession(conn);
        const call = calls.get(s.tenant_id, arg.id);
        return { call, events: store.callEvents.list(s.tenant_id, call.id), transcript: store.transcripts.list(s.tenant_id, call.id) };
      },
      listAgents: (_arg, conn) => store.agents.list(this.requireSession(conn).tenant_id),
      listLines: (_arg, conn) => this.deps.seats.linesOf(this.requireSession(conn).agent)?.list() ?? [],
      dial: (arg, conn) => this.lines(conn).dial(arg.target),
      answer: (arg, conn) => this.lines(conn).answer(arg.line_id),
      decline: (arg, conn) => this.lines(conn).decline(arg.line_id, arg.code),
      hangup: (arg, conn) => this.lines(conn).hangup(arg.line_id),
      hold: (arg, conn) => this.lines(conn).hold(arg.line_id, arg.on),
      mute: (arg, conn) => this.lines(conn).mute(arg.line_id, arg.on),
      sendDtmf: (arg, conn) => this.lines(conn).sendDtmf(arg.line_id, arg.digits),
      transfer: (arg, conn) => this.lines(conn).transfer(arg.line_id, arg.target),
      completeTransfer: (arg, conn) => this.lines(conn).completeTransfer(arg.line_id, arg.consult_line_id),
      dismissLine: (arg, conn) => {
        this.lines(conn).dismiss(arg.line_id);
        return { ok: true } as const;
      },
      mediaReply: (arg, conn) => {
        const reply = arg.ok ? { request_id: arg.request_id, ok: true as const, sdp: arg.sdp, sent: arg.sent } : { request_id: arg.request_id, ok: false as const, error: arg.error ?? 'media error' };
        if (!this.deps.seats.mediaReply(this.requireSession(conn).agent, reply)) throw notFound(`media request ${arg.request_id}`);
        return { ok: true } as const;
      },
      phoneSettings: (_arg, conn) => this.deps.phone.of(this.requireSession(conn).agent),
      setPhoneSettings: (arg, conn) => this.deps.phone.update(this.requireSession(conn).agent, arg),
    };
  }

  async invoke<M extends CoreMethod>(method: M, arg: CoreArg<M>, conn: ConsoleConnection): Promise<CoreResult<M>> {
    const validator = CONSOLE_ARG_VALIDATORS[method];
    if (!validator) throw new CoreError(404, 'unknown_method', `unknown console method '${String(method)}'`);
    if (!validator.Check(arg)) {
      const first = [...validator.Errors(arg)].find((e) => e.keyword !== 'boolean');
      throw badRequest(`${method}: ${first ? `${first.instancePath || 'argument'} ${first.message}` : 'invalid argument'}`);
    }
    const handler = this.handlers[method] as (arg: CoreArg<M>, conn: ConsoleConnection) => ReturnType<CoreRequests[M]> | Promise<ReturnType<CoreRequests[M]>>;
    return handler(arg, conn);
  }

  subscribe(
    conn: ConsoleConnection,
    listener: (envelope: EventEnvelope) => void,
    onSessionEnd?: () => void,
    onMediaRequest?: (request: MediaRequest) => void,
  ): () => void {
    const session = this.deps.auth.session(conn.sessionToken);
    if (!session) return () => {};
    const token = conn.sessionToken;
    const tenant = session.tenant_id;
    let checkedAt = Date.now();
    let lastStatus = '';
    // An attached console is what keeps its agent's seat registered (media lives in it).
    const detachSeat = this.deps.seats.attach(session.agent, onMediaRequest);
    let unsubscribe = () => {};
    const off = () => {
      unsubscribe();
      detachSeat();
    };
    // Re-check the session now and then, not per event: a few seconds' grace after a logout
    // elsewhere costs nothing, a database read per event per console would.
    const stillSignedIn = (): boolean => {
      if (Date.now() - checkedAt < SESSION_RECHECK_MS) return true;
      checkedAt = Date.now();
      return this.deps.auth.session(token) !== null;
    };
    unsubscribe = this.deps.bus.subscribe((env) => {
      if (env.tenant_id !== null && env.tenant_id !== tenant) return;
      // A seat's lines are its agent's business.
      if (env.event.type === 'line.updated' && env.event.agent_id !== session.agent.id) return;
      if (!stillSignedIn()) {
        off();
        onSessionEnd?.();
        return;
      }
      // Status is per seat (its SIP registration): each console gets its own view of a change.
      if (env.event.type === 'status.changed') {
        const agent = this.deps.store.agents.get(tenant, session.agent.id);
        const status = this.deps.status.forAgent(agent);
        // Another seat's change in the tenant leaves this one's view as it was: say nothing.
        const text = JSON.stringify(status);
        if (text === lastStatus) return;
        lastStatus = text;
        listener({ ...env, event: { type: 'status.changed', status } });
        return;
      }
      listener(env);
    });
    return () => off();
  }

  /** The signed-in agent's lines; 503 while the seat is not running (no SIP account, or no console). */
  private lines(conn: ConsoleConnection): LineManager {
    const session = this.requireSession(conn);
    if (!session.agent.sip) throw new CoreError(409, 'no_sip_account', 'this agent has no SIP account');
    const lines = this.deps.seats.linesOf(session.agent);
    if (!lines) throw new CoreError(503, 'seat_not_running', 'the softphone is not connected: keep the console open while making calls');
    return lines;
  }

  private requireSession(conn: ConsoleConnection): ConsoleSession {
    const s = this.deps.auth.session(conn.sessionToken);
    if (!s) throw unauthorized('sign in first');
    return s;
  }
}
