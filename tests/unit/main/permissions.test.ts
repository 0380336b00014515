import type { Session } from 'electron';
import { describe, expect, it } from 'vitest';
import { allowPermissionCheck, allowPermissionRequest, installPermissionHandlers } from '../../../electron/main/permissions.ts';
import { APP_URL } from './fakes.ts';

const policy = { isAppUrl: (url: string) => url.startsWith('file:///opt/earshot/out/renderer/'), isOurContents: (id: number) => id === 1 };
const ours = { id: 1 };
const foreign = { id: 2 };

describe('permission requests', () => {
  const mic = { isMainFrame: true, requestingUrl: APP_URL, mediaTypes: ['audio' as const] };

  it('grants the microphone to our window', () => {
    expect(allowPermissionRequest(policy, ours, 'media', mic)).toBe(true);
  });

  it('refuses the camera, other permissions, other origins, subframes and other contents', () => {
    expect(allowPermissionRequest(policy, ours, 'media', { ...mic, mediaTypes: ['audio', 'video'] })).toBe(false);
    expect(allowPermissionRequest(policy, ours, 'media', { ...mic, mediaTypes: [] })).toBe(false);
    expect(allowPermissionRequest(policy, ours, 'geolocation', mic)).toBe(false);
    expect(allowPermissionRequest(policy, ours, 'notifications', mic)).toBe(false);
    expect(allowPermissionRequest(policy, ours, 'display-capture', mic)).toBe(false);
    expect(allowPermissionRequest(policy, ours, 'media', { ...mic, requestingUrl: 'https://evil.example/' })).toBe(false);
    expect(allowPermissionRequest(policy, ours, 'media', { ...mic, isMainFrame: false })).toBe(false);
    expect(allowPermissionRequest(policy, foreign, 'media', mic)).toBe(false);
  });
});

describe('permission checks', () => {
  const check = { isMainFrame: true, requestingUrl: APP_URL, mediaType: 'audio' as const };

  it('answers media checks for our window (device labels)', () => {
    expect(allowPermissionCheck(policy, ours, 'media', check)).toBe(true);
    expect(allowPermissionCheck(policy, ours, 'media', { ...check, mediaType: 'unknown' })).toBe(true);
  });

  it('refuses everything else', () => {
    expect(allowPermissionCheck(policy, ours, 'media', { ...check, mediaType: 'video' })).toBe(false);
    expect(allowPermissionCheck(policy, ours, 'clipboard-read', check)).toBe(false);
    expect(allowPermissionCheck(policy, ours, 'media', { ...check, requestingUrl: 'https://evil.example/' })).toBe(false);
    expect(allowPermissionCheck(policy, ours, 'media', { isMainFrame: true, mediaType: 'audio' })).toBe(false);
    expect(allowPermissionCheck(policy, null, 'media', check)).toBe(false);
    expect(allowPermissionCheck(policy, foreign, 'media', check)).toBe(false);
  });
});

describe('installPermissionHandlers', () => {
  it('wires both handlers into the session', () => {
    const installed: Record<string, (...args: never[]) => unknown> = {};
    const session = {
      setPermissionRequestHandler: (h: (...args: never[]) => unknown) => (installed['request'] = h),
      setPermissionCheckHandler: (h: (...args: never[]) => unknown) => (installed['check'] = h),
    } as unknown as Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler'>;
    installPermissionHandlers(session, policy);

    const answers: boolean[] = [];
    const request = installed['request'] as unknown as (c: unknown, p: string, cb: (b: boolean) => void, d: unknown) => void;
    request(ours, 'media', (b) => answers.push(b), { isMainFrame: true, requestingUrl: APP_URL, mediaTypes: ['audio'] });
    request(ours, 'midi', (b) => answers.push(b), { isMainFrame: true, requestingUrl: APP_URL });
    expect(answers).toEqual([true, false]);

    const checkFn = installed['check'] as unknown as (c: unknown, p: string, o: string, d: unknown) => boolean;
    expect(checkFn(ours, 'media', 'file:///', { isMainFrame: true, requestingUrl: APP_URL, mediaType: 'audio' })).toBe(true);
    expect(checkFn(ours, 'hid', 'file:///', { isMainFrame: true, requestingUrl: APP_URL })).toBe(false);
  });
});
