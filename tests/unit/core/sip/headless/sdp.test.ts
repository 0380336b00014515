import { describe, expect, test } from 'vitest';
import {
  answerDirection,
  buildAnswer,
  buildOffer,
  chooseCodec,
  offerDirection,
  parseRemote,
  type LocalSdp,
} from '../../../../../electron/core/sip/headless/sdp.ts';

const local: LocalSdp = { address: '127.0.0.1', port: 40000, direction: 'sendrecv', sessionId: 123, sessionVersion: 1 };

function remoteSdp(m: string, extra: string[] = [], session: string[] = []): string {
  return ['v=0', 'o=- 9 2 IN IP4 10.0.0.9', 's=-', 'c=IN IP4 10.0.0.9', 't=0 0', ...session, m, ...extra, ''].join('\r\n');
}

describe('SDP', () => {
  test('the offer: c= bind address, RTP/AVP 0 8 101, telephone-event 0-16, ptime 20, direction', () => {
    const sdp = buildOffer({ ...local, direction: 'sendonly' });
    expect(sdp).toContain('c=IN IP4 127.0.0.1\r\n');
    expect(sdp).toContain('m=audio 40000 RTP/AVP 0 8 101\r\n');
    expect(sdp).toContain('a=rtpmap:0 PCMU/8000\r\n');
    expect(sdp).toContain('a=rtpmap:8 PCMA/8000\r\n');
    expect(sdp).toContain('a=rtpmap:101 telephone-event/8000\r\n');
    expect(sdp).toContain('a=fmtp:101 0-16\r\n');
    expect(sdp).toContain('a=ptime:20\r\n');
    expect(sdp).toContain('a=sendonly\r\n');
    const parsed = parseRemote(sdp);
    expect(parsed).toMatchObject({ address: '127.0.0.1', port: 40000, telephoneEventPt: 101, direction: 'sendonly', origin: '123/1' });
    expect(parsed.codecs.map((c) => c.codec)).toEqual(['PCMU', 'PCMA']);
  });

  test('answer to an offer with both codecs picks PCMU and keeps the remote telephone-event type', () => {
    const offer = parseRemote(remoteSdp('m=audio 5000 RTP/AVP 8 0 96', ['a=rtpmap:96 telephone-event/8000']));
    expect(chooseCodec(offer, 'answerer')).toEqual({ payloadType: 0, codec: 'PCMU' });
    const answer = buildAnswer(offer, local);
    expect(answer).toContain('m=audio 40000 RTP/AVP 0 96\r\n');
    expect(answer).toContain('a=rtpmap:96 telephone-event/8000\r\n');
    expect(offer).toMatchObject({ address: '10.0.0.9', port: 5000, telephoneEventPt: 96, direction: 'sendrecv' });
  });

  test('PCMA fallback; no telephone-event when none was offered', () => {
    const offer = parseRemote(remoteSdp('m=audio 5000 RTP/AVP 18 8', ['a=rtpmap:18 G729/8000']));
    expect(chooseCodec(offer, 'answerer')).toEqual({ payloadType: 8, codec: 'PCMA' });
    const answer = buildAnswer(offer, local);
    expect(answer).toContain('m=audio 40000 RTP/AVP 8\r\n');
    expect(answer).not.toContain('telephone-event');
  });

  test('a dynamic payload type mapped to PCMU is understood', () => {
    const offer = parseRemote(remoteSdp('m=audio 5000 RTP/AVP 120', ['a=rtpmap:120 PCMU/8000']));
    expect(chooseCodec(offer, 'answerer')).toEqual({ payloadType: 120, codec: 'PCMU' });
  });

  test('no common codec: no choice, and answering throws', () => {
    const offer = parseRemote(remoteSdp('m=audio 5000 RTP/AVP 111', ['a=rtpmap:111 opus/48000/2']));
    expect(chooseCodec(offer, 'answerer')).toBeUndefined();
    expect(() => buildAnswer(offer, local)).toThrow(/no common codec/);
  });

  test('as offerer, the codec is the first one the answer lists', () => {
    const answer = parseRemote(remoteSdp('m=audio 5000 RTP/AVP 8 0'));
    expect(chooseCodec(answer, 'offerer')).toEqual({ payloadType: 8, codec: 'PCMA' });
  });

  test('remote direction: media level, session level, port 0, c=0.0.0.0', () => {
    expect(parseRemote(remoteSdp('m=audio 5000 RTP/AVP 0', ['a=recvonly'])).direction).toBe('recvonly');
    expect(parseRemote(remoteSdp('m=audio 5000 RTP/AVP 0', [], ['a=sendonly'])).direction).toBe('sendonly');
    expect(parseRemote(remoteSdp('m=audio 0 RTP/AVP 0')).direction).toBe('inactive');
    const old = remoteSdp('m=audio 5000 RTP/AVP 0').replace('c=IN IP4 10.0.0.9', 'c=IN IP4 0.0.0.0');
    expect(parseRemote(old).direction).toBe('sendonly');
  });

  test('a media-level c= wins over the session one', () => {
    expect(parseRemote(remoteSdp('m=audio 5000 RTP/AVP 0', ['c=IN IP4 10.1.1.1'])).address).toBe('10.1.1.1');
  });

  test('hold directions: offers', () => {
    expect(offerDirection(false, undefined)).toBe('sendrecv');
    expect(offerDirection(false, 'recvonly')).toBe('sendrecv');
    expect(offerDirection(true, 'sendrecv')).toBe('sendonly');
    expect(offerDirection(true, 'recvonly')).toBe('sendonly');
    expect(offerDirection(true, 'sendonly')).toBe('inactive'); // both sides hold
  });

  test('hold directions: answers (RFC 3264 §6.1)', () => {
    expect(answerDirection('sendrecv', false)).toBe('sendrecv');
    expect(answerDirection('sendrecv', true)).toBe('sendonly');
    expect(answerDirection('sendonly', false)).toBe('recvonly');
    expect(answerDirection('sendonly', true)).toBe('inactive');
    expect(answerDirection('recvonly', false)).toBe('sendonly');
    expect(answerDirection('inactive', false)).toBe('inactive');
  });

  test('an offer without audio is refused', () => {
    expect(() => parseRemote(remoteSdp('m=video 5000 RTP/AVP 96'))).toThrow(/no audio/);
  });
});
