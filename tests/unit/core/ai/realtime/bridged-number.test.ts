import { describe, expect, it } from 'vitest';
import { dialledNumber } from '../../../../../electron/core/ai/realtime/sip-party.ts';

const to = { name: 'To', value: '<sip:proj_earshot@sip.api.openai.com>' };

describe('dialledNumber of a call bridged from Twilio (X-Earshot-Number)', () => {
  it('takes the bridged number before To, in any header case, unescaped if it still carries the URI escapes', () => {
    expect(dialledNumber([to, { name: 'X-Earshot-Number', value: '+15551112222' }])).toBe('+15551112222');
    expect(dialledNumber([to, { name: 'x-earshot-number', value: '%2B15551112222' }])).toBe('+15551112222');
    expect(dialledNumber([{ name: 'To', value: '<sip:+81399998888@x>' }, { name: 'X-Earshot-Number', value: '+81312345678' }])).toBe('0312345678');
  });

  it('ignores a bridged value that is no phone number: To decides', () => {
    expect(dialledNumber([to, { name: 'X-Earshot-Number', value: 'sales desk' }])).toBe('proj_earshot');
    expect(dialledNumber([to, { name: 'X-Earshot-Number', value: '%E0%A4%A' }])).toBe('proj_earshot');
    expect(dialledNumber([{ name: 'To', value: '<sip:+81312345678@x>' }, { name: 'X-Earshot-Number', value: '' }])).toBe('0312345678');
  });
});
