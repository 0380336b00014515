import { describe, expect, it } from 'vitest';
import { desktopCoreOptions, parsePort } from '../../../electron/main/core-options.ts';

const secretBox = { scheme: 'test', seal: (s: string) => s, open: (s: string) => s };

describe('desktopCoreOptions', () => {
  it('runs the core for IPC only by default, in the user data folder', () => {
    const lines: string[] = [];
    const options = desktopCoreOptions({ userDataDir: '/home/a/.config/Earshot', secretBox, env: {}, log: (l) => lines.push(l) });
    expect(options).toMatchObject({ dataDir: '/home/a/.config/Earshot', secretBox, api: false, rendererDir: false });
    expect(lines).toEqual([]);
  });

  it('starts the API on 127.0.0.1 when EARSHOT_API_PORT is set', () => {
    const options = desktopCoreOptions({ userDataDir: '/d', secretBox, env: { EARSHOT_API_PORT: '7300' }, log: () => {} });
    expect(options.api).toEqual({ host: '127.0.0.1', port: 7300 });
  });

  it('ignores a bad port, saying so', () => {
    const lines: string[] = [];
    const options = desktopCoreOptions({ userDataDir: '/d', secretBox, env: { EARSHOT_API_PORT: 'http' }, log: (l) => lines.push(l) });
    expect(options.api).toBe(false);
    expect(lines).toHaveLength(1);
  });

  it('parsePort accepts 1..65535 only', () => {
    expect(parsePort('1')).toBe(1);
    expect(parsePort(' 65535 ')).toBe(65535);
    for (const bad of ['0', '65536', '-1', '7300.5', '', '0x10', undefined]) expect(parsePort(bad)).toBeNull();
  });
});
