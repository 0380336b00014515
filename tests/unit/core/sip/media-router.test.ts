import { describe, expect, it } from 'vitest';
import type { MediaRequest } from '../../../../shared/contracts/media-bridge.ts';
import { MediaRouter } from '../../../../electron/core/sip/media-router.ts';

describe('media router', () => {
  it('sends a line’s requests to the console it started on and answers them with its replies', async () => {
    const router = new MediaRouter();
    const first: MediaRequest[] = [];
    const second: MediaRequest[] = [];
    router.addEndpoint((r) => first.push(r));
    expect(router.bindLine('a')).toBe(true);
    router.addEndpoint((r) => second.push(r));
    const asked = router.ask({ op: 'mute', line_id: 'a', muted: true });
    expect(first.map((r) => r.op)).toEqual(['mute']);
    expect(second).toEqual([]);
    router.reply({ request_id: first[0]!.request_id, ok: true });
    expect(await asked).toMatchObject({ ok: true });
  });

  it('a console that goes away fails its pending requests; its lines move to the next console, which is told', async () => {
    const router = new MediaRouter();
    const adopted: string[][] = [];
    router.onAdopt = (ids) => adopted.push(ids);
    const remove = router.addEndpoint(() => undefined);
    router.bindLine('a');
    router.bindLine('b');
    const pending = router.ask({ op: 'close', line_id: 'a' });
    remove();
    expect(await pending).toMatchObject({ ok: false, error: expect.stringMatching(/went away/) });
    const later: MediaRequest[] = [];
    router.addEndpoint((r) => later.push(r));
    expect(adopted).toEqual([['a', 'b']]);
    void router.ask({ op: 'mute', line_id: 'b', muted: false });
    expect(later.map((r) => r.line_id)).toEqual(['b']);
    router.addEndpoint(() => undefined);
    expect(adopted).toHaveLength(1);
  });

  it('answers at once when no console holds the line', async () => {
    const router = new MediaRouter();
    expect(router.bindLine('x')).toBe(false);
    expect(await router.ask({ op: 'close', line_id: 'x' })).toMatchObject({ ok: false, error: /no console/ });
  });
});
