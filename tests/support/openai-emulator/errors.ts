// OpenAI's error envelope. Every request the emulator rejects is answered with it, as the real
// API does: `{"error":{"message","type","param","code"}}` and a 4xx status. The same object
// (without the status) travels inside realtime `error` events on the sideband socket.

export interface OpenAiErrorBody {
  message: string;
  type: string;
  param: string | null;
  code: string | null;
}

export class ApiError extends Error {
  readonly status: number;
  readonly type: string;
  readonly param: string | null;
  readonly code: string | null;

  constructor(status: number, message: string, { type = 'invalid_request_error', param = null as string | null, code = null as string | null } = {}) {
    super(message);
    this.status = status;
    this.type = type;
    this.param = param;
    this.code = code;
  }

  get body(): OpenAiErrorBody {
    return { message: this.message, type: this.type, param: this.param, code: this.code };
  }
}

/** "a string", "an object"… as OpenAI names types in its messages. */
function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'an integer' : 'a decimal';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'boolean') return 'a boolean';
  return `a ${typeof value}`;
}

export function missingParameter(param: string): ApiError {
  return new ApiError(400, `Missing required parameter: '${param}'.`, { param, code: 'missing_required_parameter' });
}

export function unknownParameter(param: string): ApiError {
  return new ApiError(400, `Unknown parameter: '${param}'.`, { param, code: 'unknown_parameter' });
}

export function invalidType(param: string, expected: string, got: unknown): ApiError {
  return new ApiError(400, `Invalid type for '${param}': expected ${expected}, but got ${describeType(got)} instead.`, { param, code: 'invalid_type' });
}

export function invalidValue(param: string, value: unknown, supported?: readonly unknown[]): ApiError {
  const list = supported ? ` Supported values are: ${supported.map((v) => `'${String(v)}'`).join(', ')}.` : '';
  return new ApiError(400, `Invalid value: '${String(value)}'.${list}`, { param, code: 'invalid_value' });
}

export function modelNotFound(model: string): ApiError {
  return new ApiError(404, `The model \`${model}\` does not exist or you do not have access to it.`, { code: 'model_not_found' });
}

export function invalidUrl(method: string, path: string): ApiError {
  return new ApiError(404, `Invalid URL (${method} ${path})`);
}

export function missingApiKey(): ApiError {
  return new ApiError(
    401,
    "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY). You can obtain an API key from https://platform.openai.com/account/api-keys.",
  );
}

export function incorrectApiKey(key: string): ApiError {
  const masked = key.length > 8 ? `${key.slice(0, 3)}${'*'.repeat(Math.min(key.length - 7, 20))}${key.slice(-4)}` : '*'.repeat(key.length);
  return new ApiError(401, `Incorrect API key provided: ${masked}. You can find your API key at https://platform.openai.com/account/api-keys.`, {
    code: 'invalid_api_key',
  });
}

export function invalidJson(): ApiError {
  return new ApiError(
    400,
    "We could not parse the JSON body of your request. (HINT: This likely means you aren't using your HTTP library correctly. The OpenAI API expects a JSON payload, but what was sent was not valid JSON.)",
  );
}

/** The body of a failure injected with failNext(): what OpenAI answers with that status. */
export function injectedError(status: number): ApiError {
  switch (status) {
    case 401:
      return incorrectApiKey('sk-injected-failure');
    case 429:
      return new ApiError(429, 'Rate limit reached for requests. Please try again later.', { type: 'requests', code: 'rate_limit_exceeded' });
    case 500:
      return new ApiError(500, 'The server had an error while processing your request. Sorry about that!', { type: 'server_error' });
    case 502:
    case 503:
    case 504:
      return new ApiError(status, 'The engine is currently overloaded, please try again later.', { type: 'server_error' });
    default:
      return new ApiError(status, `Injected failure (HTTP ${status}).`, { type: status >= 500 ? 'server_error' : 'invalid_request_error' });
  }
}
