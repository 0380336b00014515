import type { CoreArg, CoreMethod, CoreRequests, CoreResult } from '../../../shared/contracts/core-client.ts';
import type { EventEnvelope } from '../../../shared/contracts/domain-events.ts';
import type { MediaRequest } from '../../../shared/contracts/media-bridge.ts';
import type { ConsoleConnection, ConsoleService as ConsoleServiceContract } from '../core.types.ts';
import { badRequest, CoreError, notFound } from '../errors.ts';
import { aiHandlers } from './ai.console.ts';
import { ConsoleContext, type ConsoleDeps, type ConsoleHandlers } from './console-context.ts';
import { CONSOLE_ARG_VALIDATORS } from './console.schemas.ts';
import { queueHandlers } from './queue.console.ts';
import { auditHandlers } from './audit.console.ts';
import { monitorHandlers } from './monitor.console.ts';
import { transcriptionHandlers } from './transcription.console.ts';

const SESSION_RECHECK_MS = 5_000;

type Handlers = ConsoleHandlers<CoreMethod>;

/** What a console (IPC or browser) may do, checked once here for both transports. */
export class ConsoleService implements ConsoleServiceContract {
  private readonly deps: ConsoleDeps;
  private readonly ctx: ConsoleContext;
  private readonly handlers: Handlers;
  /** Counts logouts, so every stream re-checks its session at its next event after one. */
  private logouts = 0;

  constructor(deps: ConsoleDeps) {
    this.deps = deps;
    const ctx = (this.ctx = new ConsoleContext(deps));
    const { store, auth, calls, status } = deps;
    this.handlers = {
      ...transcriptionHandlers(ctx),
      ...aiHandlers(ctx),
      ...queueHandlers(ctx),
      ...monitorHandlers(ctx),
      ...auditHandlers(ctx),
      login: async (arg, conn) => {
        const { token, session } = await auth.login(arg.tenant_id, arg.username, arg.password);
        auth.logout(conn.sessionToken);
        conn.sessionToken = token;
        return session;
      },
      logout: (_arg, conn) => {
        const signedIn = auth.session(conn.sessionToken);
        auth.logout(conn.sessionToken);
        conn.sessionToken = null;
        this.logouts++;
        // Offline at once (after the logout, so the signed-out console's stream ends rather than hearing of it).
        if (signedIn) deps.queue.signedOut(signedIn.tenant_id, signedIn.agent.id, `agent:${signedIn.agent.id}`);
        return { ok: true } as const;
      },
      session: (_arg, conn) => auth.session(conn.sessionToken),
      status: (_arg, conn) => status.forAgent(auth.session(conn.sessionToken)?.agent ?? null),
      listCalls: (arg, conn) => {
        const s = this.ctx.requireSession(conn);
        const limit = arg.limit ?? 50;
        const offset = arg.offset ?? 0;
        const { items, total } = store.calls.list(s.tenant_id, { ...arg, limit, offset });
        return { items, total, limit, offset };
      },
      getCall: (arg, conn) => {
        const s = this.ctx.requireSession(conn);
        const call = calls.get(s.tenant_id, arg.id);
        return { call, events: store.callEvents.list(s.tenant_id, call.id), transcript: store.transcripts.list(s.tenant_id, call.id) };
      },
      listAgents: (_arg, conn) => store.agents.list(this.ctx.requireSession(conn).tenant_id),
      listLines: (_arg, conn) => this.deps.seats.linesOf(this.ctx.requireSession(conn).agent)?.list() ?? [],
      dial: (arg, conn) => this.ctx.lines(conn).dial(arg.target),
      answer: (arg, conn) => this.ctx.lines(conn).answer(arg.line_id),
      decline: (arg, conn) => this.ctx.lines(conn).decline(arg.line_id, arg.code),
      hangup: (arg, conn) => this.ctx.lines(conn).hangup(arg.line_id),
      hold: (arg, conn) => this.ctx.lines(conn).hold(arg.line_id, arg.on),
      mute: (arg, conn) => this.ctx.lines(conn).mute(arg.line_id, arg.on),
      sendDtmf: (arg, conn) => this.ctx.lines(conn).sendDtmf(arg.line_id, arg.digits),
      transfer: (arg, conn) => this.ctx.lines(conn).transfer(arg.line_id, arg.target),
      completeTransfer: (arg, conn) => this.ctx.lines(conn).completeTransfer(arg.line_id, arg.consult_line_id),
      dismissLine: (arg, conn) => {
        this.ctx.lines(conn).dismiss(arg.line_id);
        return { ok: true } as const;
      },
      mediaReply: (arg, conn) => {
        const reply = arg.ok ? { request_id: arg.request_id, ok: true as const, sdp: arg.sdp, sent: arg.sent } : { request_id: arg.request_id, ok: false as const, error: arg.error ?? 'media error' };
        if (!this.deps.seats.mediaReply(this.ctx.requireSession(conn).agent, reply)) throw notFound(`media request ${arg.request_id}`);
        return { ok: true } as const;
      },
      phoneSettings: (_arg, conn) => this.deps.phone.of(this.ctx.requireSession(conn).agent),
      setPhoneSettings: (arg, conn) => this.deps.phone.update(this.ctx.requireSession(conn).agent, arg),
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
    let checkedLogouts = this.logouts;
    let lastStatus = '';
    // An attached console is what keeps its agent's seat registered (media lives in it).
    const detachSeat = this.deps.seats.attach(session.agent, onMediaRequest);
    // …and what makes its agent present for the queue (offers need someone to see them).
    const detachPresence = this.deps.queue.consoleAttached(session.agent);
    let unsubscribe = () => {};
    const off = () => {
      unsubscribe();
      detachPresence();
      detachSeat();
    };
    // Re-check the session now and then, not per event: a few seconds' grace after a logout
    // elsewhere costs nothing, a database read per event per console would.
    const stillSignedIn = (): boolean => {
      if (Date.now() - checkedAt < SESSION_RECHECK_MS && checkedLogouts === this.logouts) return true;
      checkedAt = Date.now();
      checkedLogouts = this.logouts;
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
}
