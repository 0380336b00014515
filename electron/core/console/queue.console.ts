import { Type } from 'typebox';
import type { QUEUE_METHODS } from '../../../shared/contracts/queue-client.ts';
import { AGENT_STATUSES, AWAY_REASONS } from '../../../shared/domain/agent.ts';
import { QUEUE_SETTING_LIMITS } from '../queue/queue-settings.ts';
import type { ConsoleContext, ConsoleHandlers } from './console-context.ts';

const Void = Type.Union([Type.Null(), Type.Undefined()]);
const EntryRef = Type.Object({ entry_id: Type.Integer({ minimum: 1 }) }, { additionalProperties: false });
const seconds = (k: keyof typeof QUEUE_SETTING_LIMITS) => Type.Optional(Type.Integer({ minimum: QUEUE_SETTING_LIMITS[k].min, maximum: QUEUE_SETTING_LIMITS[k].max }));

/** Argument schemas of the queue console methods. */
export const QUEUE_ARG_SCHEMAS = {
  queueSnapshot: Void,
  setAgentStatus: Type.Object(
    { status: Type.Enum(AGENT_STATUSES), reason: Type.Optional(Type.Enum(AWAY_REASONS)), agent_id: Type.Optional(Type.Integer({ minimum: 1 })) },
    { additionalProperties: false },
  ),
  acceptOffer: EntryRef,
  declineOffer: EntryRef,
  setQueueSettings: Type.Object(
    {
      wrap_up_seconds: seconds('wrap_up_seconds'),
      offer_timeout_seconds: seconds('offer_timeout_seconds'),
      service_level_seconds: seconds('service_level_seconds'),
      reoffer_after_seconds: seconds('reoffer_after_seconds'),
      away_on_missed_offer: Type.Optional(Type.Boolean()),
      available_on_sign_in: Type.Optional(Type.Boolean()),
    },
    { additionalProperties: false, minProperties: 1 },
  ),
} satisfies Record<(typeof QUEUE_METHODS)[number], unknown>;

export function queueHandlers(ctx: ConsoleContext): ConsoleHandlers<(typeof QUEUE_METHODS)[number]> {
  const { queue } = ctx.deps;
  return {
    queueSnapshot: (_arg, conn) => queue.snapshot(ctx.requireSession(conn).tenant_id),
    setAgentStatus: (arg, conn) => {
      const own = ctx.requireSession(conn);
      const other = arg.agent_id !== undefined && arg.agent_id !== own.agent.id;
      const s = other ? ctx.requireRole(conn, ['supervisor', 'admin'], "changing another agent's status") : own;
      return queue.setStatus(s.tenant_id, arg.agent_id ?? s.agent.id, arg.status, arg.reason ?? null, `agent:${s.agent.id}`);
    },
    acceptOffer: (arg, conn) => {
      const s = ctx.requireSession(conn);
      return queue.accept(s.tenant_id, s.agent.id, arg.entry_id, `agent:${s.agent.id}`);
    },
    declineOffer: (arg, conn) => {
      const s = ctx.requireSession(conn);
      return queue.decline(s.tenant_id, s.agent.id, arg.entry_id, `agent:${s.agent.id}`);
    },
    setQueueSettings: (arg, conn) => queue.updateSettings(ctx.requireRole(conn, ['admin'], 'changing the queue settings').tenant_id, arg),
  };
}
