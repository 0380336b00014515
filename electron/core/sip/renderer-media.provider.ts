import type { MonitorMode } from '../../../shared/contracts/monitor-client.ts';
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

  bindLine(lineId: string, nearLineId?: string): boolean {
    return this.router.bindLine(lineId, nearLineId);
  }

  async monitor(lineId: string, targetLineId: string, mode: MonitorMode): Promise<void> {
    const reply = await this.router.ask({ op: 'monitor', line_id: lineId, target_line_id: targetLineId, mode });
    if (!reply.ok) throw new Error(reply.error);
  }

  create(lineId: string, hooks: LineMediaHooks): MediaBridgeSdh {
    return new MediaBridgeSdh(lineId, this.router, hooks);
  }
}
