// RFC 4733 telephone-event payload (§2.3): event, end bit, volume, duration; and the DTMF
// digits' event codes (§3.2).

export interface TelephoneEvent {
  /** 0–255; DTMF 0–15. */
  event: number;
  end: boolean;
  /** Power level in -dBm0, 0–63. */
  volume: number;
  /** In timestamp units since the event began, 0–65535. */
  duration: number;
}

export const TELEPHONE_EVENT_BYTES = 4;
const DIGITS = '0123456789*#ABCD';

/** DTMF event code for a digit (0-9 * # A-D, case-insensitive), or undefined. */
export function dtmfEventCode(digit: string): number | undefined {
  const i = digit.length === 1 ? DIGITS.indexOf(digit.toUpperCase()) : -1;
  return i < 0 ? undefined : i;
}

/** The digit of a DTMF event code, or undefined for non-DTMF events. */
export function dtmfDigit(event: number): string | undefined {
  return DIGITS[event];
}

export function encodeTelephoneEvent(e: TelephoneEvent): Uint8Array {
  const out = new Uint8Array(TELEPHONE_EVENT_BYTES);
  out[0] = e.event & 0xff;
  out[1] = (e.end ? 0x80 : 0) | (e.volume & 0x3f);
  const duration = Math.min(Math.max(0, Math.round(e.duration)), 0xffff);
  out[2] = duration >> 8;
  out[3] = duration & 0xff;
  return out;
}

export function decodeTelephoneEvent(payload: Uint8Array): TelephoneEvent | undefined {
  if (payload.length < TELEPHONE_EVENT_BYTES) return undefined;
  return {
    event: payload[0]!,
    end: (payload[1]! & 0x80) !== 0,
    volume: payload[1]! & 0x3f,
    duration: (payload[2]! << 8) | payload[3]!,
  };
}
