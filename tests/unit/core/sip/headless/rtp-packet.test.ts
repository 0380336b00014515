import { describe, expect, test } from 'vitest';
import { encodeRtp, parseRtp, RTP_HEADER_BYTES } from '../../../../../electron/core/sip/headless/rtp-packet.ts';

describe('RTP packet', () => {
  test('encode → parse round-trips every header field', () => {
    const payload = Uint8Array.from({ length: 160 }, (_, i) => i);
    const packet = { marker: true, payloadType: 101, sequenceNumber: 0xfffe, timestamp: 0xfedcba98, ssrc: 0x12345678, payload };
    const buf = encodeRtp(packet);
    expect(buf.length).toBe(RTP_HEADER_BYTES + 160);
    expect(buf[0]).toBe(0x80);
    const parsed = parseRtp(buf)!;
    expect({ ...parsed, payload: [...parsed.payload] }).toEqual({ ...packet, payload: [...payload] });
  });

  test('marker off, payload type 0', () => {
    const p = parseRtp(encodeRtp({ marker: false, payloadType: 0, sequenceNumber: 1, timestamp: 160, ssrc: 1, payload: new Uint8Array(4) }));
    expect(p?.marker).toBe(false);
    expect(p?.payloadType).toBe(0);
  });

  test('skips CSRCs and a header extension, strips padding', () => {
    const payload = [1, 2, 3];
    const buf = Uint8Array.from([
      0xb1, 8, 0, 7, 0, 0, 0, 9, 0, 0, 0, 5, // V=2 P=1 X=1 CC=1, PT 8
      0, 0, 0, 42, // CSRC
      0xbe, 0xde, 0, 1, 1, 2, 3, 4, // extension, one word
      ...payload,
      0, 0, 3, // padding: 3 bytes
    ]);
    const p = parseRtp(buf);
    expect(p?.payloadType).toBe(8);
    expect(p?.sequenceNumber).toBe(7);
    expect([...p!.payload]).toEqual(payload);
  });

  test('rejects what is not RTP v2', () => {
    expect(parseRtp(new Uint8Array(11))).toBeUndefined();
    expect(parseRtp(new Uint8Array(12))).toBeUndefined(); // version 0
    expect(parseRtp(Uint8Array.from([0x8f, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]))).toBeUndefined(); // 15 CSRCs missing
  });
});
