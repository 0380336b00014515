import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { QueueEntry } from '../../../../shared/domain/queue.ts';
import { isWaiting } from '../../../../shared/queue/queue-order.ts';
import type { WaitEstimate } from '../../../../shared/queue/wait-estimate.ts';
import { isAtWork } from '../../queue/queue.service.ts';
import type { ApiDeps } from '../api-deps.ts';
import { principalOf } from '../plugins/api-key-auth.ts';
import { errors, IntId } from '../schemas/common.schemas.ts';
import { EnqueueBody, EntryState, PositionSchema, QueueEntrySchema, QueueSettingsPatch, QueueSettingsSchema, QueueStatusSchema } from '../schemas/queue.schemas.ts';

const ListQuery = Type.Object(
  {
    state: Type.Optional(EntryState),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 50 })),
    offset: Type.Optional(Type.Integer({ minimum: 0 })),
  },
  { additionalProperties: false },
);

const withPosition = (entry: QueueEntry, estimates: Map<number, WaitEstimate>) => {
  const e = estimates.get(entry.id);
  return { ...entry, queue_id: entry.id, position: e?.position ?? null, estimated_wait_seconds: e?.wait_seconds ?? null };
};

/**
 * The queue for integrators (seed 002's `/queue/status` and `/queue/{id}/position`, plus
 * enqueueing, listing and removing entries, and the queue's settings).
 */
export async function queueRoutes(app: FastifyInstance, { queue }: ApiDeps): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();

  r.get('/queue/status', { schema: { tags: ['queue'], summary: 'Waiting and assigned calls, mean wait, agents at work (seed 002)', response: { 200: QueueStatusSchema, ...errors(401, 403) } } }, async (req) => {
    const tenant = principalOf(req).tenant_id;
    const { entries, agents, stats } = queue.snapshot(tenant);
    const now = Date.now();
    const waiting = entries.filter(isWaiting);
    const longest = waiting.reduce((m, e) => Math.max(m, (now - Date.parse(e.enqueued_at)) / 1000), 0);
    return {
      waiting_count: waiting.length,
      assigned_count: entries.filter((e) => e.state === 'assigned').length,
      avg_wait_time_seconds: stats.avg_wait_seconds ?? 0,
      active_agents: agents.filter(isAtWork).length,
      longest_wait_seconds: Math.round(longest * 10) / 10,
      service_level: stats.service_level,
      service_level_seconds: stats.service_level_seconds,
      answered_today: stats.answered,
      abandoned_today: stats.abandoned,
    };
  });

  r.get('/queue/settings', { schema: { tags: ['queue'], summary: "The tenant's queue policy", response: { 200: QueueSettingsSchema, ...errors(401, 403) } } }, async (req) =>
    queue.settings.of(principalOf(req).tenant_id),
  );

  r.patch(
    '/queue/settings',
    { config: { scope: 'admin' }, schema: { tags: ['queue'], summary: "Change the tenant's queue policy", body: QueueSettingsPatch, response: { 200: QueueSettingsSchema, ...errors(400, 401, 403) } } },
    async (req) => {
      const p = principalOf(req);
      return queue.updateSettings(p.tenant_id, req.body, p.actor);
    },
  );

  r.get(
    '/queue',
    {
      schema: {
        tags: ['queue'],
        summary: 'Queue entries, newest first (open and past)',
        querystring: ListQuery,
        response: { 200: Type.Object({ entries: Type.Array(QueueEntrySchema), total: Type.Integer(), limit: Type.Integer(), offset: Type.Integer() }), ...errors(400, 401, 403) },
      },
    },
    async (req) => {
      const tenant = principalOf(req).tenant_id;
      const limit = req.query.limit ?? 50;
      const offset = req.query.offset ?? 0;
      const { items, total } = queue.list(tenant, { ...(req.query.state ? { state: req.query.state } : {}), limit, offset });
      const estimates = queue.estimates(tenant);
      return { entries: items.map((e) => withPosition(e, estimates)), total, limit, offset };
    },
  );

  r.post(
    '/queue',
    {
      schema: {
        tags: ['queue'],
        summary: 'Put a call in the queue: an inbound call the PBX or your system holds, a call Earshot knows, or a callback',
        body: EnqueueBody,
        response: { 201: QueueEntrySchema, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (req, reply) => {
      const p = principalOf(req);
      const entry = queue.enqueue(p.tenant_id, req.body, p.actor);
      return reply.code(201).send(withPosition(entry, queue.estimates(p.tenant_id)));
    },
  );

  r.get('/queue/:id', { schema: { tags: ['queue'], params: IntId, response: { 200: QueueEntrySchema, ...errors(401, 403, 404) } } }, async (req) => {
    const tenant = principalOf(req).tenant_id;
    return withPosition(queue.entry(tenant, req.params.id), queue.estimates(tenant));
  });

  r.get(
    '/queue/:id/position',
    { schema: { tags: ['queue'], summary: 'Place in the queue and estimated wait (seed 002)', params: IntId, response: { 200: PositionSchema, ...errors(401, 403, 404) } } },
    async (req) => {
      const { entry, estimate } = queue.estimate(principalOf(req).tenant_id, req.params.id);
      const s = estimate.wait_seconds;
      return { queue_id: entry.id, position: estimate.position, estimated_wait_minutes: s === null ? null : Math.ceil(s / 60), estimated_wait_seconds: s, state: entry.state };
    },
  );

  r.delete(
    '/queue/:id',
    {
      config: { scope: 'write' },
      schema: { tags: ['queue'], summary: 'Take an entry out of the queue (removed while waiting, completed once assigned)', params: IntId, response: { 200: QueueEntrySchema, ...errors(401, 403, 404, 409) } },
    },
    async (req) => {
      const p = principalOf(req);
      return withPosition(queue.remove(p.tenant_id, req.params.id, p.actor), new Map());
    },
  );
}
