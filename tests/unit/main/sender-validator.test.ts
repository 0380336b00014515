import { describe, expect, it } from 'vitest';
import { isTrustedSender } from '../../../electron/main/sender-validator.ts';
import { APP_URL, invokeEvent } from './fakes.ts';

const policy = { isAppUrl: (url: string) => url.startsWith('file:///opt/earshot/out/renderer/'), isOurContents: (id: number) => id === 1 };

describe('isTrustedSender', () => {
  it("accepts our window's main frame on the app URL", () => {
    expect(isTrustedSender(policy, invokeEvent({ id: 1 }, APP_URL))).toBe(true);
  });

  it('rejects a foreign URL in our window', () => {
    expect(isTrustedSender(policy, invokeEvent({ id: 1 }, 'https://evil.example/'))).toBe(false);
  });

  it('rejects a subframe, even on the app URL', () => {
    expect(isTrustedSender(policy, invokeEvent({ id: 1 }, APP_URL, true))).toBe(false);
  });

  it('rejects web contents that are not one of our windows', () => {
    expect(isTrustedSender(policy, invokeEvent({ id: 7 }, APP_URL))).toBe(false);
  });

  it('rejects an event without a frame (destroyed or navigated away)', () => {
    expect(isTrustedSender(policy, { sender: { id: 1 }, senderFrame: null } as never)).toBe(false);
  });
});
