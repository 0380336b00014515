import { toCoreError } from '../client/core-error.ts';

/** What a store keeps of a failed request: plain data, so views can pick the words. */
export interface RequestError {
  statusCode: number;
  message: string;
  code?: string;
}

export function requestError(reason: unknown): RequestError {
  const e = toCoreError(reason);
  return { statusCode: e.statusCode, message: e.message, ...(e.code !== undefined ? { code: e.code } : {}) };
}
