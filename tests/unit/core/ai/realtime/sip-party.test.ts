import { describe, expect, it } from 'vitest';
import { canonicalPhone, normalisePhone, phoneForms } from '../../../../../electron/core/ai/realtime/phone-number.ts';
import { callerNumber, dialledNumber, uriUser, type SipHeader } from '../../../../../electron/core/ai/realtime/sip-party.ts';

const from = (value: string): SipHeader[] => [{ name: 'From', value }];
const none = { httpHeaders: {}, query: {}, body: {}, defaultNumber: null };

describe('phone numbers (seed 001)', () => {
  it('turns +81 into the national form and keeps other E.164 numbers', () => {
    expect(normalisePhone('+818012345678')).toBe('08012345678');
    expect(normalisePhone('+81 80-1234-5678')).toBe('08012345678');
    expect(normalisePhone('＋８１８０１２３４５６７８')).toBe('08012345678');
    expect(normalisePhone('+14155550123')).toBe('+14155550123');
    expect(normalisePhone('0312345678')).toBe('0312345678');
    expect(normalisePhone('anonymous')).toBeNull();
    expect(canonicalPhone('+1 (415) 555-0123')).toBe('+14155550123');
  });

  it('knows the forms one number may be stored in', () => {
    expect(phoneForms('0312345678').sort()).toEqual(['+81312345678', '0312345678']);
    expect(phoneForms('+81312345678').sort()).toEqual(['+81312345678', '0312345678', '81312345678']);
    expect(phoneForms('+14155550123').sort()).toEqual(['+14155550123', '14155550123']);
    expect(phoneForms('junk')).toEqual([]);
  });
});

describe('caller and dialled number from the INVITE', () => {
  it('reads the number from From in its usual shapes', () => {
    expect(callerNumber({ ...none, sipHeaders: from('<sip:+818012345678@pstn.twilio.com;user=phone>;tag=abc') })).toEqual({ number: '08012345678', source: 'sip-from' });
    expect(callerNumber({ ...none, sipHeaders: from('"Taro" <sip:+14155550123@carrier.example>;tag=1') }).number).toBe('+14155550123');
    expect(callerNumber({ ...none, sipHeaders: from('sip:0312345678@pbx.lan;tag=9') }).number).toBe('0312345678');
    expect(callerNumber({ ...none, sipHeaders: [{ name: 'f', value: '<tel:+818011112222>' }] }).number).toBe('08011112222');
    expect(callerNumber({ ...none, sipHeaders: from('<sip:%2B818012345678@host>') }).number).toBe('08012345678');
  });

  it('falls back in seed 001’s order: HTTP headers, ?phone=, the body’s phone, the default, anonymous', () => {
    const anon = from('"Anonymous" <sip:anonymous@anonymous.invalid>;tag=1');
    expect(callerNumber({ ...none, sipHeaders: anon, httpHeaders: { 'x-phone-number': '+818099998888', from: '0311112222' } })).toEqual({ number: '08099998888', source: 'http-header' });
    expect(callerNumber({ ...none, sipHeaders: anon, httpHeaders: { from: '<sip:+818077776666@x>' } }).number).toBe('08077776666');
    expect(callerNumber({ ...none, sipHeaders: anon, query: { phone: '+818055554444' } })).toEqual({ number: '08055554444', source: 'query' });
    expect(callerNumber({ ...none, sipHeaders: anon, body: { phone: '09012345678' } })).toEqual({ number: '09012345678', source: 'body' });
    expect(callerNumber({ ...none, sipHeaders: anon, defaultNumber: '08012345678' })).toEqual({ number: '08012345678', source: 'default' });
    expect(callerNumber({ ...none, sipHeaders: [] })).toEqual({ number: 'anonymous', source: 'anonymous' });
  });

  it('reads the dialled number from To; a SIP user that is not a number is kept as written', () => {
    expect(dialledNumber([{ name: 'To', value: '<sip:+81312345678@sip.api.openai.com>' }])).toBe('0312345678');
    expect(dialledNumber([{ name: 'To', value: '<sip:proj_abc123@sip.api.openai.com>' }])).toBe('proj_abc123');
    expect(dialledNumber([{ name: 'To', value: '<sip:a"b@x>' }])).toBe('unknown');
    expect(dialledNumber([])).toBe('unknown');
    expect(uriUser('<mailto:x@y>')).toBeNull();
  });
});
