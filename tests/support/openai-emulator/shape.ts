// A small structural validator for request bodies and realtime client events, with shapes
// written after the `openai` SDK's parameter types. Failures are ApiErrors carrying OpenAI's
// wording and the parameter path (`session.audio.input.transcription.model`,
// `messages[0].content`), so a test sees exactly which field was wrong.
import { ApiError, invalidType, invalidValue, missingParameter, unknownParameter } from './errors.ts';

export type Shape =
  | { kind: 'string'; minLength?: number }
  | { kind: 'number'; integer?: boolean; min?: number; max?: number }
  | { kind: 'boolean' }
  | { kind: 'any' }
  | { kind: 'enum'; values: readonly (string | number)[] }
  | { kind: 'array'; of: Shape }
  | ObjectShape
  | { kind: 'union'; by: string; variants: Record<string, ObjectShape> }
  | { kind: 'oneOf'; options: Shape[] }
  | { kind: 'nullable'; of: Shape };

export interface ObjectShape {
  kind: 'object';
  fields: Record<string, Shape>;
  required?: readonly string[];
  /** Accept keys not listed in `fields` (free-form maps such as metadata). */
  open?: boolean;
}

export const str = (minLength?: number): Shape => ({ kind: 'string', minLength });
export const num = (min?: number, max?: number): Shape => ({ kind: 'number', min, max });
export const int = (min?: number, max?: number): Shape => ({ kind: 'number', integer: true, min, max });
export const bool: Shape = { kind: 'boolean' };
export const any: Shape = { kind: 'any' };
export const oneOfValues = (...values: (string | number)[]): Shape => ({ kind: 'enum', values });
export const arr = (of: Shape): Shape => ({ kind: 'array', of });
export const obj = (fields: Record<string, Shape>, required: readonly string[] = []): ObjectShape => ({ kind: 'object', fields, required });
export const openObj: ObjectShape = { kind: 'object', fields: {}, open: true };
export const union = (by: string, variants: Record<string, ObjectShape>): Shape => ({ kind: 'union', by, variants });
export const oneOf = (...options: Shape[]): Shape => ({ kind: 'oneOf', options });
export const nullable = (of: Shape): Shape => ({ kind: 'nullable', of });

function expected(shape: Shape): string {
  switch (shape.kind) {
    case 'string':
      return 'a string';
    case 'enum':
      return typeof shape.values[0] === 'number' ? 'a number' : 'a string';
    case 'number':
      return shape.integer ? 'an integer' : 'a decimal';
    case 'boolean':
      return 'a boolean';
    case 'array':
      return 'an array';
    case 'object':
    case 'union':
      return 'an object';
    case 'oneOf':
      return `one of ${shape.options.map(expected).join(' or ')}`;
    case 'nullable':
      return `${expected(shape.of)} or null`;
    case 'any':
      return 'a value';
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Throws an ApiError (400) for the first place where `value` does not fit `shape`. */
export function check(value: unknown, shape: Shape, param: string): void {
  switch (shape.kind) {
    case 'any':
      return;
    case 'string':
      if (typeof value !== 'string') throw invalidType(param, 'a string', value);
      if (shape.minLength !== undefined && value.length < shape.minLength) {
        throw new ApiError(400, `Invalid '${param}': string too short. Expected a string with minimum length ${shape.minLength}, but got a string with length ${value.length} instead.`, {
          param,
          code: 'string_below_min_length',
        });
      }
      return;
    case 'number':
      if (typeof value !== 'number' || !Number.isFinite(value) || (shape.integer && !Number.isInteger(value))) throw invalidType(param, expected(shape), value);
      if (shape.min !== undefined && value < shape.min) throw new ApiError(400, `Invalid '${param}': decimal below minimum value. Expected a value >= ${shape.min}, but got ${value} instead.`, { param, code: 'decimal_below_min_value' });
      if (shape.max !== undefined && value > shape.max) throw new ApiError(400, `Invalid '${param}': decimal above maximum value. Expected a value <= ${shape.max}, but got ${value} instead.`, { param, code: 'decimal_above_max_value' });
      return;
    case 'boolean':
      if (typeof value !== 'boolean') throw invalidType(param, 'a boolean', value);
      return;
    case 'enum':
      if (typeof value !== typeof shape.values[0]) throw invalidType(param, expected(shape), value);
      if (!shape.values.includes(value as string | number)) throw invalidValue(param, value, shape.values);
      return;
    case 'array':
      if (!Array.isArray(value)) throw invalidType(param, 'an array', value);
      value.forEach((v, i) => check(v, shape.of, `${param}[${i}]`));
      return;
    case 'nullable':
      if (value !== null) check(value, shape.of, param);
      return;
    case 'object':
      checkObject(value, shape, param);
      return;
    case 'union': {
      if (!isObject(value)) throw invalidType(param, 'an object', value);
      const tag = value[shape.by];
      const key = param ? `${param}.${shape.by}` : shape.by;
      if (tag === undefined) throw missingParameter(key);
      if (typeof tag !== 'string') throw invalidType(key, 'a string', tag);
      const variant = shape.variants[tag];
      if (!variant) throw invalidValue(key, tag, Object.keys(shape.variants));
      checkObject(value, variant, param, shape.by);
      return;
    }
    case 'oneOf': {
      let closest: ApiError | undefined;
      for (const option of shape.options) {
        try {
          check(value, option, param);
          return;
        } catch (err) {
          // The option of the same basic type explains the failure best (an unknown enum
          // value rather than "expected a string or an object").
          if (err instanceof ApiError && err.code !== 'invalid_type') closest ??= err;
        }
      }
      throw closest ?? invalidType(param, expected(shape), value);
    }
  }
}

function checkObject(value: unknown, shape: ObjectShape, param: string, tagField?: string): void {
  if (!isObject(value)) throw invalidType(param, 'an object', value);
  const at = (k: string) => (param ? `${param}.${k}` : k);
  for (const k of shape.required ?? []) if (value[k] === undefined) throw missingParameter(at(k));
  for (const [k, v] of Object.entries(value)) {
    if (k === tagField) continue;
    const field = shape.fields[k];
    if (!field) {
      if (shape.open) continue;
      throw unknownParameter(at(k));
    }
    if (v !== undefined) check(v, field, at(k));
  }
}
