import { describe, expect, it } from 'vitest';
import { formatDuration, formatNumber, formatPhone } from '../../../renderer/src/app/format.ts';

describe('formatting', () => {
  it('writes home-country numbers nationally and others internationally', () => {
    expect(formatPhone('+14155550100', 'en')).toBe('(415) 555-0100');
    expect(formatPhone('+14155550100', 'ja')).toBe('+1 415 555 0100');
    expect(formatPhone('+81312345678', 'ja')).toBe('03-1234-5678');
    expect(formatPhone('+819012345678', 'ja')).toBe('090-1234-5678');
    expect(formatPhone('+81312345678', 'en')).toBe('+81 3 1234 5678');
    expect(formatPhone('0312345678', 'ja')).toBe('03-1234-5678');
    expect(formatPhone('4155550100', 'en')).toBe('(415) 555-0100');
    // A national number from elsewhere is not forced into the North American pattern.
    expect(formatPhone('0312345678', 'en')).toBe('0312345678');
  });

  it('keeps extensions and SIP addresses readable', () => {
    expect(formatPhone('1001', 'en')).toBe('1001');
    expect(formatPhone('sip:1001@pbx.local', 'en')).toBe('1001');
    expect(formatPhone('sip:alice@pbx.local', 'ja')).toBe('alice@pbx.local');
    expect(formatPhone('', 'en')).toBe('');
  });

  it('formats durations as a clock and numbers by locale', () => {
    expect(formatDuration(0, 'en')).toBe('0:00');
    expect(formatDuration(245, 'en')).toBe('4:05');
    expect(formatDuration(3723, 'ja')).toBe('1:02:03');
    expect(formatDuration(null, 'en')).toBe('');
    expect(formatNumber(12345, 'en')).toBe('12,345');
  });
});
