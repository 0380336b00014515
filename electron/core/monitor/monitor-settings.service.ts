import { createHash, randomBytes } from 'node:crypto';
import {
  DEFAULT_MONITOR_SETTINGS,
  MONITOR_MODES,
  type MonitorMode,
  type MonitorSettings,
  type MonitorSettingsUpdate,
  type MonitorSettingsView,
} from '../../../shared/contracts/monitor-client.ts';
import { badRequest } from '../errors.ts';
import { openSecret, sealSecret } from '../security/sealed-secrets.ts';
import type { SecretBox } from '../security/secret-box.ts';
import type { Store } from '../store/store.ts';
import { DTMF_DIGIT_RE, FEATURE_CODE_RE } from './pbx-dial.ts';

const KEY = 'monitor';
const MIN_SECRET_LENGTH = 16;

interface StoredMonitorSettings extends Partial<MonitorSettings> {
  secret_sealed?: string;
}

const fingerprint = (secret: string): string => createHash('sha256').update(secret, 'utf8').digest('hex').slice(0, 12);

/**
 * Per-tenant supervision settings: peer or PBX monitoring, the ChanSpy feature codes and DTMF
 * digits, and the office monitor secret that signs monitor tokens (sealed at rest, made at first
 * use, never shown; two cores that monitor each other's seats are given the same one).
 */
export class MonitorSettingsService {
  private readonly store: Store;
  private readonly box: SecretBox;

  constructor(store: Store, box: SecretBox) {
    this.store = store;
    this.box = box;
  }

  of(tenantId: string): MonitorSettings {
    const s = this.stored(tenantId);
    return {
      via: s.via ?? DEFAULT_MONITOR_SETTINGS.via,
      pbx_codes: { ...DEFAULT_MONITOR_SETTINGS.pbx_codes, ...s.pbx_codes },
      pbx_dtmf: { ...DEFAULT_MONITOR_SETTINGS.pbx_dtmf, ...s.pbx_dtmf },
    };
  }

  view(tenantId: string): MonitorSettingsView {
    const sealed = this.stored(tenantId).secret_sealed;
    return { ...this.of(tenantId), secret_fingerprint: sealed ? fingerprint(openSecret(this.box, sealed)) : null };
  }

  /** The tenant's monitor secret, made (and sealed into the store) on first use. */
  secret(tenantId: string): string {
    const stored = this.stored(tenantId);
    if (stored.secret_sealed) return openSecret(this.box, stored.secret_sealed);
    const secret = randomBytes(32).toString('base64url');
    this.store.settings.set(tenantId, KEY, { ...stored, secret_sealed: sealSecret(this.box, secret) });
    return secret;
  }

  update(tenantId: string, patch: MonitorSettingsUpdate): MonitorSettingsView {
    const next: StoredMonitorSettings = { ...this.stored(tenantId) };
    if (patch.via !== undefined) next.via = patch.via;
    if (patch.pbx_codes) next.pbx_codes = { ...this.of(tenantId).pbx_codes, ...checked(patch.pbx_codes, FEATURE_CODE_RE, 'pbx_codes', 'digits, * and # (up to 12)') };
    if (patch.pbx_dtmf) next.pbx_dtmf = { ...this.of(tenantId).pbx_dtmf, ...checked(patch.pbx_dtmf, DTMF_DIGIT_RE, 'pbx_dtmf', 'one DTMF digit') };
    if (next.pbx_dtmf && new Set(MONITOR_MODES.map((m) => next.pbx_dtmf?.[m])).size !== MONITOR_MODES.length) throw badRequest('pbx_dtmf: each mode needs its own digit');
    if (patch.secret !== undefined && patch.regenerate_secret) throw badRequest('give a secret or ask for a new one, not both');
    if (patch.secret !== undefined) {
      if (patch.secret.length < MIN_SECRET_LENGTH) throw badRequest(`secret: at least ${MIN_SECRET_LENGTH} characters`);
      next.secret_sealed = sealSecret(this.box, patch.secret);
    }
    if (patch.regenerate_secret) next.secret_sealed = sealSecret(this.box, randomBytes(32).toString('base64url'));
    this.store.settings.set(tenantId, KEY, next);
    return this.view(tenantId);
  }

  private stored(tenantId: string): StoredMonitorSettings {
    return this.store.settings.get<StoredMonitorSettings>(tenantId, KEY) ?? {};
  }
}

function checked(values: Partial<Record<MonitorMode, string>>, re: RegExp, field: string, what: string): Partial<Record<MonitorMode, string>> {
  for (const [mode, value] of Object.entries(values)) {
    if (!MONITOR_MODES.includes(mode as MonitorMode)) throw badRequest(`${field}: unknown mode '${mode}'`);
    if (typeof value !== 'string' || !re.test(value)) throw badRequest(`${field}.${mode}: ${what}`);
  }
  return values;
}
