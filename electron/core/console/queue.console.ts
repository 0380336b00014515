import { Type } from 'typebox';
import type { QUEUE_METHODS } from '../../../shared/contracts/queue-client.ts';
import { AGENT_STATUSES, AWAY_REASONS } from '../../../shared/domain/agent.ts';
import type { ConsoleContext, ConsoleHandlers } from './console-context.ts';

const Void = Type.Union([Type.Null(), Type.Undefined()]);
const EntryRef = Type.Object({ entry_id: Type.Integer({ minimum: 1 }) }, { additionalProperties: false });
// The range of each is the settings store's to check: its refusal names the allowed range in words a supervisor can act on.
const seconds = () => Type.Optional(Type.Integer());

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
      wrap_up_seconds: seconds(),
      offer_timeout_seconds: seconds(),
      service_level_seconds: seconds(),
      reoffer_after_seconds: seconds(),
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
    // Supervisors run the floor: wrap-up, offer timeout and the service-level threshold are theirs to tune.
    setQueueSettings: (arg, conn) => {
      const s = ctx.requireRole(conn, ['supervisor', 'admin'], 'changing the queue settings');
      return queue.updateSettings(s.tenant_id, arg, `agent:${s.agent.id}`);
    },
  };
}
