// SDP for plain RTP/AVP G.711 audio (RFC 4566, offer/answer per RFC 3264): build our offer or
// answer and read the remote's address, port, codecs, telephone-event payload type and direction.
import { parse, write, type MediaDescription, type SessionDescription } from 'sdp-transform';
import type { G711Codec } from './g711.ts';

export type Direction = 'sendrecv' | 'sendonly' | 'recvonly' | 'inactive';

export interface PayloadCodec {
  payloadType: number;
  codec: G711Codec;
}

/** Our codecs in order of preference: PCMU, then PCMA. */
export const LOCAL_CODECS: readonly PayloadCodec[] = [
  { payloadType: 0, codec: 'PCMU' },
  { payloadType: 8, codec: 'PCMA' },
];
export const TELEPHONE_EVENT_PT = 101;
export const PTIME_MS = 20;

export interface LocalSdp {
  /** The address in o= and c= (where we receive RTP). */
  address: string;
  port: number;
  direction: Direction;
  sessionId: number;
  sessionVersion: number;
}

export interface RemoteSdp {
  address: string;
  port: number;
  /** Codecs we support, in the order the remote listed them. */
  codecs: PayloadCodec[];
  telephoneEventPt?: number;
  /** The remote's direction; `inactive` for a rejected stream (port 0). */
  direction: Direction;
  /** o= session id and version: equal for a repeated description. */
  origin: string;
}

function build(local: LocalSdp, codecs: readonly PayloadCodec[], telephoneEventPt: number | undefined): string {
  const pts = codecs.map((c) => c.payloadType);
  if (telephoneEventPt !== undefined) pts.push(telephoneEventPt);
  const rtp: MediaDescription['rtp'] = codecs.map((c) => ({ payload: c.payloadType, codec: c.codec, rate: 8000 }));
  const fmtp: MediaDescription['fmtp'] = [];
  if (telephoneEventPt !== undefined) {
    rtp.push({ payload: telephoneEventPt, codec: 'telephone-event', rate: 8000 });
    fmtp.push({ payload: telephoneEventPt, config: '0-16' });
  }
  const session: SessionDescription = {
    version: 0,
    origin: { username: 'earshot', sessionId: local.sessionId, sessionVersion: local.sessionVersion, netType: 'IN', ipVer: 4, address: local.address },
    name: '-',
    connection: { version: 4, ip: local.address },
    timing: { start: 0, stop: 0 },
    media: [{ type: 'audio', port: local.port, protocol: 'RTP/AVP', payloads: pts.join(' '), rtp, fmtp, ptime: PTIME_MS, direction: local.direction }],
  };
  return write(session);
}

/** An offer with PCMU, PCMA and telephone-event (101). */
export function buildOffer(local: LocalSdp): string {
  return build(local, LOCAL_CODECS, TELEPHONE_EVENT_PT);
}

/** An answer with the codec we chose (see chooseCodec) and the remote's telephone-event type. */
export function buildAnswer(remote: RemoteSdp, local: LocalSdp): string {
  const codec = chooseCodec(remote, 'answerer');
  if (!codec) throw new Error('no common codec (PCMU/PCMA) in the remote offer');
  return build(local, [codec], remote.telephoneEventPt);
}

/**
 * The codec to send with. As answerer we prefer PCMU, then PCMA, whatever the offer's order; as
 * offerer we take the first of ours that the answer lists (the remote chose).
 */
export function chooseCodec(remote: RemoteSdp, role: 'answerer' | 'offerer'): PayloadCodec | undefined {
  if (role === 'offerer') return remote.codecs[0];
  for (const ours of LOCAL_CODECS) {
    const match = remote.codecs.find((c) => c.codec === ours.codec);
    if (match) return match;
  }
  return undefined;
}

function codecOf(media: MediaDescription, pt: number): G711Codec | 'telephone-event' | undefined {
  const map = media.rtp.find((r) => r.payload === pt);
  const name = map?.codec.toUpperCase();
  if (map && map.rate !== 8000) return undefined;
  if (name === 'PCMU' || (!map && pt === 0)) return 'PCMU';
  if (name === 'PCMA' || (!map && pt === 8)) return 'PCMA';
  if (name === 'TELEPHONE-EVENT') return 'telephone-event';
  return undefined;
}

/** Reads the first audio m= line of a remote description. Throws if there is none. */
export function parseRemote(sdp: string): RemoteSdp {
  const session = parse(sdp);
  const media = session.media.find((m) => m.type === 'audio');
  if (!media) throw new Error('remote SDP has no audio stream');
  const address = media.connection?.ip ?? session.connection?.ip;
  if (!address) throw new Error('remote SDP has no c= address');
  const pts = String(media.payloads ?? '')
    .split(/\s+/)
    .filter(Boolean)
    .map(Number);
  const codecs: PayloadCodec[] = [];
  let telephoneEventPt: number | undefined;
  for (const pt of pts) {
    const c = codecOf(media, pt);
    if (c === 'telephone-event') telephoneEventPt ??= pt;
    else if (c) codecs.push({ payloadType: pt, codec: c });
  }
  let direction: Direction = media.direction ?? (session.direction as Direction | undefined) ?? 'sendrecv';
  if (media.port === 0) direction = 'inactive';
  // RFC 2543 hold: c=0.0.0.0 means "do not send to me".
  else if (address === '0.0.0.0') direction = direction === 'sendrecv' || direction === 'sendonly' ? 'sendonly' : 'inactive';
  const origin = `${session.origin?.sessionId ?? ''}/${session.origin?.sessionVersion ?? ''}`;
  return { address, port: media.port, codecs, telephoneEventPt, direction, origin };
}

/** Our direction in a new offer: hold → sendonly, or inactive if the remote holds us (is sendonly). */
export function offerDirection(hold: boolean, remote: Direction | undefined): Direction {
  if (!hold) return 'sendrecv';
  return remote === 'sendonly' || remote === 'inactive' ? 'inactive' : 'sendonly';
}

/** Our direction in an answer (RFC 3264 §6.1), given the offered one and whether we hold. */
export function answerDirection(offered: Direction, hold: boolean): Direction {
  switch (offered) {
    case 'inactive':
      return 'inactive';
    case 'recvonly':
      return 'sendonly';
    case 'sendonly':
      return hold ? 'inactive' : 'recvonly';
    case 'sendrecv':
      return hold ? 'sendonly' : 'sendrecv';
  }
}

/** The same direction without our sending half (a listen-only seat): sendrecv → recvonly, sendonly → inactive. */
export function withoutSending(d: Direction): Direction {
  if (d === 'sendrecv') return 'recvonly';
  if (d === 'sendonly') return 'inactive';
  return d;
}

export function sends(d: Direction): boolean {
  return d === 'sendrecv' || d === 'sendonly';
}

export function receives(d: Direction): boolean {
  return d === 'sendrecv' || d === 'recvonly';
}
