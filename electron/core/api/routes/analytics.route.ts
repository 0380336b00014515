import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { isWaiting } from '../../../../shared/queue/queue-order.ts';
import { badRequest } from '../../errors.ts';
import { localDay } from '../../queue/queue-stats.ts';
import type { ApiDeps } from '../api-deps.ts';
import { principalOf } from '../plugins/api-key-auth.ts';
import { errors } from '../schemas/common.schemas.ts';
import { QueueStatsSchema } from '../schemas/queue.schemas.ts';

const Realtime = Type.Object({
  active_calls: Type.Integer(),
  inbound_active: Type.Integer(),
  outbound_active: Type.Integer(),
  queue_length: Type.Integer(),
  avg_wait_time_seconds: Type.Number({ description: 'mean wait of the calls answered from the queue today' }),
  agents_online: Type.Integer({ description: 'agents available, busy or in wrap-up' }),
  agents_busy: Type.Integer(),
  timestamp: Type.String(),
});

const DateParam = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}(T.+)?$', description: 'YYYY-MM-DD (a whole day in the hub’s time zone) or an ISO date-time' });
const RangeQuery = Type.Object({ start_date: Type.Optional(DateParam), end_date: Type.Optional(DateParam) }, { additionalProperties: false });

const CallMetrics = Type.Object({
  total_calls: Type.Integer(),
  inbound_calls: Type.Integer(),
  outbound_calls: Type.Integer(),
  avg_duration_seconds: Type.Number(),
  completion_rate: Type.Number({ description: 'completed ÷ ended calls (0 when none ended)' }),
  transfer_rate: Type.Number({ description: 'calls transferred or handed to a person ÷ all calls' }),
  sentiment_distribution: Type.Object({ positive: Type.Integer(), neutral: Type.Integer(), negative: Type.Integer() }),
  start_date: Type.String(),
  end_date: Type.String(),
});

const DAY_MS = 86_400_000;

/** `YYYY-MM-DD` → that local midnight (plus a day for an inclusive end); a date-time as given. */
function bound(text: string, end: boolean): number {
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) {
    const [y, m, d] = text.split('-').map(Number) as [number, number, number];
    const midnight = new Date(y, m - 1, d).getTime();
    if (new Date(midnight).getDate() !== d) throw badRequest(`${text} is not a date`);
    return end ? new Date(y, m - 1, d + 1).getTime() : midnight;
  }
  const ms = Date.parse(text);
  if (Number.isNaN(ms)) throw badRequest(`${text} is not a date or date-time`);
  return ms;
}

const rate = (part: number, whole: number): number => (whole > 0 ? Math.round((part / whole) * 1000) / 1000 : 0);

/** Seed 002's analytics (`/analytics/realtime`, `/analytics/calls`) and the wallboard's figures (`/analytics/queue`). */
export async function analyticsRoutes(app: FastifyInstance, { store, queue }: ApiDeps): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();

  r.get('/analytics/realtime', { schema: { tags: ['analytics'], summary: 'Calls, queue and agents right now (seed 002)', response: { 200: Realtime, ...errors(401, 403) } } }, async (req) => {
    const tenant = principalOf(req).tenant_id;
    const active = store.callMetrics.active(tenant);
    const { entries, agents, stats } = queue.snapshot(tenant);
    return {
      active_calls: active.total,
      inbound_active: active.inbound,
      outbound_active: active.outbound,
      queue_length: entries.filter(isWaiting).length,
      avg_wait_time_seconds: stats.avg_wait_seconds ?? 0,
      agents_online: agents.filter((a) => a.status === 'available' || a.status === 'busy' || a.status === 'wrap-up').length,
      agents_busy: agents.filter((a) => a.status === 'busy').length,
      timestamp: new Date().toISOString(),
    };
  });

  r.get(
    '/analytics/calls',
    {
      schema: {
        tags: ['analytics'],
        summary: 'Call figures over a date range, both ends included (seed 002); default: the last 30 days',
        querystring: RangeQuery,
        response: { 200: CallMetrics, ...errors(400, 401, 403) },
      },
    },
    async (req) => {
      const tenant = principalOf(req).tenant_id;
      const today = localDay(Date.now()).start.getTime();
      const from = req.query.start_date ? bound(req.query.start_date, false) : today - 29 * DAY_MS;
      const to = req.query.end_date ? bound(req.query.end_date, true) : today + DAY_MS;
      if (from >= to) throw badRequest('start_date must be before end_date');
      const f = store.callMetrics.range(tenant, new Date(from).toISOString(), new Date(to).toISOString());
      return {
        total_calls: f.total,
        inbound_calls: f.inbound,
        outbound_calls: f.outbound,
        avg_duration_seconds: Math.round((f.avg_duration_s ?? 0) * 10) / 10,
        completion_rate: rate(f.completed, f.ended),
        transfer_rate: rate(f.transferred, f.total),
        sentiment_distribution: { positive: f.positive, neutral: f.neutral, negative: f.negative },
        start_date: new Date(from).toISOString(),
        end_date: new Date(to).toISOString(),
      };
    },
  );

  r.get('/analytics/queue', { schema: { tags: ['analytics'], summary: "Today's queue and handling figures (the wallboard's)", response: { 200: QueueStatsSchema, ...errors(401, 403) } } }, async (req) =>
    queue.stats(principalOf(req).tenant_id),
  );
}
