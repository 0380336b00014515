// POST /v1/chat/completions (non-streaming) — the after-call summary, sentiment and
// disposition requests. The body is checked against the SDK's ChatCompletionCreateParams
// (unknown arguments, message shapes, value ranges, strict json_schema rules); the reply text
// comes from a test-registered function, else fits the requested json_schema, else is "ok".
import { ApiError, missingParameter } from './errors.ts';
import { jsonBody } from './bodies.ts';
import { newId, nowSeconds } from './ids.ts';
import { checkStrictSchema, exampleFor } from './json-schema.ts';
import { checkModel, type ModelCatalog } from './models.ts';
import type { Route } from './server.ts';
import { any, arr, bool, check, int, nullable, num, obj, oneOf, oneOfValues, openObj, str, union, type ObjectShape, type Shape } from './shape.ts';
import { tokenCount } from './text-chunks.ts';

export interface ChatRequest {
  model: string;
  messages: { role: string; content?: unknown; [k: string]: unknown }[];
  response_format?: { type: string; json_schema?: { name: string; schema?: Record<string, unknown>; strict?: boolean | null } };
  [k: string]: unknown;
}

/** The assistant's reply: a string, or an object sent as its JSON. undefined = default reply. */
export type ChatReplier = (request: ChatRequest) => string | object | undefined;

const text = obj({ text: str() }, ['text']);
const contentOf = (parts: Record<string, ObjectShape>): Shape => oneOf(str(), arr(union('type', parts)));

const message = union('role', {
  system: obj({ content: contentOf({ text }), name: str() }, ['content']),
  developer: obj({ content: contentOf({ text }), name: str() }, ['content']),
  user: obj(
    {
      content: contentOf({
        text,
        image_url: obj({ image_url: obj({ url: str(), detail: oneOfValues('auto', 'low', 'high') }, ['url']) }, ['image_url']),
        input_audio: obj({ input_audio: obj({ data: str(), format: oneOfValues('wav', 'mp3') }, ['data', 'format']) }, ['input_audio']),
        file: obj({ file: openObj }, ['file']),
      }),
      name: str(),
    },
    ['content'],
  ),
  assistant: obj({
    content: nullable(contentOf({ text, refusal: obj({ refusal: str() }, ['refusal']) })),
    name: str(),
    refusal: nullable(str()),
    tool_calls: arr(any),
    function_call: nullable(any),
    audio: nullable(any),
  }),
  tool: obj({ content: contentOf({ text }), tool_call_id: str() }, ['content', 'tool_call_id']),
  function: obj({ content: nullable(str()), name: str() }, ['content', 'name']),
});

const responseFormat = union('type', {
  text: obj({}),
  json_object: obj({}),
  json_schema: obj({ json_schema: obj({ name: str(), description: str(), schema: openObj, strict: nullable(bool) }, ['name']) }, ['json_schema']),
});

const body = obj(
  {
    model: str(),
    messages: arr(message),
    audio: nullable(any),
    frequency_penalty: nullable(num(-2, 2)),
    function_call: any,
    functions: arr(any),
    logit_bias: nullable(openObj),
    logprobs: nullable(bool),
    max_completion_tokens: nullable(int(1)),
    max_tokens: nullable(int(1)),
    metadata: nullable(openObj),
    modalities: nullable(arr(oneOfValues('text', 'audio'))),
    moderation: nullable(any),
    n: nullable(int(1, 128)),
    parallel_tool_calls: bool,
    prediction: nullable(any),
    presence_penalty: nullable(num(-2, 2)),
    prompt_cache_key: nullable(str()),
    prompt_cache_options: any,
    prompt_cache_retention: nullable(oneOfValues('in_memory', '24h')),
    reasoning_effort: nullable(oneOfValues('none', 'minimal', 'low', 'medium', 'high', 'xhigh')),
    response_format: responseFormat,
    safety_identifier: nullable(str()),
    seed: nullable(int()),
    service_tier: nullable(oneOfValues('auto', 'default', 'flex', 'scale', 'priority', 'fast')),
    stop: nullable(oneOf(str(), arr(str()))),
    store: nullable(bool),
    stream: nullable(bool),
    stream_options: nullable(any),
    temperature: nullable(num(0, 2)),
    tool_choice: any,
    tools: arr(any),
    top_logprobs: nullable(int(0, 20)),
    top_p: nullable(num(0, 1)),
    user: str(),
    verbosity: nullable(oneOfValues('low', 'medium', 'high')),
    web_search_options: any,
  },
  ['model', 'messages'],
);

