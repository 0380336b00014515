import { Grammar } from 'sip.js';
import { describe, expect, it } from 'vitest';
import {
  DIAL_STRING_ERRORS,
  MAX_NUMBER_LENGTH,
  MAX_URI_LENGTH,
  isDtmfDigit,
  normaliseDialString,
  normaliseDtmf,
  type DialStringError,
  type DialTarget,
} from '../../../shared/sip/dial-string.ts';

const seat = { domain: 'pbx.lan' };
const dial = (input: string) => normaliseDialString(input, seat);
/** A test title for an input: long ones shortened, invisible and control characters escaped. */
function title(input: string): string {
  const shown = input.length > 40 ? input.slice(0, 24) : input;
  const hidden = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\u3000]/u;
  const escaped = [...shown].map((c) => (hidden.test(c) ? `\\u{${c.codePointAt(0)?.toString(16)}}` : c)).join('');
  return `"${escaped}"${input.length > 40 ? `… (${input.length} chars)` : ''}`;
}

describe('normaliseDialString: accepted input', () => {
  const accepted: Array<[string, DialTarget]> = [
    // Numbers as people type them
    ['+1 (555) 123-4567', { uri: 'sip:+15551234567@pbx.lan', user: '+15551234567', host: null, display: '+15551234567', kind: 'number' }],
    ['03-1234-5678', { uri: 'sip:0312345678@pbx.lan', user: '0312345678', host: null, display: '0312345678', kind: 'number' }],
    ['555.123.4567', { uri: 'sip:5551234567@pbx.lan', user: '5551234567', host: null, display: '5551234567', kind: 'number' }],
    ['030/1234567', { uri: 'sip:0301234567@pbx.lan', user: '0301234567', host: null, display: '0301234567', kind: 'number' }],
    ['  +44 20 7946 0958  ', { uri: 'sip:+442079460958@pbx.lan', user: '+442079460958', host: null, display: '+442079460958', kind: 'number' }],
    ['5551234567', { uri: 'sip:5551234567@pbx.lan', user: '5551234567', host: null, display: '5551234567', kind: 'number' }],
    // Full-width (NFKC) and dash look-alikes
    ['０３－１２３４', { uri: 'sip:031234@pbx.lan', user: '031234', host: null, display: '031234', kind: 'number' }],
    ['＋８１　３\u30fc１２３４\u30fc５６７８', { uri: 'sip:+81312345678@pbx.lan', user: '+81312345678', host: null, display: '+81312345678', kind: 'number' }],
    ['（０３）１２３４－５６７８', { uri: 'sip:0312345678@pbx.lan', user: '0312345678', host: null, display: '0312345678', kind: 'number' }],
    ['555\u2013123\u20144567', { uri: 'sip:5551234567@pbx.lan', user: '5551234567', host: null, display: '5551234567', kind: 'number' }],
    // Invisible marks copied from web pages and mail are dropped
    ['\u202a+1 555 123 4567\u202c', { uri: 'sip:+15551234567@pbx.lan', user: '+15551234567', host: null, display: '+15551234567', kind: 'number' }],
    ['\ufeff1001\u200b', { uri: 'sip:1001@pbx.lan', user: '1001', host: null, display: '1001', kind: 'extension' }],
    // Extensions and feature codes
    ['1001', { uri: 'sip:1001@pbx.lan', user: '1001', host: null, display: '1001', kind: 'extension' }],
    ['１００１', { uri: 'sip:1001@pbx.lan', user: '1001', host: null, display: '1001', kind: 'extension' }],
    ['*97', { uri: 'sip:*97@pbx.lan', user: '*97', host: null, display: '*97', kind: 'extension' }],
    ['#21', { uri: 'sip:%2321@pbx.lan', user: '#21', host: null, display: '#21', kind: 'extension' }],
    ['*72 5551234567', { uri: 'sip:*725551234567@pbx.lan', user: '*725551234567', host: null, display: '*725551234567', kind: 'extension' }],
    ['123456', { uri: 'sip:123456@pbx.lan', user: '123456', host: null, display: '123456', kind: 'extension' }],
    ['1234567', { uri: 'sip:1234567@pbx.lan', user: '1234567', host: null, display: '1234567', kind: 'number' }],
    ['10-01', { uri: 'sip:1001@pbx.lan', user: '1001', host: null, display: '1001', kind: 'number' }],
    // tel: URIs
    ['tel:+1-555-123-4567', { uri: 'sip:+15551234567@pbx.lan', user: '+15551234567', host: null, display: '+15551234567', kind: 'number' }],
    ['tel:+1-555-123-4567;phone-context=example.com', { uri: 'sip:+15551234567@pbx.lan', user: '+15551234567', host: null, display: '+15551234567', kind: 'number' }],
    ['TEL:(03)1234-5678', { uri: 'sip:0312345678@pbx.lan', user: '0312345678', host: null, display: '0312345678', kind: 'number' }],
    ['tel:1001;phone-context=pbx.lan', { uri: 'sip:1001@pbx.lan', user: '1001', host: null, display: '1001', kind: 'extension' }],
    ['tel:+1.555.123.4567;ext=22', { uri: 'sip:+15551234567@pbx.lan', user: '+15551234567', host: null, display: '+15551234567', kind: 'number' }],
    // sip: / sips: URIs
    ['sip:alice@pbx.lan', { uri: 'sip:alice@pbx.lan', user: 'alice', host: 'pbx.lan', display: 'alice@pbx.lan', kind: 'uri' }],
    [
      'sip:1001@10.0.0.5:5060;transport=udp',
      { uri: 'sip:1001@10.0.0.5:5060;transport=udp', user: '1001', host: '10.0.0.5', display: '1001@10.0.0.5', kind: 'uri' },
    ],
    ['SIPS:Bob@PBX.Example.COM', { uri: 'sips:Bob@pbx.example.com', user: 'Bob', host: 'pbx.example.com', display: 'Bob@pbx.example.com', kind: 'uri' }],
    [
      'sip:+15551234567@gw.example.com;user=phone',
      { uri: 'sip:+15551234567@gw.example.com;user=phone', user: '+15551234567', host: 'gw.example.com', display: '+15551234567@gw.example.com', kind: 'uri' },
    ],
    ['sip:alice@[2001:db8::1]:5061;transport=tls', { uri: 'sip:alice@[2001:db8::1]:5061;transport=tls', user: 'alice', host: '[2001:db8::1]', display: 'alice@[2001:db8::1]', kind: 'uri' }],
    ['sip:john.o-brien_2@pbx.lan;lr', { uri: 'sip:john.o-brien_2@pbx.lan;lr', user: 'john.o-brien_2', host: 'pbx.lan', display: 'john.o-brien_2@pbx.lan', kind: 'uri' }],
    ['sip:%2321@pbx.lan', { uri: 'sip:%2321@pbx.lan', user: '%2321', host: 'pbx.lan', display: '%2321@pbx.lan', kind: 'uri' }],
    ['sip:a%20b@pbx.lan', { uri: 'sip:a%20b@pbx.lan', user: 'a%20b', host: 'pbx.lan', display: 'a%20b@pbx.lan', kind: 'uri' }],
    ['sip:alice@localhost', { uri: 'sip:alice@localhost', user: 'alice', host: 'localhost', display: 'alice@localhost', kind: 'uri' }],
    ['ｓｉｐ：ａｌｉｃｅ＠ｐｂｘ．ｌａｎ', { uri: 'sip:alice@pbx.lan', user: 'alice', host: 'pbx.lan', display: 'alice@pbx.lan', kind: 'uri' }],
    // Bare user@host
    ['alice@pbx.lan', { uri: 'sip:alice@pbx.lan', user: 'alice', host: 'pbx.lan', display: 'alice@pbx.lan', kind: 'uri' }],
    ['1001@10.0.0.5:5080', { uri: 'sip:1001@10.0.0.5:5080', user: '1001', host: '10.0.0.5', display: '1001@10.0.0.5', kind: 'uri' }],
    [' +15551234567@gw.example.com ', { uri: 'sip:+15551234567@gw.example.com', user: '+15551234567', host: 'gw.example.com', display: '+15551234567@gw.example.com', kind: 'uri' }],
  ];

  it.each(accepted.map(([input, target]) => [title(input), input, target] as const))('%s', (_title, input, target) => {
    expect(dial(input)).toEqual({ ok: true, target });
  });

  it.each(accepted.map(([input]) => [title(input), input] as const))('%s gives a URI that sip.js parses back unchanged', (_title, input) => {
    const result = dial(input);
    if (!result.ok) throw new Error(result.message);
    expect(Grammar.URIParse(result.target.uri)?.toString()).toBe(result.target.uri);
  });

  it('sends numbers to the seat domain, port included and lower-cased', () => {
    expect(normaliseDialString('1001', { domain: 'PBX.Example.com:5080' })).toMatchObject({
      ok: true,
      target: { uri: 'sip:1001@pbx.example.com:5080', host: null },
    });
    expect(normaliseDialString('tel:+1555', { domain: '10.0.0.5' })).toMatchObject({ ok: true, target: { uri: 'sip:+1555@10.0.0.5' } });
  });

  it('does not need the seat domain for a SIP address', () => {
    expect(normaliseDialString('sip:alice@pbx.lan', { domain: '' })).toMatchObject({ ok: true, target: { uri: 'sip:alice@pbx.lan' } });
  });

  it('classifies extensions by length only when typed without separators', () => {
    expect(normaliseDialString('12345678', { domain: 'pbx.lan', maxExtensionLength: 8 })).toMatchObject({ ok: true, target: { kind: 'extension' } });
    expect(normaliseDialString('1001', { domain: 'pbx.lan', maxExtensionLength: 3 })).toMatchObject({ ok: true, target: { kind: 'number' } });
    expect(normaliseDialString('*1234567890', { domain: 'pbx.lan', maxExtensionLength: 3 })).toMatchObject({ ok: true, target: { kind: 'extension' } });
  });

  it('accepts a number of exactly the maximum length', () => {
    expect(dial('1'.repeat(MAX_NUMBER_LENGTH)).ok).toBe(true);
    const user = 'a'.repeat(MAX_URI_LENGTH - 'sip:@pbx.lan'.length);
    expect(dial(`sip:${user}@pbx.lan`).ok).toBe(true);
  });
});

