import { describe, expect, it } from 'vitest';
import { IPC_DIAL_CHANNEL } from '../../../shared/contracts/ipc.ts';
import { createDialForwarder } from '../../../electron/main/dial-forwarder.ts';

describe('click-to-dial forwarding to the console', () => {
  it('sends URLs to the ready console, and keeps the latest few until one is ready', () => {
    const sent: [string, string][] = [];
    const target = { send: (channel: string, url: string) => sent.push([channel, url]) };
    const f = createDialForwarder();
    f.dial(['tel:1', 'tel:2', 'tel:3', 'tel:4', 'tel:5', 'tel:6']);
    expect(sent).toEqual([]);
    f.ready(target);
    expect(sent.map(([, u]) => u)).toEqual(['tel:2', 'tel:3', 'tel:4', 'tel:5', 'tel:6']);
    expect(sent.every(([c]) => c === IPC_DIAL_CHANNEL)).toBe(true);
    f.dial(['sip:bob@pbx.lan']);
    expect(sent.at(-1)).toEqual([IPC_DIAL_CHANNEL, 'sip:bob@pbx.lan']);
    f.lost();
    f.dial(['tel:7']);
    expect(sent).toHaveLength(6);
  });
});
