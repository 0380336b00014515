import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type LaunchOptions } from 'playwright-core';
import { repoRoot } from './proc.ts';

export const ARTIFACTS_DIR = join(repoRoot, 'tests', 'artifacts');

/**
 * Debian's Chromium, headless. The background-networking flags keep it from calling home on a
 * closed network; loopback ICE is needed for WebRTC inside the test network namespace.
 */
export function launchChromium(extra: LaunchOptions = {}): Promise<Browser> {
  return chromium.launch({
    ...extra,
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--allow-loopback-in-peer-connection',
      '--use-fake-ui-for-media-stream',
      ...(extra.args ?? []),
    ],
  });
}

export function artifactPath(name: string): string {
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  return join(ARTIFACTS_DIR, name);
}
