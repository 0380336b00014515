import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_MONITOR_SETTINGS } from '../../../../shared/contracts/monitor-client.ts';
import { MonitorSettingsService } from '../../../../electron/core/monitor/monitor-settings.service.ts';
import { KeyFileSecretBox } from '../../../../electron/core/security/key-file-secret-box.ts';
import { Store } from '../../../../electron/core/store/store.ts';

const dir = mkdtempSync(join(tmpdir(), 'earshot-monitor-settings-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('supervision settings', () => {
  let store: Store;
  let settings: MonitorSettingsService;
  beforeEach(() => {
    store = Store.open(':memory:');
    store.tenants.ensure('default', 'Default');
    store.tenants.ensure('other', 'Other');
    settings = new MonitorSettingsService(store, new KeyFileSecretBox(join(dir, 'secret.key')));
  });

  it('defaults to peer mode with the usual ChanSpy codes and no secret yet', () => {
    expect(settings.view('default')).toEqual({ ...DEFAULT_MONITOR_SETTINGS, secret_fingerprint: null });
  });

  it('makes the office secret at first use, sealed at rest, the same afterwards, per tenant', () => {
    const secret = settings.secret('default');
    expect(secret.length).toBeGreaterThanOrEqual(40);
    expect(settings.secret('default')).toBe(secret);
    expect(settings.secret('other')).not.toBe(secret);
    expect(JSON.stringify(store.settings.all('default'))).not.toContain(secret);
    expect(settings.view('default').secret_fingerprint).toMatch(/^[0-9a-f]{12}$/);
  });

  it('takes a secret given by an admin (the same on two desktops gives the same fingerprint), or a new random one', () => {
    const a = settings.update('default', { secret: 'shared-between-desktops-123' });
    const b = settings.update('other', { secret: 'shared-between-desktops-123' });
    expect(a.secret_fingerprint).toBe(b.secret_fingerprint);
    expect(settings.secret('default')).toBe('shared-between-desktops-123');
    const renewed = settings.update('default', { regenerate_secret: true });
    expect(renewed.secret_fingerprint).not.toBe(a.secret_fingerprint);
    expect(() => settings.update('default', { secret: 'short' })).toThrow(/at least 16/);
    expect(() => settings.update('default', { secret: 'shared-between-desktops-123', regenerate_secret: true })).toThrow(/not both/);
  });

  it('switches to PBX mode with its own codes and digits, keeping the others; refuses bad ones', () => {
    const view = settings.update('default', { via: 'pbx', pbx_codes: { whisper: '*72' }, pbx_dtmf: { listen: '7', whisper: '8', barge: '9' } });
    expect(view).toMatchObject({ via: 'pbx', pbx_codes: { listen: '*222', whisper: '*72', barge: '*224' }, pbx_dtmf: { listen: '7', whisper: '8', barge: '9' } });
    expect(() => settings.update('default', { pbx_codes: { listen: '*22;2' } })).toThrow(/pbx_codes.listen/);
    expect(() => settings.update('default', { pbx_dtmf: { barge: '77' } })).toThrow(/pbx_dtmf.barge/);
    expect(() => settings.update('default', { pbx_dtmf: { barge: '7' } })).toThrow(/own digit/);
    expect(settings.of('other').via).toBe('peer');
  });
});
