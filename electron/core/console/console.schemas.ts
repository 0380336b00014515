import { Type, type TSchema } from 'typebox';
import { Compile } from 'typebox/compile';
import type { CoreMethod } from '../../../shared/contracts/core-client.ts';
import { CALL_DIRECTIONS, CALL_STATUSES } from '../../../shared/domain/call.ts';
import { AI_ARG_SCHEMAS } from './ai.console.ts';
import { AUDIT_ARG_SCHEMAS } from './audit.console.ts';
import { QUEUE_ARG_SCHEMAS } from './queue.console.ts';
import { MONITOR_ARG_SCHEMAS } from './monitor.console.ts';
import { TRANSCRIPTION_ARG_SCHEMAS } from './transcription.console.ts';

const Void = Type.Union([Type.Null(), Type.Undefined()]);
const LineId = Type.String({ format: 'uuid' });
const LineRef = Type.Object({ line_id: LineId }, { additionalProperties: false });

/** One argument schema per console method: the same check for IPC and HTTP. */
export const CONSOLE_ARG_SCHEMAS = {
  login: Type.Object(
    {
      tenant_id: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
      username: Type.String({ minLength: 1, maxLength: 128 }),
      password: Type.String({ minLength: 1, maxLength: 1024 }),
    },
    { additionalProperties: false },
  ),
  logout: Void,
  session: Void,
  status: Void,
  listCalls: Type.Object(
    {
      limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
      offset: Type.Optional(Type.Integer({ minimum: 0 })),
      status: Type.Optional(Type.Enum(CALL_STATUSES)),
      direction: Type.Optional(Type.Enum(CALL_DIRECTIONS)),
      agent_id: Type.Optional(Type.Integer({ minimum: 1 })),
      active: Type.Optional(Type.Boolean()),
      since: Type.Optional(Type.String({ format: 'date-time' })),
      until: Type.Optional(Type.String({ format: 'date-time' })),
    },
    { additionalProperties: false },
  ),
  getCall: Type.Object({ id: Type.Integer({ minimum: 1 }) }, { additionalProperties: false }),
  listAgents: Void,
  listLines: Void,
  dial: Type.Object({ target: Type.String({ minLength: 1, maxLength: 300 }) }, { additionalProperties: false }),
  answer: LineRef,
  decline: Type.Object({ line_id: LineId, code: Type.Optional(Type.Union([Type.Literal(486), Type.Literal(603)])) }, { additionalProperties: false }),
  hangup: LineRef,
  hold: Type.Object({ line_id: LineId, on: Type.Boolean() }, { additionalProperties: false }),
  mute: Type.Object({ line_id: LineId, on: Type.Boolean() }, { additionalProperties: false }),
  sendDtmf: Type.Object({ line_id: LineId, digits: Type.String({ minLength: 1, maxLength: 64 }) }, { additionalProperties: false }),
  transfer: Type.Object({ line_id: LineId, target: Type.String({ minLength: 1, maxLength: 300 }) }, { additionalProperties: false }),
  completeTransfer: Type.Object({ line_id: LineId, consult_line_id: LineId }, { additionalProperties: false }),
  dismissLine: LineRef,
  mediaReply: Type.Object(
    {
      request_id: Type.String({ minLength: 1, maxLength: 64 }),
      ok: Type.Boolean(),
      sdp: Type.Optional(Type.String({ maxLength: 65_536 })),
      sent: Type.Optional(Type.Boolean()),
      error: Type.Optional(Type.String({ maxLength: 2000 })),
    },
    { additionalProperties: false },
  ),
  phoneSettings: Void,
  setPhoneSettings: Type.Object(
    {
      do_not_disturb: Type.Optional(Type.Boolean()),
      auto_answer: Type.Optional(Type.Boolean()),
      auto_answer_delay_s: Type.Optional(Type.Integer({ minimum: 0, maximum: 60 })),
      allow_intercom: Type.Optional(Type.Boolean()),
      show_monitoring: Type.Optional(Type.Boolean()),
    },
    { additionalProperties: false, minProperties: 1 },
  ),
  ...TRANSCRIPTION_ARG_SCHEMAS,
  ...AI_ARG_SCHEMAS,
  ...MONITOR_ARG_SCHEMAS,
  ...QUEUE_ARG_SCHEMAS,
  ...AUDIT_ARG_SCHEMAS,
} satisfies Record<CoreMethod, TSchema>;

export const CONSOLE_ARG_VALIDATORS = Object.fromEntries(
  Object.entries(CONSOLE_ARG_SCHEMAS).map(([method, schema]) => [method, Compile(schema)]),
) as { [M in CoreMethod]: ReturnType<typeof Compile> };
