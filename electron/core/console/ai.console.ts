import { Type } from 'typebox';
import type { AI_METHODS } from '../../../shared/contracts/ai-client.ts';
import { assistantFields } from '../api/schemas/assistant.schemas.ts';
import type { ConsoleContext, ConsoleHandlers } from './console-context.ts';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
const Text = (max: number) => Type.String({ maxLength: max });
const Id = Type.Integer({ minimum: 1 });
const CallRef = <K extends string>(key: K) => Type.Object({ [key]: Id } as Record<K, typeof Id>, { additionalProperties: false });

/** Argument schemas of the AI console methods. */
export const AI_ARG_SCHEMAS = {
  aiSettings: Type.Union([Type.Null(), Type.Undefined()]),
  setAiSettings: Type.Object(
    {
      base_url: Type.Optional(Nullable(Text(500))),
      api_key: Type.Optional(Nullable(Text(500))),
      webhook_secret: Type.Optional(Nullable(Text(500))),
      transcription_model: Type.Optional(Nullable(Text(100))),
      transcription_language: Type.Optional(Nullable(Type.String({ pattern: '^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$' }))),
      transcription_prompt: Type.Optional(Nullable(Text(2000))),
      chat_model: Type.Optional(Nullable(Text(100))),
      realtime_model: Type.Optional(Nullable(Text(100))),
    },
    { additionalProperties: false, minProperties: 1 },
  ),
  listAssistants: Type.Union([Type.Null(), Type.Undefined()]),
  saveAssistant: Type.Object(
    {
      ...assistantFields,
      id: Type.Optional(Type.Integer({ minimum: 1 })),
      llm_api_key: Type.Optional(Nullable(Text(500))),
    },
    { additionalProperties: false },
  ),
  deleteAssistant: CallRef('id'),
  aiWhisper: Type.Object({ call_id: Id, text: Type.String({ minLength: 1, maxLength: 4000 }) }, { additionalProperties: false }),
  aiSay: Type.Object({ call_id: Id, text: Type.String({ minLength: 1, maxLength: 4000 }) }, { additionalProperties: false }),
  aiStop: CallRef('call_id'),
  aiTransfer: Type.Object({ call_id: Id, target: Type.String({ minLength: 1, maxLength: 300 }) }, { additionalProperties: false }),
  aiHangup: CallRef('call_id'),
} satisfies Record<(typeof AI_METHODS)[number], unknown>;

const ADMINS = ['admin', 'supervisor'] as const;
const SUPERVISORS = ['supervisor', 'admin'] as const;

export function aiHandlers(ctx: ConsoleContext): ConsoleHandlers<(typeof AI_METHODS)[number]> {
  const { ai, assistants, aiCalls } = ctx.deps;
  /** The supervisor's tenant and audit name, if the role allows AI call controls. */
  const supervisor = (conn: Parameters<typeof ctx.requireSession>[0], what: string) => {
    const s = ctx.requireRole(conn, SUPERVISORS, what);
    return { tenant: s.tenant_id, actor: `agent:${s.agent.id}` };
  };
  const controls = aiCalls.controls;
  return {
    aiSettings: (_arg, conn) => ai.view(ctx.requireRole(conn, ADMINS, 'AI settings').tenant_id),
    setAiSettings: (arg, conn) => {
      const s = ctx.requireRole(conn, ['admin'], 'changing AI settings');
      const view = ai.update(s.tenant_id, arg);
      ctx.deps.auditLog.settingsChanged(s.tenant_id, `agent:${s.agent.id}`, 'ai.settings', arg, ['api_key', 'webhook_secret']);
      return view;
    },
    listAssistants: (_arg, conn) => assistants.list(ctx.requireSession(conn).tenant_id).items,
    saveAssistant: ({ id, ...input }, conn) => {
      const s = ctx.requireRole(conn, ADMINS, 'changing assistants');
      return id === undefined ? assistants.create(s.tenant_id, input, `agent:${s.agent.id}`) : assistants.update(s.tenant_id, id, input);
    },
    deleteAssistant: (arg, conn) => {
      assistants.delete(ctx.requireRole(conn, ADMINS, 'deleting assistants').tenant_id, arg.id);
      return { ok: true } as const;
    },
    aiWhisper: (arg, conn) => {
      const { tenant, actor } = supervisor(conn, 'whispering to an AI call');
      return controls.whisper(tenant, arg.call_id, arg.text, actor);
    },
    aiSay: (arg, conn) => {
      const { tenant, actor } = supervisor(conn, 'speaking through an AI call');
      return controls.say(tenant, arg.call_id, arg.text, actor);
    },
    aiStop: (arg, conn) => {
      const { tenant, actor } = supervisor(conn, 'stopping an AI call');
      return controls.stop(tenant, arg.call_id, actor);
    },
    aiTransfer: (arg, conn) => {
      const { tenant, actor } = supervisor(conn, 'transferring an AI call');
      return controls.transfer(tenant, arg.call_id, arg.target, actor);
    },
    aiHangup: (arg, conn) => {
      const { tenant, actor } = supervisor(conn, 'hanging up an AI call');
      return controls.hangup(tenant, arg.call_id, actor);
    },
  };
}
