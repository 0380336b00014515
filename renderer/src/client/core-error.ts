import type { CoreErrorBody } from '../../../shared/contracts/core-client.ts';
import { isCoreErrorBody } from '../../../shared/contracts/ipc-error.ts';

/** Status used when the core could not be reached at all (no HTTP response, IPC bridge gone). */
export const NETWORK_ERROR_STATUS = 0;

/** A failed core request, in the same shape over both transports. */
export class CoreError extends Error implements CoreErrorBody {
  readonly statusCode: number;
  readonly error: string;
  readonly code?: string;

  constructor(body: CoreErrorBody, options?: { cause?: unknown }) {
    super(body.message, options);
    this.name = 'CoreError';
    this.statusCode = body.statusCode;
    this.error = body.error;
    if (body.code !== undefined) this.code = body.code;
  }

  /** The core never answered: the hub is down, the network is gone, or the bridge failed. */
  get isNetwork(): boolean {
    return this.statusCode === NETWORK_ERROR_STATUS;
  }

  get isUnauthorized(): boolean {
    return this.statusCode === 401;
  }

  static network(cause: unknown): CoreError {
    const detail = cause instanceof Error ? cause.message : String(cause);
    return new CoreError({ statusCode: NETWORK_ERROR_STATUS, error: 'Network Error', message: detail, code: 'network' }, { cause });
  }
}

/** Turns whatever a transport rejected with into a CoreError. */
export function toCoreError(reason: unknown): CoreError {
  if (reason instanceof CoreError) return reason;
  if (isCoreErrorBody(reason)) {
    return new CoreError({
      statusCode: reason.statusCode,
      error: typeof reason.error === 'string' ? reason.error : 'Error',
      message: reason.message,
      ...(typeof reason.code === 'string' ? { code: reason.code } : {}),
    });
  }
  return new CoreError({ statusCode: 500, error: 'Internal Error', message: reason instanceof Error ? reason.message : String(reason) }, { cause: reason });
}
