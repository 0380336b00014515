import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { AUDIT_ACTIONS, AUDIT_FAMILIES, AUDIT_PAGE_MAX } from '../../../../shared/domain/audit.ts';
import type { ApiDeps } from '../api-deps.ts';
import { principalOf } from '../plugins/api-key-auth.ts';
import { errors, Nullable } from '../schemas/common.schemas.ts';

const AuditQuery = Type.Object(
  {
    before: Type.Optional(Type.Integer({ minimum: 1, description: 'entries older than this id (next_before of the previous page)' })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: AUDIT_PAGE_MAX, default: 50 })),
    action: Type.Optional(Type.Union([Type.Enum(AUDIT_ACTIONS), Type.Enum(AUDIT_FAMILIES)], { description: 'one action, or a family (monitor, ai, agent, queue)' })),
  },
  { additionalProperties: false },
);

const AuditEntrySchema = Type.Object({
  id: Type.Integer(),
  tenant_id: Type.String(),
  at: Type.String(),
  actor: Type.String({ description: 'agent:<id> (a console user), key:<id> (an API key) or system' }),
  action: Type.Enum(AUDIT_ACTIONS),
  call_sid: Nullable(Type.String()),
  subject: Nullable(Type.String()),
  data: Type.Record(Type.String(), Type.Unknown()),
});

/** The audit log of supervisor and admin actions, newest first (admin keys only). */
export async function auditRoutes(app: FastifyInstance, { auditLog }: ApiDeps): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  r.get(
    '/audit',
    {
      config: { scope: 'admin' },
      schema: {
        tags: ['audit'],
        summary: 'Supervisor and admin actions: monitoring, AI call controls, status changes of others, settings',
        querystring: AuditQuery,
        response: { 200: Type.Object({ entries: Type.Array(AuditEntrySchema), next_before: Nullable(Type.Integer()) }), ...errors(400, 401, 403) },
      },
    },
    async (req) => auditLog.page(principalOf(req).tenant_id, req.query),
  );
}
