// Runs in: Electron main. The Content-Security-Policy header on the app's own responses.
import type { Session } from 'electron';

/**
 * Production policy. renderer/index.html carries the same policy in a <meta> tag; the header
 * adds what a meta tag cannot (frame-ancestors) and holds even if the page's markup changes.
 */
export function appCsp(devOrigin?: string): string {
  const dev = devOrigin !== undefined;
  const devWs = dev ? ` ${devOrigin.replace(/^http/, 'ws')}` : '';
  const directives = [
    "default-src 'self'",
    // The dev server's React refresh preamble is an inline script; never in a build.
    `script-src 'self' 'wasm-unsafe-eval'${dev ? " 'unsafe-inline'" : ''}`,
    `style-src 'self'${dev ? " 'unsafe-inline'" : ''}`,
    "img-src 'self' data:",
    "media-src 'self' blob: mediastream:",
    `connect-src 'self' ws://127.0.0.1:*${devWs}`,
    "font-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ];
  return directives.join('; ');
}

type WebRequestLike = Pick<Session['webRequest'], 'onHeadersReceived'>;

/** Sets `policy` on every response for an app URL; other responses pass untouched. */
export function installCsp(webRequest: WebRequestLike, isAppUrl: (url: string) => boolean, policy: string): void {
  webRequest.onHeadersReceived((details, callback) => {
    if (!isAppUrl(details.url)) {
      callback({});
      return;
    }
    const headers: Record<string, string | string[]> = {};
    for (const [name, value] of Object.entries(details.responseHeaders ?? {})) {
      if (name.toLowerCase() !== 'content-security-policy') headers[name] = value;
    }
    headers['Content-Security-Policy'] = [policy];
    callback({ responseHeaders: headers });
  });
}
