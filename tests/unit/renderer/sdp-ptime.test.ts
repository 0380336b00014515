import { describe, expect, it } from 'vitest';
import { withPtime } from '../../../renderer/src/media/sdp-ptime.ts';

const sdp = (...lines: string[]): string => ['v=0', 'o=- 1 1 IN IP4 127.0.0.1', 's=-', 't=0 0', ...lines].join('\r\n') + '\r\n';

describe('the packet duration we ask the far end for (a=ptime)', () => {
  it('ends each audio section with a=ptime, leaving other sections and the line endings as they were', () => {
    expect(withPtime(sdp('m=audio 9 UDP/TLS/RTP/SAVPF 111', 'a=rtpmap:111 opus/48000/2', 'a=fmtp:111 minptime=10;useinbandfec=1'), 10)).toBe(
      sdp('m=audio 9 UDP/TLS/RTP/SAVPF 111', 'a=rtpmap:111 opus/48000/2', 'a=fmtp:111 minptime=10;useinbandfec=1', 'a=ptime:10'),
    );
    expect(withPtime(sdp('m=audio 9 RTP/AVP 0', 'a=sendonly', 'm=video 9 RTP/AVP 96', 'a=recvonly'), 10)).toBe(
      sdp('m=audio 9 RTP/AVP 0', 'a=sendonly', 'a=ptime:10', 'm=video 9 RTP/AVP 96', 'a=recvonly'),
    );
    expect(withPtime('v=0\nm=audio 9 RTP/AVP 0', 10)).toBe('v=0\nm=audio 9 RTP/AVP 0\na=ptime:10');
  });

  it('keeps a ptime the description already names, and adds none without audio', () => {
    expect(withPtime(sdp('m=audio 9 RTP/AVP 0', 'a=ptime:20'), 10)).toBe(sdp('m=audio 9 RTP/AVP 0', 'a=ptime:20'));
    expect(withPtime(sdp('m=video 9 RTP/AVP 96'), 10)).toBe(sdp('m=video 9 RTP/AVP 96'));
  });
});
