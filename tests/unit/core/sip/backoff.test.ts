import { describe, expect, it } from 'vitest';
import { Backoff } from '../../../../electron/core/sip/backoff.ts';

describe('reconnect back-off', () => {
  it('doubles from the minimum up to the cap, with ±20 % jitter, and starts over on reset', () => {
    const mid = new Backoff(1000, 30_000, () => 0.5);
    expect([1, 2, 3, 4, 5, 6, 7].map(() => mid.next())).toEqual([1000, 2000, 4000, 8000, 16_000, 30_000, 30_000]);
    mid.reset();
    expect(mid.next()).toBe(1000);
    expect(new Backoff(1000, 30_000, () => 0).next()).toBe(800);
    expect(new Backoff(1000, 30_000, () => 0.999_999).next()).toBe(1200);
  });
});
