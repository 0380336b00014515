// What the emulator saw: every HTTP request (and sideband upgrade) with its parsed body and
// the answer it got, and the list of problems — requests and client events it had to reject
// — so a test can assert on exact bodies and on `problems` being empty.
import type { IncomingHttpHeaders } from 'node:http';
import { pollUntil } from '../proc.ts';
import type { OpenAiErrorBody } from './errors.ts';

export interface UploadedFile {
  field: string;
  filename: string;
  contentType: string;
  bytes: Buffer;
}

export interface MultipartBody {
  /** Text fields; names ending in `[]` (e.g. `include[]`) are always arrays. */
  fields: Record<string, string | string[]>;
  files: UploadedFile[];
}

export interface LoggedRequest {
  seq: number;
  /** Date.now() when the request arrived. */
  at: number;
  method: string;
  /** Path without the query, e.g. /v1/audio/transcriptions. */
  path: string;
  query: Record<string, string>;
  headers: IncomingHttpHeaders;
  raw: Buffer;
  /** Parsed JSON body, when the endpoint takes JSON. */
  body?: unknown;
  multipart?: MultipartBody;
  /** Set once answered. */
  status?: number;
  /** The JSON or text answer; for event streams, the events sent. */
  response?: unknown;
  /** Status of a failure injected with failNext(), if this request got one. */
  injected?: number;
}

export interface Problem {
  at: number;
  /** `POST /v1/audio/transcriptions` or `ws rtc_… session.update`. */
  where: string;
  status?: number;
  error: OpenAiErrorBody;
  request?: LoggedRequest;
  /** The realtime client event that was rejected. */
  event?: unknown;
}

export class RequestLog {
  readonly requests: LoggedRequest[] = [];
  readonly problems: Problem[] = [];
  private seq = 0;

  add(entry: Omit<LoggedRequest, 'seq'>): LoggedRequest {
    const logged = { ...entry, seq: ++this.seq };
    this.requests.push(logged);
    return logged;
  }

  problem(p: Omit<Problem, 'at'>): void {
    this.problems.push({ at: Date.now(), ...p });
  }

  clear(): void {
    this.requests.length = 0;
    this.problems.length = 0;
  }

  /** Resolves with the first logged request that matches and has been answered. */
  async waitFor(match: (r: LoggedRequest) => boolean, timeoutMs = 10_000): Promise<LoggedRequest> {
    let found: LoggedRequest | undefined;
    await pollUntil(() => (found = this.requests.find((r) => r.status !== undefined && match(r))) !== undefined, { timeoutMs, what: 'openai emulator: expected request' });
    return found!;
  }
}
