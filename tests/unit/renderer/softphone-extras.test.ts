import { describe, expect, it } from 'vitest';
import { dialParamFrom, dialTargetFromLink, withoutDialParam } from '../../../renderer/src/features/softphone/dial-url.ts';
import { directoryEntries, filterDirectory, sipUserOf } from '../../../renderer/src/features/softphone/directory.ts';
import { parseHash } from '../../../renderer/src/app/routes.ts';
import { createClickToDialStore } from '../../../renderer/src/state/click-to-dial.store.ts';
import { clampDelay, createPhoneSettingsStore } from '../../../renderer/src/state/phone-settings.store.ts';
import { FakeCoreClient, makeAgent } from './fake-core-client.ts';

describe('click-to-dial addresses', () => {
  it('reads ?dial= from the page address (and from the hash route)', () => {
    expect(dialParamFrom('https://hub.lan/?dial=tel%3A%2B15551234567')).toBe('+15551234567');
    expect(dialParamFrom('https://hub.lan/?dial=tel:+15551234567')).toBe('+15551234567');
    expect(dialParamFrom('https://hub.lan/?dial=1002')).toBe('1002');
    expect(dialParamFrom('https://hub.lan/?dial=+15551234567')).toBe('+15551234567');
    expect(dialParamFrom('https://hub.lan/?dial=sip%3Acarol%40pbx.lan')).toBe('sip:carol@pbx.lan');
    expect(dialParamFrom('https://hub.lan/#/softphone?dial=1002')).toBe('1002');
    expect(dialParamFrom('https://hub.lan/')).toBeNull();
    expect(dialParamFrom('https://hub.lan/?dial=')).toBeNull();
    expect(dialParamFrom('https://hub.lan/?dial=100%0D%0ABye')).toBeNull();
    expect(dialParamFrom(`https://hub.lan/?dial=${'9'.repeat(300)}`)).toBeNull();
  });

  it('turns tel:/sip: links into dial input text, and nothing else', () => {
    expect(dialTargetFromLink('tel:+1-555-123-4567;ext=9')).toBe('+1-555-123-4567');
    expect(dialTargetFromLink('TEL:1002')).toBe('1002');
    expect(dialTargetFromLink('sip:carol@pbx.lan')).toBe('sip:carol@pbx.lan');
    expect(dialTargetFromLink('sips:carol@pbx.lan')).toBe('sips:carol@pbx.lan');
    expect(dialTargetFromLink('https://example.com/')).toBeNull();
    expect(dialTargetFromLink('javascript:alert(1)')).toBeNull();
    expect(dialTargetFromLink('mailto:a@b')).toBeNull();
    expect(dialTargetFromLink('tel:')).toBeNull();
  });

  it('removes the parameter so a reload does not ask again', () => {
    expect(withoutDialParam('https://hub.lan/?dial=1002&x=1#/softphone')).toBe('https://hub.lan/?x=1#/softphone');
    expect(withoutDialParam('https://hub.lan/#/softphone?dial=1002')).toBe('https://hub.lan/#/softphone');
    expect(parseHash('#/softphone?dial=1002').view).toBe('softphone');
    expect(parseHash('#/history/4?x=1')).toEqual({ view: 'history', callId: 4 });
  });

  it('the store asks for confirmation only for offers that need it', () => {
    const store = createClickToDialStore();
    store.getState().confirm();
    expect(store.getState().confirmed).toBe(false);
    store.getState().offer('1002', true);
    const first = store.getState().request!;
    expect(first).toMatchObject({ target: '1002', confirm: true });
    store.getState().confirm();
    expect(store.getState().confirmed).toBe(true);
    store.getState().offer('1002', false);
    expect(store.getState().request!.seq).toBeGreaterThan(first.seq);
    expect(store.getState().confirmed).toBe(false);
    store.getState().clear();
    expect(store.getState().request).toBeNull();
  });
});

