import { Type } from 'typebox';

export const ErrorBody = Type.Object(
  {
    statusCode: Type.Integer(),
    error: Type.String(),
    message: Type.String(),
    code: Type.Optional(Type.String()),
    detail: Type.Optional(Type.String({ description: 'the message again, for seed 004/002 clients' })),
    type: Type.Optional(Type.String({ description: 'the code again, for seed 004 clients' })),
  },
  { $id: 'ErrorBody', description: 'Every 4xx/5xx answer has this shape.' },
);

const errorRef = Type.Ref('ErrorBody');

/** The error answers a route can give, for its OpenAPI entry. */
export const errors = (...codes: number[]) => Object.fromEntries(codes.map((c) => [c, errorRef]));

export const IntId = Type.Object({ id: Type.Integer({ minimum: 1, description: 'numeric id' }) });
export const StringId = Type.Object({ id: Type.String({ minLength: 1, maxLength: 128 }) });

export const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);

export const Metadata = Type.Record(Type.String(), Type.Unknown());
