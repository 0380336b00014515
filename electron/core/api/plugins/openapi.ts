import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance, FastifySchema, RouteOptions } from 'fastify';
import { EARSHOT_VERSION } from '../../version.ts';
import { SOCKET_DOCS, type SocketDoc } from './socket-docs.ts';

type RouteSchema = FastifySchema & { hide?: boolean; summary?: string; description?: string; [extension: `x-${string}`]: unknown };

const bullets = (title: string, entries: Record<string, string>): string =>
  Object.keys(entries).length ? `\n\n${title}:\n${Object.entries(entries).map(([k, v]) => `- ${k}: ${v}`).join('\n')}` : '';

function describe(doc: SocketDoc): string {
  return (
    `WebSocket (RFC 6455): open it with a GET carrying \`Upgrade: websocket\`; 101 switches protocols. OpenAPI has no WebSocket type, so the messages are in \`x-websocket\`.\n\n` +
    `Auth: ${doc.auth}.\n\nClient → server: ${doc.client_messages.format}.\n\nServer → client: ${doc.server_messages.format}.` +
    bullets('Close codes', doc.close_codes) +
    bullets('Refused before the upgrade', doc.refusals)
  );
}

/**
 * @fastify/websocket hides its routes from the document (`schema.hide`); OpenAPI 3 has no
 * WebSocket type. Each is published as the GET it is, answered 101, with its auth, messages and
 * close codes in the description and in `x-websocket`. One missing from SOCKET_DOCS still shows
 * (101 only), without `x-websocket`.
 */
function socketOperation(url: string, schema: RouteSchema | undefined): RouteSchema {
  const { hide: _hidden, ...rest } = schema ?? {};
  const doc = SOCKET_DOCS[url];
  const upgraded = { description: 'Switching Protocols: the WebSocket is open', type: 'null' };
  if (!doc) return { ...rest, response: { 101: upgraded } };
  return {
    ...rest,
    description: describe(doc),
    security: doc.security,
    response: { 101: upgraded, ...Object.fromEntries(Object.entries(doc.refusals).map(([code, why]) => [code, { description: why, type: 'null' }])) },
    'x-websocket': { auth: doc.auth, client_messages: doc.client_messages, server_messages: doc.server_messages, close_codes: doc.close_codes },
  };
}

/** OpenAPI built from the route schemas, WebSocket routes included; UI at /docs, document at /docs/json (assets served locally). */
export async function registerOpenApi(app: FastifyInstance): Promise<void> {
  await app.register(swagger, {
    openapi: {
      info: { title: 'Earshot API', version: EARSHOT_VERSION, description: 'Local API of an Earshot desktop or hub. Seed dialects and their mapping: docs/api-compat.md.' },
      components: {
        securitySchemes: {
          apiKey: { type: 'http', scheme: 'bearer', description: 'Authorization: Bearer <API key>' },
          apiKeyQuery: { type: 'apiKey', in: 'query', name: 'api_key', description: 'the API key as ?api_key= (WebSockets opened by a browser, which cannot set Authorization)' },
          dencoBackendToken: { type: 'http', scheme: 'bearer', description: "seed 000's BACKEND_AUTH_TOKEN: a service credential of one tenant (read, write) on the DENCO backend routes" },
          consoleSession: { type: 'apiKey', in: 'cookie', name: 'earshot_session', description: 'a signed-in console (POST /console/rpc/login)' },
        },
      },
      security: [{ apiKey: [] }],
    },
    transform: ({ schema, url, route }) => ((route as RouteOptions).websocket ? { schema: socketOperation(url, schema as RouteSchema), url } : { schema, url }),
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });
}
