// RTP fixed header (RFC 3550 §5.1): encode and parse. CSRCs and a header extension are skipped
// on parse, padding is removed; we never send either.

export interface RtpPacket {
  marker: boolean;
  payloadType: number;
  /** 16-bit. */
  sequenceNumber: number;
  /** 32-bit, in clock-rate units (8000/s for G.711 and telephone-event). */
  timestamp: number;
  ssrc: number;
  payload: Uint8Array;
}

export const RTP_HEADER_BYTES = 12;

export function encodeRtp(p: RtpPacket): Buffer {
  const buf = Buffer.allocUnsafe(RTP_HEADER_BYTES + p.payload.length);
  buf[0] = 0x80; // V=2, no padding, no extension, no CSRC
  buf[1] = (p.marker ? 0x80 : 0) | (p.payloadType & 0x7f);
  buf.writeUInt16BE(p.sequenceNumber & 0xffff, 2);
  buf.writeUInt32BE(p.timestamp >>> 0, 4);
  buf.writeUInt32BE(p.ssrc >>> 0, 8);
  buf.set(p.payload, RTP_HEADER_BYTES);
  return buf;
}

/** The packet, or undefined if `buf` is not a well-formed RTP version 2 packet. */
export function parseRtp(buf: Uint8Array): RtpPacket | undefined {
  if (buf.length < RTP_HEADER_BYTES || buf[0]! >> 6 !== 2) return undefined;
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  const b0 = buf[0]!;
  const b1 = buf[1]!;
  let offset = RTP_HEADER_BYTES + 4 * (b0 & 0x0f);
  if (b0 & 0x10) {
    if (buf.length < offset + 4) return undefined;
    offset += 4 + 4 * view.getUint16(offset + 2);
  }
  let end = buf.length;
  if (b0 & 0x20) end -= buf[buf.length - 1]!;
  if (end < offset) return undefined;
  return {
    marker: (b1 & 0x80) !== 0,
    payloadType: b1 & 0x7f,
    sequenceNumber: view.getUint16(2),
    timestamp: view.getUint32(4),
    ssrc: view.getUint32(8),
    payload: buf.subarray(offset, end),
  };
}
