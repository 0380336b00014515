import { describe, expect, it } from 'vitest';
import { isAppUrl, resolveAppLocation } from '../../../electron/main/app-location.ts';

const rendererDir = '/opt/earshot/out/renderer';

describe('resolveAppLocation', () => {
  it('uses the built files when packaged, even if a dev server variable is set', () => {
    const loc = resolveAppLocation({ rendererDir, devServerUrl: 'http://localhost:5173', packaged: true });
    expect(loc).toMatchObject({ kind: 'file', indexFile: '/opt/earshot/out/renderer/index.html' });
  });

  it('uses a loopback dev server when not packaged', () => {
    const loc = resolveAppLocation({ rendererDir, devServerUrl: 'http://localhost:5173/', packaged: false });
    expect(loc).toEqual({ kind: 'dev', url: 'http://localhost:5173/', origin: 'http://localhost:5173' });
  });

  it('ignores a dev server variable that points off this machine', () => {
    for (const devServerUrl of ['http://evil.example:5173', 'file:///etc/passwd', 'not a url']) {
      expect(resolveAppLocation({ rendererDir, devServerUrl, packaged: false }).kind).toBe('file');
    }
  });
});

describe('isAppUrl', () => {
  const file = resolveAppLocation({ rendererDir, packaged: true });
  const dev = resolveAppLocation({ rendererDir, devServerUrl: 'http://127.0.0.1:5173', packaged: false });

  it('accepts files under the renderer folder', () => {
    expect(isAppUrl(file, 'file:///opt/earshot/out/renderer/index.html')).toBe(true);
    expect(isAppUrl(file, 'file:///opt/earshot/out/renderer/index.html#/calls')).toBe(true);
    expect(isAppUrl(file, 'file:///opt/earshot/out/renderer/assets/vad.onnx')).toBe(true);
  });

  it('rejects other files, escapes and other schemes', () => {
    expect(isAppUrl(file, 'file:///opt/earshot/out/renderer-evil/index.html')).toBe(false);
    expect(isAppUrl(file, 'file:///opt/earshot/out/renderer/../main/index.js')).toBe(false);
    expect(isAppUrl(file, 'file:///opt/earshot/out/renderer/%2e%2e/main/index.js')).toBe(false);
    expect(isAppUrl(file, 'file://host/opt/earshot/out/renderer/index.html')).toBe(false);
    expect(isAppUrl(file, 'https://example.com/')).toBe(false);
    expect(isAppUrl(file, 'garbage')).toBe(false);
  });

  it('accepts only the dev server origin in dev', () => {
    expect(isAppUrl(dev, 'http://127.0.0.1:5173/src/main.tsx')).toBe(true);
    expect(isAppUrl(dev, 'http://127.0.0.1:5174/')).toBe(false);
    expect(isAppUrl(dev, 'http://localhost:5173/')).toBe(false);
    expect(isAppUrl(dev, 'file:///opt/earshot/out/renderer/index.html')).toBe(false);
  });
});
