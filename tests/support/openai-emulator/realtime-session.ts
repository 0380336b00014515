// The realtime session of a SIP call: the shape of its configuration (the body of
// calls.accept and of a `session.update`, the SDK's RealtimeSessionCreateRequest), the
// session object the service reports (`session.created` / `session.updated`), and the shapes
// of conversation items and `response.create` parameters.
import { newId, nowSeconds } from './ids.ts';
import { checkModel, REALTIME_TRANSCRIPTION_MODELS, REALTIME_VOICES, type ModelCatalog } from './models.ts';
import { any, arr, bool, check, int, nullable, num, obj, oneOf, oneOfValues, openObj, str, union, type ObjectShape, type Shape } from './shape.ts';

const format = union('type', {
  'audio/pcm': obj({ rate: oneOfValues(24000) }),
  'audio/pcmu': obj({}),
  'audio/pcma': obj({}),
});

const voice = oneOf(oneOfValues(...REALTIME_VOICES), obj({ id: str() }, ['id']));

const transcription = obj({
  delay: oneOfValues('minimal', 'low', 'medium', 'high', 'xhigh'),
  keywords: arr(str()),
  language: str(),
  languages: arr(str()),
  model: oneOfValues(...REALTIME_TRANSCRIPTION_MODELS),
  prompt: str(),
});

const turnDetection = nullable(
  union('type', {
    server_vad: obj({
      create_response: bool,
      idle_timeout_ms: nullable(int(5000, 30000)),
      interrupt_response: bool,
      prefix_padding_ms: int(0),
      silence_duration_ms: int(0),
      threshold: num(0, 1),
    }),
    semantic_vad: obj({ create_response: bool, eagerness: oneOfValues('low', 'medium', 'high', 'auto'), interrupt_response: bool }),
  }),
);

const functionTool = obj({ name: str(), description: str(), parameters: any });
const mcpTool: ObjectShape = { kind: 'object', fields: { server_label: str() }, required: ['server_label'], open: true };
const tools = arr(union('type', { function: functionTool, mcp: mcpTool }));
const toolChoice = oneOf(
  oneOfValues('none', 'auto', 'required'),
  union('type', { function: obj({ name: str() }, ['name']), mcp: obj({ server_label: str(), name: nullable(str()) }, ['server_label']) }),
);
const prompt = nullable(obj({ id: str(), variables: nullable(openObj), version: nullable(str()) }, ['id']));
const maxOutputTokens = oneOf(int(1, 4096), oneOfValues('inf'));
const outputModalities = arr(oneOfValues('text', 'audio'));

/** RealtimeSessionCreateRequest: calls.accept's body and `session.update`'s session. */
const sessionShape = obj(
  {
    type: oneOfValues('realtime'),
    audio: obj({
      input: obj({
        format,
        noise_reduction: nullable(obj({ type: oneOfValues('near_field', 'far_field'), strength: num(0, 1) })),
        transcription: nullable(transcription),
        turn_detection: turnDetection,
      }),
      output: obj({ format, speed: num(0.25, 1.5), voice }),
    }),
    include: arr(oneOfValues('item.input_audio_transcription.logprobs')),
    instructions: str(),
    max_output_tokens: maxOutputTokens,
    model: str(),
    output_modalities: outputModalities,
    parallel_tool_calls: bool,
    prompt,
    reasoning: obj({ effort: oneOfValues('minimal', 'low', 'medium', 'high', 'xhigh') }),
    tool_choice: toolChoice,
    tools,
    tracing: nullable(oneOf(oneOfValues('auto'), obj({ group_id: str(), metadata: any, workflow_name: str() }))),
    truncation: oneOf(oneOfValues('auto', 'disabled'), obj({ type: oneOfValues('retention_ratio'), retention_ratio: num(0, 1), token_limits: openObj }, ['type', 'retention_ratio'])),
  },
  ['type'],
);

/** Checks a session configuration (`param` prefixes error paths, '' for a request body). */
export function checkSessionConfig(config: unknown, param: string, catalog: ModelCatalog): void {
  check(config, sessionShape, param);
  const model = (config as { model?: string }).model;
  if (model !== undefined) checkModel(catalog, 'realtime', model, param ? `${param}.model` : 'model');
}

