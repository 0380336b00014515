// Wires the media side of the console: the core's media requests go to the MediaEngine and its
// replies go back; the ringer follows the lines; device choices apply to calls in progress.
import type { CoreClient } from '../../../shared/contracts/core-client.ts';
import type { IceServer } from '../../../shared/domain/agent.ts';
import type { ConferenceStore } from '../state/conference.store.ts';
import type { LinesStore } from '../state/lines.store.ts';
import type { SessionStore } from '../state/session.store.ts';
import type { DevicesStore } from './devices.store.ts';
import { MediaEngine } from './media-engine.ts';
import { ringMode } from './ring-mode.ts';
import { Ringer } from './tones.ts';

export function toRtcIceServers(servers: readonly IceServer[] | null | undefined): RTCIceServer[] {
  return (servers ?? []).map((s) => ({
    urls: s.urls,
    ...(s.username !== undefined ? { username: s.username } : {}),
    ...(s.credential !== undefined ? { credential: s.credential } : {}),
  }));
}

export interface MediaSession {
  engine: MediaEngine;
  stop(): void;
}

export function startMediaSession(client: CoreClient, stores: { session: SessionStore; lines: LinesStore; conference?: ConferenceStore }, devices: DevicesStore): MediaSession {
  const log = (message: string, error?: unknown): void => console.warn(`[media] ${message}`, error ?? '');
  const engine = new MediaEngine({
    iceServers: () => toRtcIceServers(stores.session.getState().session?.agent.sip?.ice_servers),
    microphoneId: () => devices.getState().microphoneId,
    speakerId: () => devices.getState().speakerId,
    log,
  });
  const ringer = new Ringer({ ringDeviceId: () => devices.getState().ringId, speakerId: () => devices.getState().speakerId });

  const offMedia = client.onMediaRequest((request) => {
    void engine
      .handle(request)
      .then((reply) => client.call('mediaReply', reply))
      .catch((error: unknown) => log(`could not reply to ${request.op} ${request.request_id}`, error));
  });

  const offLines = stores.lines.subscribe((next, prev) => {
    // The core closes media with a request; if that was lost, an ended line still lets go here.
    if (next.monitorLegs !== prev.monitorLegs) for (const leg of next.monitorLegs) if (leg.state === 'ended' && engine.hasLine(leg.line_id)) engine.closeLine(leg.line_id);
    if (next.lines === prev.lines) return;
    ringer.set(ringMode(next.lines));
    for (const line of next.lines) if (line.state === 'ended' && engine.hasLine(line.line_id)) engine.closeLine(line.line_id);
  });

  // The conference is mixed here: the store says which lines, the engine does the audio.
  const offConference =
    stores.conference?.subscribe((next, prev) => {
      if (next.members === prev.members) return;
      void engine.setConference(next.members).catch((e: unknown) => log('could not change the conference mix', e));
    }) ?? (() => undefined);

  const offDevices = devices.subscribe((next, prev) => {
    if (next.speakerId !== prev.speakerId) void engine.setSpeaker(next.speakerId);
    if (next.microphoneId !== prev.microphoneId) void engine.setMicrophone().catch((e: unknown) => log('could not switch microphone', e));
    if (next.speakerId !== prev.speakerId || next.ringId !== prev.ringId) ringer.refresh();
  });

  const offSession = stores.session.subscribe((next, prev) => {
    if (prev.phase === 'signed-in' && next.phase !== 'signed-in') {
      ringer.stop();
      engine.closeAll();
    }
  });

  return {
    engine,
    stop() {
      offMedia();
      offLines();
      offConference();
      offDevices();
      offSession();
      ringer.stop();
      engine.closeAll();
    },
  };
}
