import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { Call } from '../../../../../shared/domain/call.ts';
import { CoreError } from '../../../errors.ts';
import type { ApiDeps } from '../../api-deps.ts';
import { principalOf } from '../../plugins/api-key-auth.ts';
import { CallIdParam } from './backend-calls.route.ts';
import { callSessionNotFound } from './denco-errors.ts';
import { activeCall, ActiveCallSchema, CallSessionSchema, callSession, message, MessageSchema } from './denco-shapes.ts';

const TAGS = ['seed 000 (DENCO)'];
const Detail = Type.Object({ detail: Type.Unknown() });
const success = { status: Type.Literal('success') };
/** More live calls than a small call centre has at once; the list stays one page. */
const ACTIVE_LIMIT = 1000;

const ListQuery = Type.Object(
  { limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 50 })), offset: Type.Optional(Type.Integer({ minimum: 0, default: 0 })) },
  { additionalProperties: false },
);
const StatsQuery = Type.Object(
  { start_date: Type.Optional(Type.String({ maxLength: 64, description: 'ISO 8601' })), end_date: Type.Optional(Type.String({ maxLength: 64, description: 'ISO 8601, inclusive' })) },
  { additionalProperties: false },
);

/** Stored times are ISO strings compared as text: bounds stay in years 0000–9999 so they compare right. */
const EARLIEST_MS = Date.parse('0000-01-01T00:00:00.000Z');
const LATEST_MS = Date.parse('9999-12-31T23:59:59.999Z');

function boundMs(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) throw new CoreError(422, 'validation_failed', `${name} must be an ISO 8601 date or date-time, got '${value}'`);
  return Math.min(LATEST_MS, Math.max(EARLIEST_MS, ms));
}

/** Seed 000's frontend routes (its Next.js console): calls, live calls, messages, statistics. */
export async function dencoFrontendRoutes(app: FastifyInstance, deps: ApiDeps): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const callOf = (tenant: string, sid: string): Call => {
    const call = deps.store.calls.getBySid(tenant, sid);
    if (!call) throw callSessionNotFound();
    return call;
  };
  const messagesOf = (call: Call) => deps.store.transcripts.list(call.tenant_id, call.id).map((s) => message(call, s));

  r.get(
    '/api/calls',
    {
      schema: {
        tags: TAGS,
        summary: 'Call history, newest first',
        querystring: ListQuery,
        response: { 200: Type.Object({ ...success, calls: Type.Array(CallSessionSchema), total: Type.Integer(), limit: Type.Integer(), offset: Type.Integer() }), 401: Detail, 422: Detail },
      },
    },
    async (req) => {
      const limit = req.query.limit ?? 50;
      const offset = req.query.offset ?? 0;
      const { items, total } = deps.store.calls.list(principalOf(req).tenant_id, { limit, offset });
      return { status: 'success' as const, calls: items.map(callSession), total, limit, offset };
    },
  );

  r.get(
    '/api/calls/active',
    {
      schema: {
        tags: TAGS,
        summary: 'Calls that have not ended',
        response: { 200: Type.Object({ ...success, calls: Type.Array(ActiveCallSchema), count: Type.Integer() }), 401: Detail },
      },
    },
    async (req) => {
      const { items } = deps.store.calls.list(principalOf(req).tenant_id, { active: true, limit: ACTIVE_LIMIT, offset: 0 });
      return { status: 'success' as const, calls: items.map(activeCall), count: items.length };
    },
  );

  r.get(
    '/api/calls/:call_id',
    {
      schema: {
        tags: TAGS,
        summary: 'A call session with its messages (the transcript)',
        params: CallIdParam,
        response: { 200: Type.Object({ ...success, session: CallSessionSchema, messages: Type.Array(MessageSchema) }), 401: Detail, 404: Detail },
      },
    },
    async (req) => {
      const call = callOf(principalOf(req).tenant_id, req.params.call_id);
      return { status: 'success' as const, session: callSession(call), messages: messagesOf(call) };
    },
  );

  r.get(
    '/api/calls/:call_id/messages',
    {
      schema: {
        tags: TAGS,
        summary: "A call's messages (the transcript), in call order",
        params: CallIdParam,
        response: { 200: Type.Object({ ...success, call_id: Type.String(), messages: Type.Array(MessageSchema) }), 401: Detail, 404: Detail },
      },
    },
    async (req) => {
      const call = callOf(principalOf(req).tenant_id, req.params.call_id);
      return { status: 'success' as const, call_id: call.sid, messages: messagesOf(call) };
    },
  );

  r.get(
    '/api/statistics',
    {
      schema: {
        tags: TAGS,
        summary: 'Call figures for calls started in [start_date, end_date]',
        querystring: StatsQuery,
        response: {
          200: Type.Object({
            ...success,
            statistics: Type.Object({ total_calls: Type.Integer(), completed_calls: Type.Integer(), failed_calls: Type.Integer(), avg_duration: Type.Number() }),
          }),
          401: Detail,
          422: Detail,
        },
      },
    },
    async (req) => {
      const from = boundMs('start_date', req.query.start_date, EARLIEST_MS);
      const until = boundMs('end_date', req.query.end_date, LATEST_MS);
      if (from > until) throw new CoreError(422, 'validation_failed', 'start_date must not be after end_date');
      // end_date is inclusive; the figures take [from, to).
      const to = new Date(Math.min(until + 1, LATEST_MS)).toISOString();
      const f = deps.store.callMetrics.range(principalOf(req).tenant_id, new Date(from).toISOString(), to);
      return {
        status: 'success' as const,
        statistics: {
          total_calls: f.total,
          completed_calls: f.completed,
          failed_calls: f.ended - f.completed,
          avg_duration: f.avg_duration_s === null ? 0 : Math.round(f.avg_duration_s * 10) / 10,
        },
      };
    },
  );
}