export function chatRoute(deps: { catalog: ModelCatalog; reply: () => ChatReplier | undefined }): Route {
  return {
    method: 'POST',
    path: /^\/v1\/chat\/completions$/,
    handle({ entry }) {
      const req = jsonBody(entry);
      for (const k of Object.keys(req)) if (!(k in body.fields)) throw new ApiError(400, `Unrecognized request argument supplied: ${k}`);
      if (req.model === undefined) throw new ApiError(400, 'you must provide a model parameter');
      if (req.messages === undefined) throw missingParameter('messages');
      check(req, body, '');
      const chat = req as ChatRequest;
      checkModel(deps.catalog, 'chat', chat.model);
      if (chat.messages.length === 0) {
        throw new ApiError(400, "Invalid 'messages': empty array. Expected an array with minimum length 1, but got an empty array instead.", { param: 'messages', code: 'empty_array' });
      }
      if (chat.stream) throw new ApiError(400, 'The emulator does not stream chat completions (stream: true).', { param: 'stream', code: 'unsupported_value' });
      const format = chat.response_format;
      if (format?.type === 'json_object' && !JSON.stringify(chat.messages).toLowerCase().includes('json')) {
        throw new ApiError(400, "'messages' must contain the word 'json' in some form, to use 'response_format' of type 'json_object'.", { param: 'messages' });
      }
      if (format?.type === 'json_schema') {
        const { name, schema, strict } = format.json_schema!;
        if (!/^[a-zA-Z0-9_-]{1,64}$/.test(name)) {
          throw new ApiError(400, "Invalid 'response_format.json_schema.name': string does not match pattern. Expected a string that matches the pattern '^[a-zA-Z0-9_-]+$'.", {
            param: 'response_format.json_schema.name',
            code: 'invalid_value',
          });
        }
        if (strict) checkStrictSchema(schema ?? {}, name);
      }

      const custom = deps.reply()?.(chat);
      const content =
        custom !== undefined
          ? typeof custom === 'string'
            ? custom
            : JSON.stringify(custom)
          : format?.type === 'json_schema'
            ? JSON.stringify(exampleFor(format.json_schema!.schema ?? {}))
            : format?.type === 'json_object'
              ? '{}'
              : 'ok';
      const promptTokens = tokenCount(JSON.stringify(chat.messages));
      const completionTokens = tokenCount(content);
      return {
        kind: 'json',
        body: {
          id: newId('chatcmpl-'),
          object: 'chat.completion',
          created: nowSeconds(),
          model: chat.model,
          choices: Array.from({ length: typeof req.n === 'number' ? req.n : 1 }, (_, index) => ({
            index,
            message: { role: 'assistant', content, refusal: null, annotations: [] },
            logprobs: null,
            finish_reason: 'stop',
          })),
          usage: {
            prompt_tokens: promptTokens,
            completion_tokens: completionTokens,
            total_tokens: promptTokens + completionTokens,
            prompt_tokens_details: { cached_tokens: 0, audio_tokens: 0 },
            completion_tokens_details: { reasoning_tokens: 0, audio_tokens: 0, accepted_prediction_tokens: 0, rejected_prediction_tokens: 0 },
          },
          service_tier: 'default',
          system_fingerprint: 'fp_emulator',
        },
      };
    },
  };
}
