// Runs in: Electron main. Turns whatever the core threw into the body both transports use.
import { STATUS_CODES } from 'node:http';
import type { CoreErrorBody } from '../../shared/contracts/core-client.ts';
import { isCoreErrorBody } from '../../shared/contracts/ipc-error.ts';

/**
 * The core's CoreError knows its body (`toBody()`); other errors with an HTTP status (4xx/5xx)
 * keep status, code and message. Anything else is an internal error whose details stay in the
 * main process log, as the hub keeps them out of HTTP responses.
 */
export function toCoreErrorBody(err: unknown): CoreErrorBody {
  const e = (typeof err === 'object' && err !== null ? err : {}) as Record<string, unknown>;
  if (typeof e['toBody'] === 'function') {
    const body: unknown = (e['toBody'] as () => unknown).call(err);
    if (isCoreErrorBody(body)) return body;
  }
  const status = e['statusCode'] ?? e['status'];
  if (typeof status === 'number' && Number.isInteger(status) && status >= 400 && status <= 599) {
    const message = typeof e['message'] === 'string' && e['message'] !== '' ? e['message'] : (STATUS_CODES[status] ?? 'Error');
    const error = typeof e['error'] === 'string' && e['error'] !== '' ? e['error'] : undefined;
    return errorBody(status, message, typeof e['code'] === 'string' ? e['code'] : undefined, error);
  }
  return errorBody(500, 'Internal error', 'internal');
}

export function errorBody(statusCode: number, message: string, code?: string, error?: string): CoreErrorBody {
  const body: CoreErrorBody = { statusCode, error: error ?? STATUS_CODES[statusCode] ?? 'Error', message };
  if (code !== undefined) body.code = code;
  return body;
}
