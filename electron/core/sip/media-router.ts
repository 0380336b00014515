import { randomUUID } from 'node:crypto';
import { MEDIA_REQUEST_TIMEOUT_MS, type MediaReply, type MediaRequest } from '../../../shared/contracts/media-bridge.ts';

export type MediaSink = (request: MediaRequest) => void;
type DistributiveOmit<T, K extends keyof T> = T extends unknown ? Omit<T, K> : never;
export type MediaAsk = DistributiveOmit<MediaRequest, 'request_id'>;

interface Endpoint {
  id: number;
  sink: MediaSink;
}

interface Pending {
  endpoint: number;
  resolve(reply: MediaReply): void;
  timer: NodeJS.Timeout;
}

/**
 * Carries one seat's media requests to the console that holds its audio. Each line is bound to
 * the endpoint it started on (a second tab must not steal a call's media); new lines go to the
 * newest endpoint. A request nobody answers fails after MEDIA_REQUEST_TIMEOUT_MS.
 */
export class MediaRouter {
  private readonly endpoints: Endpoint[] = [];
  private readonly lineEndpoint = new Map<string, number>();
  private readonly pending = new Map<string, Pending>();
  private nextId = 1;

  /** Called with the lines a new console took over from one that went away (a reload). */
  onAdopt: ((lineIds: string[]) => void) | null = null;

  /** A console offers to hold the media; returns its removal. */
  addEndpoint(sink: MediaSink): () => void {
    const endpoint = { id: this.nextId++, sink };
    this.endpoints.push(endpoint);
    // Lines whose console is gone (a reload, a crashed tab) move to the new one.
    const live = new Set(this.endpoints.map((e) => e.id));
    const orphans = [...this.lineEndpoint].filter(([, id]) => !live.has(id)).map(([lineId]) => lineId);
    for (const lineId of orphans) this.lineEndpoint.set(lineId, endpoint.id);
    if (orphans.length > 0) this.onAdopt?.(orphans);
    return () => this.removeEndpoint(endpoint.id);
  }

  get hasEndpoint(): boolean {
    return this.endpoints.length > 0;
  }

  /** Binds a new line to the newest endpoint (or to `nearLineId`'s, when that one is still here); false when there is none. */
  bindLine(lineId: string, nearLineId?: string): boolean {
    const near = nearLineId === undefined ? undefined : this.lineEndpoint.get(nearLineId);
    const endpoint = this.endpoints.find((e) => e.id === near) ?? this.endpoints.at(-1);
    if (!endpoint) return false;
    this.lineEndpoint.set(lineId, endpoint.id);
    return true;
  }

  releaseLine(lineId: string): void {
    this.lineEndpoint.delete(lineId);
  }

  ask(request: MediaAsk): Promise<MediaReply> {
    const endpointId = this.lineEndpoint.get(request.line_id);
    const endpoint = this.endpoints.find((e) => e.id === endpointId);
    const request_id = randomUUID();
    if (!endpoint) return Promise.resolve({ request_id, ok: false, error: 'no console holds the audio of this call' });
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.pending.delete(request_id);
        resolve({ request_id, ok: false, error: `the console did not answer a '${request.op}' media request in time` });
      }, MEDIA_REQUEST_TIMEOUT_MS);
      timer.unref();
      this.pending.set(request_id, { endpoint: endpoint.id, resolve, timer });
      endpoint.sink({ ...request, request_id } as MediaRequest);
    });
  }

  /** The renderer's answer (mediaReply); false if no such request is waiting. */
  reply(reply: MediaReply): boolean {
    const p = this.pending.get(reply.request_id);
    if (!p) return false;
    clearTimeout(p.timer);
    this.pending.delete(reply.request_id);
    p.resolve(reply);
    return true;
  }

  private removeEndpoint(id: number): void {
    const at = this.endpoints.findIndex((e) => e.id === id);
    if (at >= 0) this.endpoints.splice(at, 1);
    for (const [requestId, p] of this.pending) {
      if (p.endpoint !== id) continue;
      clearTimeout(p.timer);
      this.pending.delete(requestId);
      p.resolve({ request_id: requestId, ok: false, error: 'the console holding this call’s audio went away' });
    }
  }
}
