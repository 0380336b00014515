import { describe, expect, it } from 'vitest';
import type { CoreErrorBody } from '../../../shared/contracts/core-client.ts';
import { CoreError } from '../../../electron/core/errors.ts';
import { toCoreErrorBody } from '../../../electron/main/core-error.ts';
import { IPC_ERROR_MARKER, decodeIpcError, encodeIpcError } from '../../../shared/contracts/ipc-error.ts';
import { reviveIpcError } from '../../../electron/preload/bridge-api.ts';
import type { CoreCallError } from '../../../electron/preload/bridge-api.ts';

const body: CoreErrorBody = { statusCode: 401, error: 'Unauthorized', message: 'wrong "password" — try again', code: 'unauthorized' };

/** What ipcRenderer.invoke rejects with when a handler throws `err`. */
const asInvokeRejection = (err: Error): Error => new Error(`Error invoking remote method 'earshot:login': ${String(err)}`);

describe('IPC error encoding', () => {
  it('round-trips a body through the message', () => {
    expect(decodeIpcError(encodeIpcError(body))).toEqual(body);
  });

  it('survives the prefix ipcRenderer.invoke adds', () => {
    expect(decodeIpcError(asInvokeRejection(encodeIpcError(body)))).toEqual(body);
  });

  it('round-trips a body without a code', () => {
    const plain = { statusCode: 500, error: 'Internal Server Error', message: 'Internal error' };
    expect(decodeIpcError(encodeIpcError(plain))).toEqual(plain);
  });

  it('returns null for errors that carry no body', () => {
    expect(decodeIpcError(new Error('No handler registered for earshot:nope'))).toBeNull();
    expect(decodeIpcError(new Error(`${IPC_ERROR_MARKER}{broken`))).toBeNull();
    expect(decodeIpcError(new Error(`${IPC_ERROR_MARKER}{"statusCode":"x"}`))).toBeNull();
    expect(decodeIpcError(42)).toBeNull();
  });

  it('decodes a bare message string too (what the renderer sees past contextBridge)', () => {
    expect(decodeIpcError(encodeIpcError(body).message)).toEqual(body);
  });
});

describe('toCoreErrorBody', () => {
  it('uses a CoreError’s own body', () => {
    expect(toCoreErrorBody(new CoreError(409, 'conflict', 'already exists'))).toEqual({
      statusCode: 409,
      error: 'Conflict',
      message: 'already exists',
      code: 'conflict',
    });
  });

  it('keeps status, code and message of other HTTP-style errors', () => {
    const err = Object.assign(new Error('slow down'), { statusCode: 429, code: 'rate_limited' });
    expect(toCoreErrorBody(err)).toEqual({ statusCode: 429, error: 'Too Many Requests', message: 'slow down', code: 'rate_limited' });
  });

  it('turns anything else into a 500 without its details', () => {
    expect(toCoreErrorBody(new Error('SQLITE_IOERR at /home/x'))).toEqual({
      statusCode: 500,
      error: 'Internal Server Error',
      message: 'Internal error',
      code: 'internal',
    });
    expect(toCoreErrorBody(Object.assign(new Error('x'), { statusCode: 200 })).statusCode).toBe(500);
    expect(toCoreErrorBody(undefined).statusCode).toBe(500);
  });
});

describe('reviveIpcError (preload)', () => {
  it('rebuilds an Error with the body fields and the canonical encoded message', () => {
    const revived = reviveIpcError(asInvokeRejection(encodeIpcError(body))) as CoreCallError;
    expect(revived).toBeInstanceOf(Error);
    expect(revived.name).toBe('CoreError');
    expect(revived.statusCode).toBe(401);
    expect(revived.code).toBe('unauthorized');
    expect(revived.error).toBe('Unauthorized');
    expect(revived.message.startsWith(IPC_ERROR_MARKER)).toBe(true);
    // Only the message crosses contextBridge: it alone must be enough to decode.
    expect(decodeIpcError(revived.message)).toEqual(body);
  });

  it('passes other errors through unchanged', () => {
    const err = new Error('No handler registered');
    expect(reviveIpcError(err)).toBe(err);
  });
});
