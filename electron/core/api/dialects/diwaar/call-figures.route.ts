import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { ApiDeps } from '../../api-deps.ts';
import { principalOf } from '../../plugins/api-key-auth.ts';
import { errors } from '../../schemas/common.schemas.ts';
import { DIWAAR_STATUSES, statusFilter, UNSUCCESSFUL_STATUSES } from './call-outcome.ts';

const TAGS = ['calls', 'seed 004 (Diwaar)'];
const CountQuery = Type.Object({ status: Type.Optional(Type.Enum(DIWAAR_STATUSES)) }, { additionalProperties: false });
const Stats = Type.Object({
  total_calls: Type.Integer(),
  ongoing_calls: Type.Integer(),
  completed_calls: Type.Integer(),
  failed_calls: Type.Integer({ description: 'busy, not answered, failed or cancelled' }),
  total_duration_seconds: Type.Number(),
  average_duration_seconds: Type.Number({ description: 'over the calls with a duration' }),
  success_rate: Type.Number({ description: 'completed calls in percent of all calls' }),
});

const round2 = (n: number) => Math.round(n * 100) / 100;

/** Seed 004's `GET /calls/count` and `GET /calls/stats` over the tenant's calls. */
export async function diwaarCallFiguresRoutes(app: FastifyInstance, { store }: ApiDeps): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  r.get(
    '/calls/count',
    { schema: { tags: TAGS, summary: 'How many calls, optionally with a seed 004 status', querystring: CountQuery, response: { 200: Type.Object({ count: Type.Integer() }), ...errors(400, 401, 403) } } },
    async (req) => {
      const status = req.query.status;
      const { total } = store.calls.list(principalOf(req).tenant_id, { ...(status ? statusFilter(status) : {}), limit: 1, offset: 0 });
      return { count: total };
    },
  );

  r.get('/calls/stats', { schema: { tags: TAGS, summary: 'Call statistics of the tenant', response: { 200: Stats, ...errors(401, 403) } } }, async (req) => {
    const f = store.callOutcomes.figures(principalOf(req).tenant_id, UNSUCCESSFUL_STATUSES);
    return {
      total_calls: f.total,
      ongoing_calls: f.ongoing,
      completed_calls: f.completed,
      failed_calls: f.unsuccessful,
      total_duration_seconds: round2(f.total_duration_seconds),
      average_duration_seconds: round2(f.average_duration_seconds ?? 0),
      success_rate: f.total === 0 ? 0 : round2((f.completed / f.total) * 100),
    };
  });
}