const inputText = obj({ text: str() }, ['text']);
const messageShape = union('role', {
  system: obj({ type: oneOfValues('message'), id: str(), object: oneOfValues('realtime.item'), status: str(), content: arr(union('type', { input_text: inputText })) }, ['content']),
  user: obj(
    {
      type: oneOfValues('message'),
      id: str(),
      object: oneOfValues('realtime.item'),
      status: str(),
      content: arr(
        union('type', {
          input_text: inputText,
          input_audio: obj({ audio: str(), transcript: nullable(str()) }),
          input_image: obj({ image_url: str(), detail: oneOfValues('auto', 'low', 'high') }, ['image_url']),
        }),
      ),
    },
    ['content'],
  ),
  assistant: obj(
    {
      type: oneOfValues('message'),
      id: str(),
      object: oneOfValues('realtime.item'),
      status: str(),
      content: arr(union('type', { output_text: obj({ text: str() }, ['text']), output_audio: obj({ audio: str(), transcript: nullable(str()) }) })),
    },
    ['content'],
  ),
});

const itemMeta = { id: str(), object: oneOfValues('realtime.item'), status: oneOfValues('completed', 'incomplete', 'in_progress') };
const looseItem: ObjectShape = { kind: 'object', fields: {}, open: true };

/** ConversationItem, dispatched on `type` (messages then on `role`). */
const itemShape: Shape = union('type', {
  message: { kind: 'object', fields: {}, open: true }, // checked against messageShape by checkItem
  function_call: obj({ ...itemMeta, name: str(), arguments: str(), call_id: str() }, ['name', 'arguments']),
  function_call_output: obj({ ...itemMeta, call_id: str(), output: str() }, ['call_id', 'output']),
  mcp_approval_response: looseItem,
  mcp_list_tools: looseItem,
  mcp_call: looseItem,
  mcp_approval_request: looseItem,
});

export function checkItem(item: unknown, param: string): void {
  check(item, itemShape, param);
  if ((item as { type: string }).type === 'message') check(item, messageShape, param);
}

/** RealtimeResponseCreateParams (the `response` of a `response.create`). */
export const responseCreateShape = obj({
  audio: obj({ output: obj({ format, voice }) }),
  conversation: str(),
  input: arr(any),
  instructions: str(),
  max_output_tokens: maxOutputTokens,
  metadata: nullable(openObj),
  output_modalities: outputModalities,
  parallel_tool_calls: bool,
  prompt,
  reasoning: obj({ effort: oneOfValues('minimal', 'low', 'medium', 'high', 'xhigh') }),
  tool_choice: toolChoice,
  tools,
});

export type Session = Record<string, unknown> & {
  id: string;
  model: string;
  instructions: string;
  output_modalities: string[];
  audio: { input: Record<string, unknown> & { transcription: { model?: string; language?: string } | null }; output: Record<string, unknown> & { voice: unknown } };
};

/** The session a SIP call starts with before its accept body is applied (a phone leg: G.711 µ-law). */
export function defaultSession(): Session {
  return {
    type: 'realtime',
    object: 'realtime.session',
    id: newId('sess_'),
    model: 'gpt-realtime',
    output_modalities: ['audio'],
    instructions: 'You are a helpful, witty, and friendly AI. Act like a human, but remember that you are not a human.',
    tools: [],
    tool_choice: 'auto',
    max_output_tokens: 'inf',
    tracing: null,
    truncation: 'auto',
    prompt: null,
    expires_at: nowSeconds() + 3600,
    audio: {
      input: {
        format: { type: 'audio/pcmu' },
        transcription: null,
        noise_reduction: null,
        turn_detection: { type: 'server_vad', threshold: 0.5, prefix_padding_ms: 300, silence_duration_ms: 200, idle_timeout_ms: null, create_response: true, interrupt_response: true },
      },
      output: { format: { type: 'audio/pcmu' }, voice: 'alloy', speed: 1 },
    },
    include: null,
  };
}

const isPlain = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Applies a (checked) configuration: objects merge field by field, anything else replaces. */
export function applySessionConfig(session: Session, config: Record<string, unknown>): void {
  const merge = (into: Record<string, unknown>, from: Record<string, unknown>) => {
    for (const [k, v] of Object.entries(from)) {
      if (isPlain(v) && isPlain(into[k]) && k !== 'format' && k !== 'turn_detection') merge(into[k] as Record<string, unknown>, v);
      else into[k] = structuredClone(v);
    }
  };
  merge(session, config);
}
