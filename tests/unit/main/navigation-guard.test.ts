import type { Shell, WebContents } from 'electron';
import { describe, expect, it } from 'vitest';
import { guardNavigation, isExternalLink } from '../../../electron/main/navigation-guard.ts';
import { APP_URL, FakeWebContents, fakeEvent } from './fakes.ts';

function setup(): { contents: FakeWebContents; opened: string[] } {
  const contents = new FakeWebContents(1);
  const opened: string[] = [];
  const shell: Pick<Shell, 'openExternal'> = {
    openExternal: (url) => {
      opened.push(url);
      return Promise.resolve();
    },
  };
  guardNavigation(contents as unknown as WebContents, (url) => url.startsWith('file:///opt/earshot/out/renderer/'), shell);
  return { contents, opened };
}

describe('navigation guard', () => {
  it('lets the app navigate within itself', () => {
    const { contents } = setup();
    const event = fakeEvent({ url: `${APP_URL}#/history` });
    contents.emit('will-navigate', event, event.url);
    expect(event.defaultPrevented).toBe(false);
  });

  it('prevents navigation anywhere else', () => {
    const { contents } = setup();
    for (const url of ['https://example.com/', 'file:///etc/passwd', 'http://127.0.0.1:7300/']) {
      const event = fakeEvent({ url });
      contents.emit('will-navigate', event, url);
      expect(event.defaultPrevented).toBe(true);
    }
  });

  it('never attaches a webview', () => {
    const { contents } = setup();
    const event = fakeEvent();
    contents.emit('will-attach-webview', event);
    expect(event.defaultPrevented).toBe(true);
  });

  it('denies every new window and opens only https links externally', () => {
    const { contents, opened } = setup();
    for (const url of ['https://docs.example.com/help', 'http://example.com/', 'file:///etc/passwd', 'javascript:alert(1)', APP_URL]) {
      expect(contents.windowOpenHandler!({ url })).toEqual({ action: 'deny' });
    }
    expect(opened).toEqual(['https://docs.example.com/help']);
  });

  it('isExternalLink is https only', () => {
    expect(isExternalLink('https://a.example/')).toBe(true);
    expect(isExternalLink('http://a.example/')).toBe(false);
    expect(isExternalLink('sip:100@pbx')).toBe(false);
    expect(isExternalLink('nonsense')).toBe(false);
  });
});
