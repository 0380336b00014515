import { describe, expect, it } from 'vitest';
import { SafeStorageUnavailableError, createSafeStorageBox } from '../../../electron/main/safe-storage-box.ts';
import type { SafeStorageLike } from '../../../electron/main/safe-storage-box.ts';

/** Reversible stand-in for the OS keychain cipher. */
const fakeSafeStorage = (available: boolean): SafeStorageLike => ({
  isEncryptionAvailable: () => available,
  encryptString: (plain) => Buffer.from(Buffer.from(`enc:${plain}`, 'utf8').map((b) => b ^ 0x5a)),
  decryptString: (buf) => {
    const text = Buffer.from(buf.map((b) => b ^ 0x5a)).toString('utf8');
    if (!text.startsWith('enc:')) throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
    return text.slice(4);
  },
});

describe('safeStorage secret box', () => {
  it('refuses to exist when OS encryption is unavailable', () => {
    expect(() => createSafeStorageBox(fakeSafeStorage(false))).toThrow(SafeStorageUnavailableError);
    expect(() => createSafeStorageBox(fakeSafeStorage(false))).toThrow(/Secure storage is not available/);
  });

  it('seals to base64 of the ciphertext and opens it again', () => {
    const box = createSafeStorageBox(fakeSafeStorage(true));
    expect(box.scheme).toBe('safestorage');
    const sealed = box.seal('sip-pässwörd');
    expect(sealed).toMatch(/^[A-Za-z0-9+/]+=*$/);
    expect(sealed).not.toContain('pässwörd');
    expect(box.open(sealed)).toBe('sip-pässwörd');
  });

  it('lets a failed decryption surface', () => {
    const box = createSafeStorageBox(fakeSafeStorage(true));
    expect(() => box.open(Buffer.from('garbage').toString('base64'))).toThrow(/decrypting/);
  });
});
