import { Type } from 'typebox';
import type { Assistant, AssistantInput } from '../../../../../shared/domain/assistant.ts';

/** Phony's agent ids look like `agent_123`; ours are the assistant's number. */
export const agentId = (a: Assistant): string => `agent_${a.id}`;

/** `agent_123` or `123` → 123; anything else names no agent. */
export function assistantIdOf(id: string): number | null {
  const m = /^(?:agent_)?([1-9][0-9]{0,14})$/.exec(id);
  return m ? Number(m[1]) : null;
}

const optionalFields = {
  temperature: Type.Optional(Type.Number({ minimum: 0, maximum: 2 })),
  max_tokens: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000 })),
  supported_languages: Type.Optional(Type.Array(Type.String({ minLength: 2, maxLength: 35 }), { maxItems: 50 })),
  language_detection: Type.Optional(Type.Boolean()),
};

export const AgentSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  tenant_id: Type.String(),
  system_prompt: Type.String(),
  voice: Type.String(),
  model: Type.String(),
  greeting_message: Type.Union([Type.String(), Type.Null()]),
  phone_numbers: Type.Array(Type.String()),
  is_active: Type.Boolean(),
  created_at: Type.String(),
  updated_at: Type.String(),
  ...optionalFields,
});

const writable = {
  name: Type.String({ minLength: 1, maxLength: 200 }),
  system_prompt: Type.String({ maxLength: 100_000 }),
  voice: Type.String({ minLength: 1, maxLength: 64 }),
  model: Type.String({ minLength: 1, maxLength: 128 }),
  greeting_message: Type.Union([Type.String({ maxLength: 2000 }), Type.Null()]),
  phone_numbers: Type.Array(Type.String({ minLength: 1, maxLength: 64 }), { maxItems: 100 }),
  is_active: Type.Boolean(),
  ...optionalFields,
};

export const UpdateAgentBody = Type.Partial(Type.Object(writable), { additionalProperties: false, minProperties: 1 });

/** Only the name is required; the rest take the assistant defaults (voice alloy, the tenant's realtime model). */
export const CreateAgentBody = Type.Object({ ...UpdateAgentBody.properties, name: writable.name }, { additionalProperties: false });

export type AgentBody = {
  name?: string;
  system_prompt?: string;
  voice?: string;
  model?: string;
  greeting_message?: string | null;
  phone_numbers?: string[];
  is_active?: boolean;
  temperature?: number;
  max_tokens?: number;
  supported_languages?: string[];
  language_detection?: boolean;
};

const pick = <T extends object>(o: T, keys: readonly (keyof T)[]): Partial<T> =>
  Object.fromEntries(keys.filter((k) => o[k] !== undefined).map((k) => [k, o[k]])) as Partial<T>;

/**
 * An agent body as our assistant fields: the system prompt is `instructions`, the greeting
 * `greeting`; the generation knobs go to `llm_settings`, the language ones to `stt_settings`,
 * merged over what the assistant has (`current`) so a partial update keeps the rest.
 */
export function assistantInput(body: AgentBody, current: Assistant | null): Partial<AssistantInput> {
  const llm = pick(body, ['temperature', 'max_tokens']);
  const stt = pick(body, ['supported_languages', 'language_detection']);
  const { system_prompt: _prompt, ...llmKept } = current?.llm_settings ?? {};
  return {
    ...(body.name !== undefined ? { name: body.name } : {}),
    ...(body.system_prompt !== undefined ? { instructions: body.system_prompt } : {}),
    ...(body.voice !== undefined ? { voice: body.voice } : {}),
    ...(body.model !== undefined ? { model: body.model } : {}),
    ...(body.greeting_message !== undefined ? { greeting: body.greeting_message } : {}),
    ...(body.phone_numbers !== undefined ? { phone_numbers: body.phone_numbers } : {}),
    ...(body.is_active !== undefined ? { is_active: body.is_active } : {}),
    ...(Object.keys(llm).length ? { llm_settings: { ...llmKept, ...llm } } : {}),
    ...(Object.keys(stt).length ? { stt_settings: { ...(current?.stt_settings ?? {}), ...stt } } : {}),
  };
}

/** An assistant in seed 003's agent shape. */
export function agent(a: Assistant) {
  const extra = { ...pick(a.llm_settings, ['temperature', 'max_tokens']), ...pick(a.stt_settings, ['supported_languages', 'language_detection']) };
  return {
    id: agentId(a),
    name: a.name,
    tenant_id: a.tenant_id,
    system_prompt: a.instructions,
    voice: a.voice,
    model: a.model,
    greeting_message: a.greeting,
    phone_numbers: a.phone_numbers,
    is_active: a.is_active,
    created_at: a.created_at,
    updated_at: a.updated_at,
    ...extra,
  };
}
