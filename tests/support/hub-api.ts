import type { Hub } from './hub.ts';

/** The body as fetch parses it: untyped, each test reads the fields it checks. */
type Json = Awaited<ReturnType<Response['json']>>;

export type HubApi = (method: string, path: string, body?: unknown) => Promise<{ status: number; json: Json }>;

/** JSON requests to a hub with its bootstrap admin key: the answer's status and parsed body. */
export function hubApi(hub: () => Hub): HubApi {
  return async (method, path, body) => {
    const h = hub();
    const res = await fetch(`${h.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${h.apiKey}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    return { status: res.status, json: await res.json() };
  };
}
