import { Type } from 'typebox';
import type { AUDIT_METHODS } from '../../../shared/contracts/audit-client.ts';
import { AUDIT_ACTIONS, AUDIT_FAMILIES, AUDIT_PAGE_MAX } from '../../../shared/domain/audit.ts';
import type { ConsoleContext, ConsoleHandlers } from './console-context.ts';

/** Argument schemas of the audit console methods. */
export const AUDIT_ARG_SCHEMAS = {
  auditLog: Type.Object(
    {
      before: Type.Optional(Type.Integer({ minimum: 1 })),
      limit: Type.Optional(Type.Integer({ minimum: 1, maximum: AUDIT_PAGE_MAX })),
      action: Type.Optional(Type.Union([Type.Enum(AUDIT_ACTIONS), Type.Enum(AUDIT_FAMILIES)])),
    },
    { additionalProperties: false },
  ),
} satisfies Record<(typeof AUDIT_METHODS)[number], unknown>;

export function auditHandlers(ctx: ConsoleContext): ConsoleHandlers<(typeof AUDIT_METHODS)[number]> {
  return {
    auditLog: (arg, conn) => ctx.deps.auditLog.page(ctx.requireRole(conn, ['admin'], 'reading the audit log').tenant_id, arg ?? {}),
  };
}
