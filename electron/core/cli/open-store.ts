import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_TENANT_ID } from '../../../shared/domain/tenant.ts';
import { DATABASE_FILE, SECRET_KEY_FILE } from '../core.ts';
import { EventBus } from '../events/event-bus.ts';
import { KeyFileSecretBox } from '../security/key-file-secret-box.ts';
import { Store } from '../store/store.ts';

/** For admin commands that work on the data dir directly (also while a hub runs: SQLite WAL allows it). */
export function openStore(dataDir: string): { store: Store; box: KeyFileSecretBox; bus: EventBus } {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const store = Store.open(join(dataDir, DATABASE_FILE));
  store.tenants.ensure(DEFAULT_TENANT_ID, 'Default');
  return { store, box: new KeyFileSecretBox(join(dataDir, SECRET_KEY_FILE)), bus: new EventBus() };
}
