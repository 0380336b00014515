/**
 * Why a request to the AI endpoint did not give an answer, sorted by what to do about it:
 * - `transient`: the endpoint is down, slow, overloaded or rate-limiting — try again later;
 * - `permanent`: the endpoint refused the request itself (bad file, key, model) — trying the
 *   same again cannot help until the settings change;
 * - `aborted`: we stopped waiting (shutting down) — the work stays where it was.
 */
export type AiFailureKind = 'transient' | 'permanent' | 'aborted';

export class AiFailure extends Error {
  readonly kind: AiFailureKind;
  readonly status: number | null;

  constructor(kind: AiFailureKind, message: string, status: number | null = null) {
    super(message);
    this.name = 'AiFailure';
    this.kind = kind;
    this.status = status;
  }
}

/** Statuses a later retry can fix: timeout, conflict, too early, rate limit, server errors. */
const RETRYABLE = new Set([408, 409, 425, 429]);

/** Sorts an error thrown by the `openai` SDK (or by us while reading its answer). */
export function aiFailureOf(err: unknown, signal?: AbortSignal): AiFailure {
  if (err instanceof AiFailure) return err;
  const e = err as { name?: string; constructor?: { name?: string }; status?: unknown; message?: string; cause?: { message?: string } };
  const message = e?.message ?? String(err);
  if (signal?.aborted || e?.constructor?.name === 'APIUserAbortError') return new AiFailure('aborted', 'stopped');
  if (typeof e?.status === 'number') {
    const status = e.status;
    return new AiFailure(status >= 500 || RETRYABLE.has(status) ? 'transient' : 'permanent', message, status);
  }
  // No HTTP status: the connection failed or timed out, or the answer broke off.
  const cause = e?.cause?.message ? ` (${e.cause.message})` : '';
  return new AiFailure('transient', `${message}${cause}`);
}
