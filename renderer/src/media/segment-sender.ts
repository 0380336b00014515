// Hands VAD segments to the core. The core's spool is the durable part once it has said yes;
// until then a segment lives here, so a hub that is briefly out of reach gets it a little
// later (a few tries, backing off). A tenant without AI says 409 `ai_unconfigured`: capture
// stops quietly (the status bar already shows the AI state).
import type { SegmentSubmission } from '../../../shared/contracts/transcription-client.ts';
import { toCoreError, type CoreError } from '../client/core-error.ts';

export type SendOutcome = 'sent' | 'unconfigured' | 'dropped';

export interface SegmentSenderOptions {
  submit(segment: SegmentSubmission): Promise<unknown>;
  /** The core has no AI endpoint for this tenant: stop capturing. */
  onUnconfigured(): void;
  /** Waits before each retry (default 0.5, 1, 2, 4, 8 s: about 15 s in all). */
  retryDelaysMs?: readonly number[];
  sleep?: (ms: number) => Promise<void>;
  log?: (message: string, error?: unknown) => void;
}

const DEFAULT_RETRY_DELAYS_MS = [500, 1000, 2000, 4000, 8000] as const;

/** The hub did not answer, or a proxy/gateway in front of it failed: worth another try. */
export function isTransient(error: CoreError): boolean {
  return error.isNetwork || error.statusCode === 502 || error.statusCode === 503 || error.statusCode === 504;
}

export function isAiUnconfigured(error: CoreError): boolean {
  return error.statusCode === 409 && error.code === 'ai_unconfigured';
}

export class SegmentSender {
  private readonly options: SegmentSenderOptions;
  private readonly delays: readonly number[];
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly inFlight = new Set<Promise<SendOutcome>>();

  constructor(options: SegmentSenderOptions) {
    this.options = options;
    this.delays = options.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS;
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
  }

  /** Submits one segment (retrying what is worth retrying); never rejects. */
  send(segment: SegmentSubmission): Promise<SendOutcome> {
    const run = this.attempt(segment);
    this.inFlight.add(run);
    void run.finally(() => this.inFlight.delete(run));
    return run;
  }

  /** Segments not settled yet (sending or waiting to retry). */
  get pending(): number {
    return this.inFlight.size;
  }

  private async attempt(segment: SegmentSubmission): Promise<SendOutcome> {
    for (let tries = 0; ; tries++) {
      try {
        await this.options.submit(segment);
        return 'sent';
      } catch (reason) {
        const error = toCoreError(reason);
        if (isAiUnconfigured(error)) {
          this.options.onUnconfigured();
          return 'unconfigured';
        }
        const delay = this.delays[tries];
        if (!isTransient(error) || delay === undefined) {
          this.options.log?.(`transcript segment ${segment.segment_key} dropped after ${tries + 1} tries: ${error.message}`, error);
          return 'dropped';
        }
        await this.sleep(delay);
      }
    }
  }
}
