import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { KeyFileSecretBox } from '../../../../electron/core/security/key-file-secret-box.ts';
import { hashPassword, verifyPassword } from '../../../../electron/core/security/passwords.ts';
import { openSecret, sealSecret } from '../../../../electron/core/security/sealed-secrets.ts';

const made: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'earshot-sec-'));
  made.push(dir);
  return dir;
};
afterAll(() => made.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('secrets at rest', () => {
  it('seals with AES-GCM under a 0600 key file and opens only with the same key', () => {
    const dir = tempDir();
    const box = new KeyFileSecretBox(join(dir, 'secret.key'));
    expect(statSync(join(dir, 'secret.key')).mode & 0o777).toBe(0o600);
    const sealed = sealSecret(box, 'sip-password-1001');
    expect(sealed).toMatch(/^keyfile:v1\./);
    expect(sealed).not.toContain('sip-password');
    expect(sealSecret(box, 'sip-password-1001')).not.toBe(sealed);
    expect(openSecret(new KeyFileSecretBox(join(dir, 'secret.key')), sealed)).toBe('sip-password-1001');
    expect(() => openSecret(new KeyFileSecretBox(join(tempDir(), 'secret.key')), sealed)).toThrow();
  });

  it('detects tampering and foreign schemes', () => {
    const box = new KeyFileSecretBox(join(tempDir(), 'secret.key'));
    const sealed = sealSecret(box, 'x');
    const tampered = sealed.slice(0, -2) + (sealed.endsWith('A') ? 'BB' : 'AA');
    expect(() => openSecret(box, tampered)).toThrow();
    expect(() => openSecret(box, 'safestorage:abc')).toThrow(/sealed with 'safestorage', this install uses 'keyfile'/);
  });

  it('tightens a key file that others can read, and refuses a damaged one', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'bad.key'), 'short', { mode: 0o644 });
    expect(() => new KeyFileSecretBox(join(dir, 'bad.key'))).toThrow(/damaged/);
    expect(statSync(join(dir, 'bad.key')).mode & 0o777).toBe(0o600);
  });

  it('hashes passwords with scrypt and verifies them', async () => {
    const hash = await hashPassword('correct horse');
    expect(hash).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(await verifyPassword('correct horse', hash)).toBe(true);
    expect(await verifyPassword('wrong horse', hash)).toBe(false);
    expect(await verifyPassword('x', 'plain-text')).toBe(false);
    expect(await hashPassword('correct horse')).not.toBe(hash);
  });
});
