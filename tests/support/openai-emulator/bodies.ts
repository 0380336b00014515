// Request bodies as OpenAI reads them: JSON endpoints want `application/json` and an object;
// uploads want `multipart/form-data`. The parsed body is stored on the logged request so tests
// assert on what was really sent. Multipart is parsed by the platform's own FormData parser
// (undici, built into Node), the same one `fetch` uses.
import { ApiError, invalidJson } from './errors.ts';
import type { LoggedRequest, MultipartBody } from './request-log.ts';

function mediaType(entry: LoggedRequest): string {
  return (entry.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
}

/** The JSON object body. `optional`: an empty body (no content type) reads as `{}`. */
export function jsonBody(entry: LoggedRequest, { optional = false } = {}): Record<string, unknown> {
  if (optional && entry.raw.length === 0) {
    entry.body = {};
    return {};
  }
  const type = mediaType(entry);
  if (type !== 'application/json') {
    throw new ApiError(400, `Invalid Content-Type header (${type || 'none'}), expected application/json.`, { param: null, code: 'invalid_content_type' });
  }
  let body: unknown;
  try {
    body = JSON.parse(entry.raw.toString('utf8'));
  } catch {
    throw invalidJson();
  }
  entry.body = body;
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw invalidJson();
  return body as Record<string, unknown>;
}

export async function multipartBody(entry: LoggedRequest): Promise<MultipartBody> {
  const contentType = entry.headers['content-type'] ?? '';
  if (mediaType(entry) !== 'multipart/form-data' || !/boundary=/i.test(contentType)) {
    throw new ApiError(400, `Invalid Content-Type header (${contentType || 'none'}), expected multipart/form-data with a boundary.`, { code: 'invalid_content_type' });
  }
  let form: FormData;
  try {
    form = await new Request('http://emulator.invalid/', { method: 'POST', headers: { 'content-type': contentType }, body: Uint8Array.from(entry.raw) }).formData();
  } catch (err) {
    throw new ApiError(400, `Could not parse multipart form: ${(err as Error).message}`);
  }
  const body: MultipartBody = { fields: {}, files: [] };
  for (const [name, value] of form) {
    if (typeof value === 'string') {
      if (name.endsWith('[]')) ((body.fields[name] ??= []) as string[]).push(value);
      else body.fields[name] = value;
    } else {
      body.files.push({ field: name, filename: value.name, contentType: value.type, bytes: Buffer.from(await value.arrayBuffer()) });
    }
  }
  entry.multipart = body;
  return body;
}
