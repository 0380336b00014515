// JSON Schema work for `response_format: {type: 'json_schema'}`: the strict-mode rules OpenAI
// enforces before it runs a model (every object closed with additionalProperties: false and
// every property required), and a default reply that fits the schema.
import { ApiError } from './errors.ts';

type Schema = Record<string, unknown>;

const isObject = (v: unknown): v is Schema => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Python-tuple style path, as OpenAI prints it: (), ('items',), ('properties', 'x'). */
function contextOf(path: string[]): string {
  if (path.length === 0) return '()';
  return `(${path.map((p) => `'${p}'`).join(', ')}${path.length === 1 ? ',' : ''})`;
}

function subschemas(schema: Schema, path: string[]): [Schema, string[]][] {
  const out: [Schema, string[]][] = [];
  if (isObject(schema.properties)) for (const [k, v] of Object.entries(schema.properties)) if (isObject(v)) out.push([v, [...path, 'properties', k]]);
  if (isObject(schema.items)) out.push([schema.items, [...path, 'items']]);
  for (const key of ['anyOf', '$defs', 'definitions'] as const) {
    const group = schema[key];
    const entries = Array.isArray(group) ? group.map((v, i) => [String(i), v] as const) : isObject(group) ? Object.entries(group) : [];
    for (const [k, v] of entries) if (isObject(v)) out.push([v, [...path, key, k]]);
  }
  return out;
}

function isObjectSchema(schema: Schema): boolean {
  return schema.type === 'object' || (Array.isArray(schema.type) && schema.type.includes('object')) || isObject(schema.properties);
}

/** Throws OpenAI's 400 for a schema strict mode does not accept. */
export function checkStrictSchema(schema: Schema, name: string): void {
  const fail = (message: string) => new ApiError(400, `Invalid schema for response_format '${name}': ${message}`, { param: 'response_format' });
  if (schema.type !== 'object') throw fail(`schema must be a JSON Schema of 'type: "object"', got 'type: "${String(schema.type)}"'.`);
  const walk = (s: Schema, path: string[]) => {
    if (isObjectSchema(s)) {
      const ctx = contextOf(path);
      if (s.additionalProperties !== false) throw fail(`In context=${ctx}, 'additionalProperties' is required to be supplied and to be false.`);
      const required = Array.isArray(s.required) ? s.required : [];
      const missing = Object.keys(isObject(s.properties) ? s.properties : {}).find((k) => !required.includes(k));
      if (missing !== undefined) {
        throw fail(`In context=${ctx}, 'required' is required to be supplied and to be an array including every key in properties. Missing '${missing}'.`);
      }
    }
    for (const [sub, p] of subschemas(s, path)) walk(sub, p);
  };
  walk(schema, []);
}

/** A value that satisfies simple schemas: first enum value, minimum numbers, every property. */
export function exampleFor(schema: unknown, root: unknown = schema): unknown {
  if (!isObject(schema)) return null;
  if ('const' in schema) return schema.const;
  if (Array.isArray(schema.enum)) return schema.enum[0];
  if (typeof schema.$ref === 'string') {
    const target = schema.$ref.replace(/^#\//, '').split('/').reduce<unknown>((node, key) => (isObject(node) ? node[key] : undefined), root);
    return exampleFor(target, root);
  }
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (Array.isArray(alternatives)) return exampleFor(alternatives[0], root);
  const type = Array.isArray(schema.type) ? (schema.type.find((t) => t !== 'null') ?? 'null') : (schema.type ?? (isObject(schema.properties) ? 'object' : undefined));
  switch (type) {
    case 'object':
      return Object.fromEntries(Object.entries(isObject(schema.properties) ? schema.properties : {}).map(([k, v]) => [k, exampleFor(v, root)]));
    case 'array':
      return Array.from({ length: typeof schema.minItems === 'number' ? schema.minItems : 0 }, () => exampleFor(schema.items, root));
    case 'string':
      return 'example';
    case 'integer':
    case 'number':
      return typeof schema.minimum === 'number' ? schema.minimum : 0;
    case 'boolean':
      return false;
    default:
      return null;
  }
}