describe('transfer directory', () => {
  const sip = (user: string) => ({ uri: `sip:${user}@pbx.lan`, username: user, ws_url: 'ws://pbx.lan', ice_servers: [], has_password: true, media: 'renderer' as const });
  const agents = [
    makeAgent({ id: 1, name: 'Alice Agent', extension: '1001', sip: sip('alice') }),
    makeAgent({ id: 2, name: 'Bob Builder', extension: '1002', sip: sip('bob'), status: 'busy' }),
    makeAgent({ id: 3, name: 'Carol Ökonom', extension: null, sip: sip('carol') }),
    makeAgent({ id: 4, name: 'Dave NoSeat', extension: '1004', sip: null }),
    makeAgent({ id: 5, name: 'Erin Available', extension: '2010', sip: sip('erin') }),
  ];
  const entries = directoryEntries(agents, 1);

  it('lists agents with a SIP address, not oneself; extension first as the target', () => {
    expect(entries.map((e) => [e.name, e.target, e.sipUser])).toEqual([
      ['Bob Builder', '1002', 'bob'],
      ['Carol Ökonom', 'carol', 'carol'],
      ['Erin Available', '2010', 'erin'],
    ]);
    expect(sipUserOf('sips:x.y@pbx;transport=ws')).toBe('x.y');
    expect(sipUserOf('sip:pbx.lan')).toBeNull();
  });

  it('filters by name words, extension and SIP user, accent- and case-blind', () => {
    expect(filterDirectory(entries, 'car').map((e) => e.name)).toEqual(['Carol Ökonom']);
    expect(filterDirectory(entries, 'okon').map((e) => e.name)).toEqual(['Carol Ökonom']);
    expect(filterDirectory(entries, '100').map((e) => e.name)).toEqual(['Bob Builder']);
    expect(filterDirectory(entries, 'ERIN').map((e) => e.name)).toEqual(['Erin Available']);
    expect(filterDirectory(entries, 'zzz')).toEqual([]);
  });

  it('exact and prefix matches first, then available people, then by name', () => {
    // "b": Bob (prefix, busy) before Erin ("Available" contains b? no) — prefix beats substring.
    expect(filterDirectory(entries, '').map((e) => e.name)).toEqual(['Carol Ökonom', 'Erin Available', 'Bob Builder']);
    expect(filterDirectory(entries, '1002')[0]?.name).toBe('Bob Builder');
    expect(filterDirectory(entries, 'a').map((e) => e.name)).toEqual(['Erin Available', 'Carol Ökonom']);
    expect(filterDirectory(entries, '', 2)).toHaveLength(2);
  });
});

describe('phone settings store', () => {
  async function signedIn() {
    const client = new FakeCoreClient();
    client.addUser('alice', 'alicepw123', makeAgent({ id: 1 }));
    await client.call('login', { username: 'alice', password: 'alicepw123' });
    return { client, store: createPhoneSettingsStore(client) };
  }

  it('loads, and saves a change through setPhoneSettings', async () => {
    const { client, store } = await signedIn();
    await store.getState().load();
    expect(store.getState().settings?.do_not_disturb).toBe(false);
    const saving = store.getState().update({ do_not_disturb: true });
    expect(store.getState().settings?.do_not_disturb).toBe(true);
    await saving;
    expect(client.requests.at(-1)).toEqual({ method: 'setPhoneSettings', arg: { do_not_disturb: true } });
    expect(client.phone.do_not_disturb).toBe(true);
  });

  it('rolls back what the core refuses, and clamps the delay it sends', async () => {
    const { client, store } = await signedIn();
    await store.getState().load();
    client.unreachable = true;
    await store.getState().update({ auto_answer: true });
    expect(store.getState().settings?.auto_answer).toBe(false);
    expect(store.getState().error?.message).toBeTruthy();
    client.unreachable = false;
    await store.getState().update({ auto_answer_delay_s: 99.4 });
    expect(client.phone.auto_answer_delay_s).toBe(60);
    expect(clampDelay(Number.NaN)).toBe(0);
    expect(clampDelay(-3)).toBe(0);
  });
});
