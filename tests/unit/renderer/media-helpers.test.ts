import { describe, expect, it } from 'vitest';
import { initialLine, type LineState } from '../../../shared/sip/line-state.ts';
import { directionForHold, sdpAudioDirection } from '../../../renderer/src/media/direction.ts';
import { audioDevices } from '../../../renderer/src/media/devices.store.ts';
import { toRtcIceServers } from '../../../renderer/src/media/media-session.ts';
import { levelFromSamples } from '../../../renderer/src/media/mic-level.ts';
import { ringMode } from '../../../renderer/src/media/ring-mode.ts';

const sdp = (...lines: string[]): string => ['v=0', 'o=- 1 1 IN IP4 127.0.0.1', 's=-', 't=0 0', ...lines].join('\r\n') + '\r\n';

describe('SDP direction', () => {
  it('reads the audio section’s direction, falling back to the session level, then sendrecv', () => {
    expect(sdpAudioDirection(sdp('m=audio 9 UDP/TLS/RTP/SAVPF 111', 'a=sendonly'))).toBe('sendonly');
    expect(sdpAudioDirection(sdp('a=inactive', 'm=audio 9 RTP/AVP 0'))).toBe('inactive');
    expect(sdpAudioDirection(sdp('m=audio 9 RTP/AVP 0', 'a=rtpmap:0 PCMU/8000'))).toBe('sendrecv');
    expect(sdpAudioDirection(sdp('m=video 9 RTP/AVP 96', 'a=recvonly', 'm=audio 9 RTP/AVP 0', 'a=recvonly'))).toBe('recvonly');
    expect(sdpAudioDirection(sdp('m=audio 9 RTP/AVP 0', 'm=video 9 RTP/AVP 96', 'a=inactive'))).toBe('sendrecv');
    expect(sdpAudioDirection(sdp('m=video 9 RTP/AVP 96'))).toBeNull();
    expect(sdpAudioDirection(null)).toBeNull();
  });

  it('holds with sendonly, or inactive when the far end already sends nothing', () => {
    expect(directionForHold(false, 'sendonly')).toBe('sendrecv');
    expect(directionForHold(true, null)).toBe('sendonly');
    expect(directionForHold(true, 'sendrecv')).toBe('sendonly');
    expect(directionForHold(true, 'recvonly')).toBe('sendonly');
    expect(directionForHold(true, 'sendonly')).toBe('inactive');
    expect(directionForHold(true, 'inactive')).toBe('inactive');
  });
});

describe('ring mode', () => {
  const mk = (state: LineState['state'], id: string = state): LineState => ({
    ...initialLine({ line_id: id, call_sid: id, direction: 'inbound', remote: { uri: 'sip:1@x', display: '' }, at: '2026-01-01T00:00:00Z' }),
    state,
  });
  it('rings when idle, beeps when another call is up, is quiet otherwise', () => {
    expect(ringMode([])).toBe('none');
    expect(ringMode([mk('talking')])).toBe('none');
    expect(ringMode([mk('incoming')])).toBe('ring');
    expect(ringMode([mk('incoming'), mk('ended')])).toBe('ring');
    expect(ringMode([mk('incoming'), mk('on-hold')])).toBe('call-waiting');
    expect(ringMode([mk('incoming', 'a'), mk('dialing')])).toBe('call-waiting');
  });
});

describe('devices and levels', () => {
  it('lists real devices of a kind, without Chromium’s default/communications aliases', () => {
    const all = [
      { deviceId: 'default', kind: 'audioinput', label: 'Default' },
      { deviceId: 'communications', kind: 'audioinput', label: 'Comms' },
      { deviceId: 'mic1', kind: 'audioinput', label: 'Headset mic' },
      { deviceId: 'spk1', kind: 'audiooutput', label: 'Headset' },
      { deviceId: 'cam', kind: 'videoinput', label: 'Camera' },
    ] as MediaDeviceInfo[];
    expect(audioDevices(all, 'audioinput')).toEqual([{ deviceId: 'mic1', label: 'Headset mic', kind: 'audioinput' }]);
    expect(audioDevices(all, 'audiooutput').map((d) => d.deviceId)).toEqual(['spk1']);
  });

  it('maps silence to 0, full scale to 1, and speech in between', () => {
    expect(levelFromSamples(new Float32Array(256))).toBe(0);
    expect(levelFromSamples(new Float32Array(256).fill(1))).toBe(1);
    const speech = levelFromSamples(new Float32Array(256).fill(0.05));
    expect(speech).toBeGreaterThan(0.3);
    expect(speech).toBeLessThan(0.9);
    expect(levelFromSamples(new Float32Array(0))).toBe(0);
  });

  it('passes the seat’s ICE servers to WebRTC, and none by default', () => {
    expect(toRtcIceServers(undefined)).toEqual([]);
    expect(toRtcIceServers([{ urls: 'stun:stun.lan:3478' }, { urls: ['turn:turn.lan'], username: 'u', credential: 'p' }])).toEqual([
      { urls: 'stun:stun.lan:3478' },
      { urls: ['turn:turn.lan'], username: 'u', credential: 'p' },
    ]);
  });
});
