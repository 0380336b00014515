// Runs in: Electron main. Seals the core's secrets with the OS keychain via safeStorage.
import type { SafeStorage } from 'electron';
import type { SecretBox } from '../core/security/secret-box.ts';

export type SafeStorageLike = Pick<SafeStorage, 'isEncryptionAvailable' | 'encryptString' | 'decryptString'>;

export class SafeStorageUnavailableError extends Error {
  constructor() {
    super(
      'Secure storage is not available: Earshot cannot encrypt SIP passwords and API keys with the ' +
        'operating system keychain (on Linux, install and unlock a keyring such as gnome-keyring or KWallet).',
    );
    this.name = 'SafeStorageUnavailableError';
  }
}

/**
 * A SecretBox (scheme `safestorage`): safeStorage ciphertext, base64. Call after app 'ready'.
 * It refuses to exist without OS encryption rather than storing secrets in the clear. The sync
 * safeStorage calls are deprecated in favour of async ones, but SecretBox is synchronous.
 */
export function createSafeStorageBox(safeStorage: SafeStorageLike): SecretBox {
  if (!safeStorage.isEncryptionAvailable()) throw new SafeStorageUnavailableError();
  return {
    scheme: 'safestorage',
    seal(plain) {
      return safeStorage.encryptString(plain).toString('base64');
    },
    open(sealed) {
      return safeStorage.decryptString(Buffer.from(sealed, 'base64'));
    },
  };
}
