import type { CoreErrorBody } from '../../shared/contracts/core-client.ts';

const REASONS: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  422: 'Unprocessable Entity',
  429: 'Too Many Requests',
  503: 'Service Unavailable',
};

/** An error a caller can act on; its message is safe to show. Anything else is a 500. */
export class CoreError extends Error {
  readonly statusCode: number;
  readonly code: string;

  constructor(statusCode: number, code: string, message: string) {
    super(message);
    this.name = 'CoreError';
    this.statusCode = statusCode;
    this.code = code;
  }

  toBody(): CoreErrorBody {
    return { statusCode: this.statusCode, error: REASONS[this.statusCode] ?? 'Error', message: this.message, code: this.code };
  }
}

export const notFound = (what: string): CoreError => new CoreError(404, 'not_found', `${what} not found`);
export const badRequest = (message: string): CoreError => new CoreError(400, 'bad_request', message);
export const conflict = (message: string): CoreError => new CoreError(409, 'conflict', message);
export const unauthorized = (message: string): CoreError => new CoreError(401, 'unauthorized', message);
export const forbidden = (message: string): CoreError => new CoreError(403, 'forbidden', message);

export function reasonPhrase(statusCode: number): string {
  return REASONS[statusCode] ?? (statusCode >= 500 ? 'Internal Server Error' : 'Error');
}

/** SQLite constraint errors become 409s with the constraint named, instead of a bare 500. */
export function fromSqliteError(err: unknown): CoreError | null {
  const e = err as { code?: string; message?: string };
  if (typeof e?.code !== 'string' || !e.code.startsWith('SQLITE_CONSTRAINT')) return null;
  if (e.code === 'SQLITE_CONSTRAINT_UNIQUE' || e.code === 'SQLITE_CONSTRAINT_PRIMARYKEY') {
    const cols = /UNIQUE constraint failed: (.+)$/.exec(e.message ?? '')?.[1] ?? 'a unique field';
    return conflict(`already exists (${cols.replace(/\w+\./g, '')} must be unique)`);
  }
  if (e.code === 'SQLITE_CONSTRAINT_FOREIGNKEY') return badRequest('refers to something that does not exist');
  return badRequest(`rejected by the store: ${e.message ?? e.code}`);
}

/** Runs a store write, turning constraint failures into caller-facing errors. */
export function storeWrite<T>(fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    throw fromSqliteError(err) ?? err;
  }
}
