import type { App } from 'electron';
import { describe, expect, it } from 'vitest';
import { claimSingleInstance, extractDialUrls } from '../../../electron/main/single-instance.ts';
import { FakeEmitter } from './fakes.ts';

describe('extractDialUrls', () => {
  it('picks tel:, sip: and sips: URLs out of a command line', () => {
    const argv = ['/opt/Earshot/earshot', '--no-sandbox', 'tel:+4930123456', 'SIP:alice@pbx.example', 'sips:bob@pbx.example;transport=tls', '.'];
    expect(extractDialUrls(argv)).toEqual(['tel:+4930123456', 'SIP:alice@pbx.example', 'sips:bob@pbx.example;transport=tls']);
  });

  it('ignores other schemes, flags, empty and oversized values', () => {
    expect(
      extractDialUrls(['https://example.com', '--tel:123', 'tel:', 'callto:123', 'file:///tmp/x', `tel:${'1'.repeat(3000)}`, 'tel:1 2']),
    ).toEqual([]);
  });
});

describe('claimSingleInstance', () => {
  class FakeApp extends FakeEmitter {
    private readonly lock: boolean;
    constructor(lock: boolean) {
      super();
      this.lock = lock;
    }
    requestSingleInstanceLock(): boolean {
      return this.lock;
    }
  }

  it('returns false when another instance holds the lock', () => {
    const app = new FakeApp(false);
    expect(claimSingleInstance(app as unknown as App, { focus: () => {}, dial: () => {} })).toBe(false);
    expect(app.count('second-instance')).toBe(0);
  });

  it('focuses and forwards dial URLs when a second instance starts', () => {
    const app = new FakeApp(true);
    const seen: string[] = [];
    expect(claimSingleInstance(app as unknown as App, { focus: () => seen.push('focus'), dial: (urls) => seen.push(...urls) })).toBe(true);
    app.emit('second-instance', {}, ['/opt/Earshot/earshot', 'tel:100'], '/home/a', {});
    app.emit('second-instance', {}, ['/opt/Earshot/earshot'], '/home/a', {});
    expect(seen).toEqual(['focus', 'tel:100', 'focus']);
  });
});