describe('normaliseDialString: refused input', () => {
  const refused: Array<[string, DialStringError]> = [
    // Empty
    ['', 'empty'],
    ['   ', 'empty'],
    ['\u3000\u3000', 'empty'],
    ['\u200b', 'empty'],
    // Too long
    ['1'.repeat(MAX_NUMBER_LENGTH + 1), 'too-long'],
    ['+1 (555) 123-4567'.repeat(4), 'too-long'],
    [`sip:${'a'.repeat(MAX_URI_LENGTH)}@pbx.lan`, 'too-long'],
    [`${'a'.repeat(MAX_URI_LENGTH)}@pbx.lan`, 'too-long'],
    [`tel:${'1'.repeat(MAX_NUMBER_LENGTH + 1)}`, 'too-long'],
    ['x'.repeat(100_000), 'too-long'],
    // Line breaks and control characters, raw or escaped
    ['1001\r\nBye: x', 'line-break'],
    ['1001\n', 'line-break'],
    ['\r1001', 'line-break'],
    ['sip:alice@pbx.lan\r\nRoute: <sip:evil>', 'line-break'],
    ['1001\u2028', 'line-break'],
    ['1001\u0085', 'line-break'],
    ['1001%0d%0aBye: x', 'line-break'],
    ['sip:alice%0D%0AVia:x@pbx.lan', 'line-break'],
    ['sip:alice@pbx.lan;x=%0a', 'line-break'],
    ['sip:alice%0a@pbx.lan', 'line-break'],
    ['１００１％０Ｄ％０Ａ', 'line-break'],
    ['1001\t', 'control-character'],
    ['10\u000001', 'control-character'],
    ['1001\u001b[2J', 'control-character'],
    ['1001\u007f', 'control-character'],
    ['1001\u009b', 'control-character'],
    ['sip:alice%00@pbx.lan', 'control-character'],
    ['sip:a%1f@pbx.lan', 'control-character'],
    ['sip:a%7F@pbx.lan', 'control-character'],
    // Injection characters
    ['1001>;evil', 'forbidden-character'],
    ['<sip:alice@pbx.lan>', 'forbidden-character'],
    ['"Alice" <sip:alice@pbx.lan>', 'forbidden-character'],
    ["sip:o'brien@pbx.lan", 'forbidden-character'],
    ['sip:alice\\@pbx.lan', 'forbidden-character'],
    ['sip:alice@pbx.lan,sip:bob@pbx.lan', 'forbidden-character'],
    ['1001,1002', 'forbidden-character'],
    ['1001;user=phone', 'forbidden-character'],
    ['555;ext=1', 'forbidden-character'],
    ['sip:alice @pbx.lan', 'forbidden-character'],
    ['sip:alice@pbx.lan ;transport=tcp', 'forbidden-character'],
    ['alice smith@pbx.lan', 'forbidden-character'],
    ['sip:al;ice@pbx.lan', 'forbidden-character'],
    ['tel:1001;x=a b', 'forbidden-character'],
    ['1001`id`', 'forbidden-character'],
    ['＜sip:alice@pbx.lan＞', 'forbidden-character'],
    // Letters and other junk in numbers
    ['1-800-FLOWERS', 'invalid-number'],
    ['alert(1)', 'invalid-number'],
    ['1001x', 'invalid-number'],
    ['1001!', 'invalid-number'],
    ['100%', 'invalid-number'],
    ['1001:5060', 'invalid-number'],
    ['+', 'invalid-number'],
    ['---', 'invalid-number'],
    ['1+555', 'invalid-number'],
    ['++15551234567', 'invalid-number'],
    ['+*97', 'invalid-number'],
    ['１２三', 'invalid-number'],
    ['١٢٣', 'invalid-number'],
    ['tel:', 'invalid-number'],
    ['tel:+1-555-CALL-NOW', 'invalid-number'],
    ['tel:1001@pbx.lan', 'invalid-number'],
    // Other schemes
    ['javascript:alert(1)', 'unsupported-scheme'],
    ['JavaScript:alert(1)', 'unsupported-scheme'],
    ['http://evil.example/x', 'unsupported-scheme'],
    ['https:pbx.lan', 'unsupported-scheme'],
    ['data:text/html,x', 'forbidden-character'],
    ['data:text/html;base64,x', 'forbidden-character'],
    ['data:text/html;base64;x', 'unsupported-scheme'],
    ['mailto:alice@pbx.lan', 'unsupported-scheme'],
    ['callto:1001', 'unsupported-scheme'],
    ['file:///etc/passwd', 'unsupported-scheme'],
    ['alice:secret@pbx.lan', 'unsupported-scheme'],
    // Headers and routing parameters
    ['sip:a@b?Subject=x', 'uri-headers'],
    ['sip:alice@pbx.lan?Replaces=abc%40host', 'uri-headers'],
    ['sip:alice@pbx.lan;transport=udp?Route=x', 'uri-headers'],
    ['alice@pbx.lan?x=y', 'uri-headers'],
    ['tel:+15551234567?x=y', 'uri-headers'],
    ['sip:a@b;maddr=1.2.3.4', 'forbidden-parameter'],
    ['sip:a@b;MAddr=1.2.3.4', 'forbidden-parameter'],
    ['sip:alice@pbx.lan;method=BYE', 'forbidden-parameter'],
    ['sip:alice@pbx.lan;transport=udp;maddr', 'forbidden-parameter'],
    ['tel:+1555;maddr=1.2.3.4', 'forbidden-parameter'],
    // Malformed SIP URIs
    ['sip:', 'invalid-uri'],
    ['sip:pbx.lan', 'invalid-uri'],
    ['sip:@pbx.lan', 'invalid-uri'],
    ['@pbx.lan', 'invalid-uri'],
    ['sip:alice@bob@pbx.lan', 'invalid-uri'],
    ['sip:alice:secret@pbx.lan', 'invalid-uri'],
    ['sip:al#ice@pbx.lan', 'invalid-uri'],
    ['sip:alice%2@pbx.lan', 'invalid-uri'],
    ['sip:alice%zz@pbx.lan', 'invalid-uri'],
    ['sip:alicé@pbx.lan', 'invalid-uri'],
    ['sip:alice@pbx.lan;', 'invalid-uri'],
    ['sip:alice@pbx.lan;;lr', 'invalid-uri'],
    ['sip:alice@pbx.lan;=x', 'invalid-uri'],
    ['sip:alice@pbx.lan;x=a#b', 'invalid-uri'],
    // Bad hosts
    ['sip:alice@', 'invalid-host'],
    ['sip:alice@pbx..lan', 'invalid-host'],
    ['sip:alice@-pbx.lan', 'invalid-host'],
    ['sip:alice@pbx_lan', 'invalid-host'],
    ['sip:alice@10.0.0', 'invalid-host'],
    ['sip:alice@10.0.0.256', 'invalid-host'],
    ['sip:alice@pbx.lan:0', 'invalid-host'],
    ['sip:alice@pbx.lan:65536', 'invalid-host'],
    ['sip:alice@pbx.lan:50a', 'invalid-host'],
    ['sip:alice@pbx.lan:', 'invalid-host'],
    ['sip:alice@pbx.lan:5060:5061', 'invalid-host'],
    ['sip:alice@[2001:db8::1', 'invalid-host'],
    ['sip:alice@[2001::db8::1]', 'invalid-host'],
    ['sip:alice@[::1]5060', 'invalid-host'],
    ['sip:alice@[pbx.lan]', 'invalid-host'],
    ['sip:alice@例え.jp', 'invalid-host'],
    [`sip:alice@${'a'.repeat(64)}.lan`, 'invalid-host'],
  ];

  it.each(refused.map(([input, error]) => [title(input), error, input] as const))('%s → %s', (_title, error, input) => {
    const result = dial(input);
    expect(result).toMatchObject({ ok: false, error });
    if (result.ok) return;
    expect(DIAL_STRING_ERRORS).toContain(result.error);
    // A sentence for a person, with nothing of the dangerous input echoed back.
    expect(result.message).toMatch(/^[A-Z"].*[.]$/);
    expect([...result.message].filter((c) => c < ' ' || (c >= '\u007f' && c <= '\u009f'))).toEqual([]);
    expect(result.message).not.toContain('evil');
  });

  it('refuses a number when the seat domain is not a plain host', () => {
    for (const domain of ['', 'pbx lan', 'pbx.lan;maddr=1.2.3.4', 'pbx.lan?x=y', 'evil@pbx.lan', 'pbx.lan\r\nX: y', '-bad']) {
      expect(normaliseDialString('1001', { domain })).toMatchObject({ ok: false, error: 'invalid-domain' });
    }
  });

  it('names the scheme it refuses, but not one of any length', () => {
    expect(dial('javascript:alert(1)')).toMatchObject({ message: expect.stringContaining('"javascript:"') });
    const long = dial(`${'x'.repeat(40)}:y`);
    expect(long).toMatchObject({ ok: false, error: 'unsupported-scheme' });
    if (!long.ok) expect(long.message).not.toContain('xxxxxxxx');
  });

  it('never echoes an invisible or non-ASCII character in a message', () => {
    const result = dial('1001\u0663');
    expect(result).toMatchObject({ ok: false, error: 'invalid-number', message: expect.stringMatching(/^That character/) });
    expect(dial('1001!')).toMatchObject({ message: expect.stringMatching(/^"!" is not allowed/) });
  });
});

describe('DTMF', () => {
  it.each([...'0123456789*#ABCD'])('%s is a DTMF digit', (c) => {
    expect(isDtmfDigit(c)).toBe(true);
  });

  it.each(['', 'a', 'd', 'E', 'p', 'w', ',', ' ', '+', '12', '１', '\n', '*#'])('%j is not', (c) => {
    expect(isDtmfDigit(c)).toBe(false);
  });

  it.each([
    ['1234#', '1234#'],
    ['*97', '*97'],
    ['abcd', 'ABCD'],
    ['１２３＃', '123#'],
    ['1234 5678 #', '12345678#'],
    ['12-34-56', '123456'],
    ['(0)1.2/3', '0123'],
    ['\u200b42\u200e', '42'],
  ])('normaliseDtmf(%j) → %j', (input, digits) => {
    expect(normaliseDtmf(input)).toEqual({ ok: true, digits });
  });

  it.each([
    ['', 'empty'],
    ['  - ', 'empty'],
    ['12e4', 'invalid-digit'],
    ['1234,,5', 'invalid-digit'],
    ['12p34', 'invalid-digit'],
    ['1+2', 'invalid-digit'],
    ['12\n34', 'invalid-digit'],
    ['12\t', 'invalid-digit'],
    ['１２三', 'invalid-digit'],
    ['1'.repeat(65), 'too-long'],
    ['1'.repeat(10_000), 'too-long'],
  ])('normaliseDtmf(%j) is refused (%s)', (input, error) => {
    const result = normaliseDtmf(input);
    expect(result).toMatchObject({ ok: false, error });
    if (!result.ok) expect(result.message).not.toMatch(/[\r\n\t]/);
  });

  it('refuses the whole string rather than sending part of it', () => {
    expect(normaliseDtmf('1234x')).toMatchObject({ ok: false, message: '"x" is not a keypad digit. Use 0-9, *, # or A-D.' });
    expect(normaliseDtmf('12\n')).toMatchObject({ ok: false, message: 'That character is not a keypad digit. Use 0-9, *, # or A-D.' });
  });
});

describe('named users', () => {
  it('dials a bare name as a user at the seat domain', () => {
    const r = normaliseDialString('sales-queue', { domain: 'pbx.lan' });
    expect(r).toEqual({ ok: true, target: { uri: 'sip:sales-queue@pbx.lan', user: 'sales-queue', host: null, display: 'sales-queue', kind: 'extension' } });
    expect(normaliseDialString('alice', { domain: '127.0.0.1:5060' })).toMatchObject({ ok: true, target: { uri: 'sip:alice@127.0.0.1:5060' } });
  });

  it('still refuses names with anything but letters, digits, dot, dash and underscore', () => {
    for (const bad of ['alice bob', 'alice;x=1', 'alice>', 'alice"']) expect(normaliseDialString(bad, { domain: 'pbx.lan' }).ok, bad).toBe(false);
  });
});
