import type { OnHeadersReceivedListenerDetails, HeadersReceivedResponse, Session } from 'electron';
import { describe, expect, it } from 'vitest';
import { appCsp, installCsp } from '../../../electron/main/csp.ts';

type Listener = (details: OnHeadersReceivedListenerDetails, callback: (r: HeadersReceivedResponse) => void) => void;

function capture(): { webRequest: Pick<Session['webRequest'], 'onHeadersReceived'>; run(url: string, headers?: Record<string, string[]>): HeadersReceivedResponse } {
  let listener: Listener | null = null;
  const webRequest = {
    onHeadersReceived: (l: Listener) => {
      listener = l;
    },
  } as unknown as Pick<Session['webRequest'], 'onHeadersReceived'>;
  return {
    webRequest,
    run(url, headers = {}) {
      let response: HeadersReceivedResponse | null = null;
      listener!({ url, responseHeaders: headers, resourceType: 'mainFrame' } as unknown as OnHeadersReceivedListenerDetails, (r) => {
        response = r;
      });
      return response!;
    },
  };
}

describe('appCsp', () => {
  it('is strict in production', () => {
    const csp = appCsp();
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self' 'wasm-unsafe-eval';");
    expect(csp).toContain("connect-src 'self' ws://127.0.0.1:*;");
    expect(csp).toContain("media-src 'self' blob: mediastream:");
    expect(csp).toContain("img-src 'self' data:");
    expect(csp).toContain("object-src 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain("'unsafe-eval'");
  });

  it('lets the dev server run its inline preamble and HMR socket', () => {
    const csp = appCsp('http://localhost:5173');
    expect(csp).toContain("'unsafe-inline'");
    expect(csp).toContain('ws://localhost:5173');
  });
});

describe('installCsp', () => {
  const isApp = (url: string): boolean => url.startsWith('file:///app/');

  it('sets the policy on app responses, replacing any other', () => {
    const c = capture();
    installCsp(c.webRequest, isApp, 'default-src x');
    const r = c.run('file:///app/index.html', { 'content-security-policy': ['*'], 'X-Other': ['1'] });
    expect(r.responseHeaders).toEqual({ 'Content-Security-Policy': ['default-src x'], 'X-Other': ['1'] });
  });

  it('leaves other responses untouched', () => {
    const c = capture();
    installCsp(c.webRequest, isApp, 'default-src x');
    expect(c.run('https://example.com/')).toEqual({});
  });
});
