// Runs in: Electron main. Where the app's own content comes from, and whether a URL is ours.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

export type AppLocation =
  /** Built renderer on disk (production, `npm start`). */
  | { kind: 'file'; indexFile: string; rootUrl: URL }
  /** electron-vite's dev server (`npm run dev`), never in a packaged app. */
  | { kind: 'dev'; url: string; origin: string };

export interface AppLocationInput {
  /** Folder holding the built renderer (index.html and its assets). */
  rendererDir: string;
  /** `ELECTRON_RENDERER_URL`, set by `electron-vite dev`. */
  devServerUrl?: string | undefined;
  /** `app.isPackaged`: a packaged app ignores the dev server variable. */
  packaged: boolean;
}

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

export function resolveAppLocation(input: AppLocationInput): AppLocation {
  if (!input.packaged && input.devServerUrl) {
    const url = parseUrl(input.devServerUrl);
    // Only a loopback http(s) dev server: the variable must not point the privileged window elsewhere.
    if (url && (url.protocol === 'http:' || url.protocol === 'https:') && LOOPBACK_HOSTS.has(url.hostname)) {
      return { kind: 'dev', url: url.href, origin: url.origin };
    }
  }
  const rootUrl = pathToFileURL(join(input.rendererDir, '/'));
  if (!rootUrl.pathname.endsWith('/')) rootUrl.pathname += '/';
  return { kind: 'file', indexFile: join(input.rendererDir, 'index.html'), rootUrl };
}

/** True for the app's own documents: files under the renderer folder, or the dev server's origin. */
export function isAppUrl(location: AppLocation, candidate: string): boolean {
  const url = parseUrl(candidate);
  if (!url) return false;
  if (location.kind === 'dev') return url.origin === location.origin;
  return url.protocol === 'file:' && url.host === location.rootUrl.host && url.pathname.startsWith(location.rootUrl.pathname);
}

function parseUrl(value: string): URL | null {
  try {
    return new URL(value);
  } catch {
    return null;
  }
}
