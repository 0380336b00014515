import { describe, expect, it } from 'vitest';
import { twilioSignature, urlVariants, verifyTwilioSignature } from '../../../../../electron/core/api/dialects/phony/twilio-signature.ts';
import { dialSipTwiml } from '../../../../../electron/core/api/dialects/phony/twiml.ts';

const URL = 'https://mycompany.com/myapp.php?foo=1&bar=2';
const params = (caller: string) => ({ CallSid: 'CA1234567890ABCDE', Caller: caller, Digits: '1234', From: caller, To: '+18005551212' });

describe('X-Twilio-Signature', () => {
  it("reproduces Twilio's published reference signatures", () => {
    // Twilio's webhook-security documentation (auth token 12345, this URL and these params).
    expect(twilioSignature('12345', URL, params('+14158675310'))).toBe('GvWf1cFY/Q7PnoempGyD5oXAezc=');
    // The same example with the numbers of twilio-node's own validation test fixture.
    expect(twilioSignature('12345', URL, params('+14158675309'))).toBe('RSOYDt4T1cUTdK1PDd93/VVr8B8=');
    expect(verifyTwilioSignature('12345', 'GvWf1cFY/Q7PnoempGyD5oXAezc=', URL, params('+14158675310'))).toBe(true);
  });

  it('signs the URL followed by name+value pairs in name order (form order does not matter)', () => {
    const p = params('+12349013030');
    const reversed = Object.fromEntries(Object.entries(p).reverse());
    expect(twilioSignature('12345', URL, reversed)).toBe(twilioSignature('12345', URL, p));
    expect(twilioSignature('12345', URL, new URLSearchParams(p))).toBe('0/KCTR6DLpKmkAf8muzZqo1nDgQ=');
  });

  it('fails when one byte changes: in the signature, a parameter, the URL or the token', () => {
    const p = params('+14158675310');
    const good = 'GvWf1cFY/Q7PnoempGyD5oXAezc=';
    expect(verifyTwilioSignature('12345', `H${good.slice(1)}`, URL, p)).toBe(false);
    expect(verifyTwilioSignature('12345', good, URL, { ...p, Digits: '1235' })).toBe(false);
    expect(verifyTwilioSignature('12345', good, URL.replace('foo=1', 'foo=2'), p)).toBe(false);
    expect(verifyTwilioSignature('12346', good, URL, p)).toBe(false);
    expect(verifyTwilioSignature('12345', '', URL, p)).toBe(false);
    expect(verifyTwilioSignature('12345', good.slice(0, -1), URL, p)).toBe(false);
  });

  it('accepts the URL with or without the default port, as Twilio’s validators do', () => {
    expect(urlVariants('https://a.example/x?y=1')).toEqual(['https://a.example/x?y=1', 'https://a.example:443/x?y=1']);
    expect(urlVariants('http://a.example:80/x')).toEqual(['http://a.example/x', 'http://a.example:80/x']);
    expect(urlVariants('http://127.0.0.1:7300/receive_call')).toEqual(['http://127.0.0.1:7300/receive_call']);
    const withPort = twilioSignature('12345', 'https://mycompany.com:443/myapp.php?foo=1&bar=2', params('+14158675310'));
    expect(verifyTwilioSignature('12345', withPort, URL, params('+14158675310'))).toBe(true);
  });

  it('a repeated parameter signs each value, values sorted', () => {
    const form = new URLSearchParams('b=2&a=z&a=y');
    expect(twilioSignature('t', 'https://x.example/', form)).toBe(twilioSignature('t', 'https://x.example/', { a: ['y', 'z'], b: '2' }));
  });
});

describe('TwiML', () => {
  it('bridges to the SIP address with the X- headers in the URI, escaped for XML', () => {
    expect(dialSipTwiml('sip:proj_1@sip.api.openai.com;transport=tls', { 'X-Earshot-Call-Sid': 'CA1', 'X-Earshot-Number': '+15559876543' })).toBe(
      '<?xml version="1.0" encoding="UTF-8"?>\n<Response><Dial answerOnBridge="true"><Sip>sip:proj_1@sip.api.openai.com;transport=tls?X-Earshot-Call-Sid=CA1&amp;X-Earshot-Number=%2B15559876543</Sip></Dial></Response>',
    );
  });
});
