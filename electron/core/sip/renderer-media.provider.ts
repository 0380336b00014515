import type { LineMediaHooks, MediaProvider } from './line-media.ts';
import { MediaBridgeSdh } from './media-bridge.sdh.ts';
import type { MediaRouter } from './media-router.ts';

/** Media in the seat's console (DESIGN §3): the SDH forwards to the renderer's RTCPeerConnection. */
export class RendererMediaProvider implements MediaProvider {
  readonly autoAnswer = false;
  private readonly router: MediaRouter;

  constructor(router: MediaRouter) {
    this.router = router;
  }

  /** Lines whose audio moved to a new console (after a reload) need their media renegotiated. */
  onAdopt(listener: (lineIds: string[]) => void): void {
    this.router.onAdopt = listener;
  }

  get available(): boolean {
    return this.router.hasEndpoint;
  }

  bindLine(lineId: string): boolean {
    return this.router.bindLine(lineId);
  }

  create(lineId: string, hooks: LineMediaHooks): MediaBridgeSdh {
    return new MediaBridgeSdh(lineId, this.router, hooks);
  }
}
