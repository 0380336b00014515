import type {} from '@fastify/cookie';
import type {} from '@fastify/websocket';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { CORE_METHODS, type CoreMethod } from '../../../../shared/contracts/core-client.ts';
import type { EventSocketHello, MediaRequestMessage } from '../../../../shared/contracts/domain-events.ts';
import type { ConsoleConnection } from '../../core.types.ts';
import { CoreError } from '../../errors.ts';
import { envelopeJson } from '../../events/envelope-json.ts';
import type { ApiDeps } from '../api-deps.ts';
import { errors } from '../schemas/common.schemas.ts';

export const SESSION_COOKIE = 'earshot_session';
const METHODS = new Set<string>(CORE_METHODS);
const SEGMENT_BODY_LIMIT = 8 * 1024 * 1024;

/** A browser console's calls: same methods and checks as Electron's IPC, carried over HTTP. */
export async function consoleRoutes(app: FastifyInstance, { console: service, auth, status }: ApiDeps): Promise<void> {
  const connectionOf = (req: FastifyRequest): ConsoleConnection => ({ sessionToken: req.cookies[SESSION_COOKIE] ?? null });

  const syncCookie = (req: FastifyRequest, reply: FastifyReply, conn: ConsoleConnection, before: string | null) => {
    if (conn.sessionToken === before) return;
    if (conn.sessionToken === null) {
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return;
    }
    reply.setCookie(SESSION_COOKIE, conn.sessionToken, {
      path: '/',
      httpOnly: true,
      sameSite: 'strict',
      secure: req.protocol === 'https',
      maxAge: 12 * 60 * 60,
    });
  };

  const invoke = async (method: string, req: FastifyRequest, reply: FastifyReply) => {
    if (!METHODS.has(method)) throw new CoreError(404, 'unknown_method', `unknown console method '${method}'`);
    const conn = connectionOf(req);
    const before = conn.sessionToken;
    try {
      const result = await service.invoke(method as CoreMethod, (req.body ?? null) as never, conn);
      syncCookie(req, reply, conn, before);
      return reply.type('application/json').send(JSON.stringify(result ?? null));
    } catch (err) {
      // A session that no longer exists (expired, logged out elsewhere) clears the stale cookie.
      if (err instanceof CoreError && err.statusCode === 401 && before && !auth.session(before)) reply.clearCookie(SESSION_COOKIE, { path: '/' });
      throw err;
    }
  };

  app.post(
    '/console/rpc/:method',
    {
      schema: {
        tags: ['console'],
        summary: 'Console request (body: the argument as JSON, or null)',
        params: Type.Object({ method: Type.String({ minLength: 1, maxLength: 64 }) }),
        response: errors(400, 401, 403, 404),
      },
    },
    (req, reply) => invoke((req.params as { method: string }).method, req, reply),
  );

  // A speech segment carries up to 60 s of WAV as base64: the one request allowed to be this big.
  app.post(
    '/console/rpc/submitSegment',
    {
      bodyLimit: SEGMENT_BODY_LIMIT,
      schema: { tags: ['console'], summary: 'Console request submitSegment (a speech segment, up to 8 MiB)', response: errors(400, 401, 403, 404, 409) },
    },
    (req, reply) => invoke('submitSegment', req, reply),
  );

  app.get('/console/events', { websocket: true, schema: { tags: ['console'], summary: "WebSocket of the signed-in console's events" } }, (socket, req) => {
    const conn = connectionOf(req);
    const session = auth.session(conn.sessionToken);
    if (!session) {
      socket.close(4401, 'sign in first');
      return;
    }
    // Subscribing attaches the agent's seat, which reports its state at once: queue those
    // events until the hello (which already includes that state) has gone out.
    const early: string[] = [];
    let greeted = false;
    const off = service.subscribe(
      conn,
      (env) => (greeted ? socket.send(envelopeJson(env)) : early.push(envelopeJson(env))),
      () => socket.close(4401, 'session ended'),
      // A browser console holds its seat's audio: the core's SDP and DTMF work goes to it.
      (request) => {
        const message: MediaRequestMessage = { type: 'media.request', request };
        socket.send(JSON.stringify(message));
      },
    );
    const hello: EventSocketHello = { type: 'hello', seq: 0, status: status.forAgent(session.agent) };
    socket.send(JSON.stringify(hello));
    greeted = true;
    for (const message of early) socket.send(message);
    socket.on('close', off);
  });
}
