import { describe, expect, test } from 'vitest';
import { DtmfReceiver } from '../../../../../electron/core/sip/headless/dtmf-receiver.ts';
import { DtmfSender, END_PACKETS } from '../../../../../electron/core/sip/headless/dtmf-sender.ts';
import { decodeTelephoneEvent, dtmfDigit, dtmfEventCode, encodeTelephoneEvent } from '../../../../../electron/core/sip/headless/telephone-event.ts';

describe('RFC 4733 telephone-event', () => {
  test('encode → decode', () => {
    const ev = { event: 11, end: true, volume: 10, duration: 800 };
    const bytes = encodeTelephoneEvent(ev);
    expect([...bytes]).toEqual([11, 0x8a, 0x03, 0x20]);
    expect(decodeTelephoneEvent(bytes)).toEqual(ev);
    expect(decodeTelephoneEvent(encodeTelephoneEvent({ event: 5, end: false, volume: 63, duration: 160 }))).toEqual({
      event: 5,
      end: false,
      volume: 63,
      duration: 160,
    });
    expect(decodeTelephoneEvent(new Uint8Array(3))).toBeUndefined();
  });

  test('DTMF digits ↔ event codes', () => {
    expect([...'0123456789*#ABCD'].map(dtmfEventCode)).toEqual([...Array(16).keys()]);
    expect(dtmfEventCode('a')).toBe(12);
    expect(dtmfEventCode('x')).toBeUndefined();
    expect(dtmfDigit(11)).toBe('#');
    expect(dtmfDigit(16)).toBeUndefined();
  });

  test('a 100 ms tone: marker first, growing duration, end bit ×3 with the final duration, one timestamp', () => {
    const sender = new DtmfSender();
    expect(sender.enqueue('5', { duration: 100, interToneGap: 40 })).toBe(true);
    const frames = [];
    for (let ts = 1000; sender.busy; ts += 160) {
      const f = sender.next(ts, 160);
      if (f) frames.push({ ...f, ev: decodeTelephoneEvent(f.payload)! });
    }
    expect(frames.map((f) => f.marker)).toEqual([true, false, false, false, false, false, false]);
    expect(frames.map((f) => f.ev.duration)).toEqual([160, 320, 480, 640, 800, 800, 800]);
    expect(frames.filter((f) => f.ev.end)).toHaveLength(END_PACKETS);
    expect(new Set(frames.map((f) => f.timestamp))).toEqual(new Set([1000]));
    expect(frames.every((f) => f.ev.event === 5)).toBe(true);
  });

  test('tones are separated by the inter-tone gap (audio frames)', () => {
    const sender = new DtmfSender();
    sender.enqueue('12', { duration: 40, interToneGap: 60 });
    const kinds: string[] = [];
    for (let ts = 0; sender.busy; ts += 160) kinds.push(sender.next(ts, 160) ? 'e' : 'a');
    // 40 ms = 2 frames (2nd is the first end packet) + 2 more end packets, 60 ms gap = 3 frames
    expect(kinds.join('')).toBe('eeee' + 'aaa' + 'eeee' + 'aaa');
  });

  test('rejects non-DTMF strings', () => {
    const sender = new DtmfSender();
    expect(sender.enqueue('12x')).toBe(false);
    expect(sender.enqueue('')).toBe(false);
    expect(sender.busy).toBe(false);
  });

  test('the receiver reports each event once despite updates and end retransmissions', () => {
    const sender = new DtmfSender();
    sender.enqueue('1#');
    const rx = new DtmfReceiver();
    const got: string[] = [];
    for (let ts = 0; sender.busy; ts += 160) {
      const f = sender.next(ts, 160);
      if (!f) continue;
      const d = rx.receive(42, f.timestamp, f.payload, ts / 8);
      if (d) got.push(d);
      rx.receive(42, f.timestamp, f.payload, ts / 8); // duplicate delivery
    }
    expect(got).toEqual(['1', '#']);
    expect(rx.text).toBe('1#');
    expect(rx.digits.map((d) => d.durationMs)).toEqual([100, 100]);
  });
});
