import { Type } from 'typebox';
import { MONITOR_MODES, MONITOR_VIAS, type MONITOR_METHODS } from '../../../shared/contracts/monitor-client.ts';
import type { ConsoleContext, ConsoleHandlers } from './console-context.ts';

const CallId = Type.Integer({ minimum: 1 });
const Mode = Type.Enum(MONITOR_MODES);
const PerMode = (pattern: string) =>
  Type.Object(Object.fromEntries(MONITOR_MODES.map((m) => [m, Type.Optional(Type.String({ pattern }))])), { additionalProperties: false, minProperties: 1 });

/** Argument schemas of the supervision console methods. */
export const MONITOR_ARG_SCHEMAS = {
  startMonitor: Type.Object({ call_id: CallId, mode: Mode }, { additionalProperties: false }),
  setMonitorMode: Type.Object({ call_id: CallId, mode: Mode }, { additionalProperties: false }),
  stopMonitor: Type.Object({ call_id: CallId }, { additionalProperties: false }),
  takeOver: Type.Object({ call_id: CallId }, { additionalProperties: false }),
  monitorSettings: Type.Union([Type.Null(), Type.Undefined()]),
  setMonitorSettings: Type.Object(
    {
      via: Type.Optional(Type.Enum(MONITOR_VIAS)),
      pbx_codes: Type.Optional(PerMode('^[0-9*#]{1,12}$')),
      pbx_dtmf: Type.Optional(PerMode('^[0-9*#]$')),
      secret: Type.Optional(Type.String({ minLength: 16, maxLength: 256 })),
      regenerate_secret: Type.Optional(Type.Literal(true)),
    },
    { additionalProperties: false, minProperties: 1 },
  ),
} satisfies Record<(typeof MONITOR_METHODS)[number], unknown>;

const SUPERVISORS = ['supervisor', 'admin'] as const;

export function monitorHandlers(ctx: ConsoleContext): ConsoleHandlers<(typeof MONITOR_METHODS)[number]> {
  const { monitoring, monitorSettings } = ctx.deps;
  const supervisor = (conn: Parameters<typeof ctx.requireSession>[0], what: string) => ctx.requireRole(conn, SUPERVISORS, what).agent;
  return {
    startMonitor: (arg, conn) => monitoring.start(supervisor(conn, 'monitoring calls'), arg.call_id, arg.mode),
    setMonitorMode: (arg, conn) => monitoring.setMode(supervisor(conn, 'monitoring calls'), arg.call_id, arg.mode),
    stopMonitor: (arg, conn) => monitoring.stop(supervisor(conn, 'monitoring calls'), arg.call_id),
    takeOver: (arg, conn) => monitoring.takeOver(supervisor(conn, 'taking over calls'), arg.call_id),
    monitorSettings: (_arg, conn) => monitorSettings.view(ctx.requireRole(conn, SUPERVISORS, 'supervision settings').tenant_id),
    setMonitorSettings: (arg, conn) => {
      const s = ctx.requireRole(conn, ['admin'], 'changing supervision settings');
      const view = monitorSettings.update(s.tenant_id, arg);
      ctx.deps.auditLog.settingsChanged(s.tenant_id, `agent:${s.agent.id}`, 'monitor.settings', arg, ['secret', 'regenerate_secret']);
      return view;
    },
  };
}
