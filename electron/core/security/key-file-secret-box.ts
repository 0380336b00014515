import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import type { SecretBox } from './secret-box.ts';

const KEY_BYTES = 32;

/**
 * AES-256-GCM with a random key kept in a 0600 file beside the database (the hub's answer to
 * Electron's safeStorage). Sealed form: `v1.<iv>.<tag>.<ciphertext>`, base64url parts.
 */
export class KeyFileSecretBox implements SecretBox {
  readonly scheme = 'keyfile';
  private readonly key: Buffer;

  constructor(keyFile: string) {
    this.key = KeyFileSecretBox.loadOrCreate(keyFile);
  }

  private static loadOrCreate(file: string): Buffer {
    if (!existsSync(file)) {
      writeFileSync(file, randomBytes(KEY_BYTES).toString('base64'), { mode: 0o600, flag: 'wx' });
    }
    const mode = statSync(file).mode & 0o777;
    if (mode & 0o077) chmodSync(file, 0o600);
    const key = Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
    if (key.length !== KEY_BYTES) throw new Error(`secret key file ${file} is damaged (expected ${KEY_BYTES} bytes)`);
    return key;
  }

  seal(plain: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const ct = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return ['v1', iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), ct.toString('base64url')].join('.');
  }

  open(sealed: string): string {
    const [v, iv, tag, ct] = sealed.split('.');
    if (v !== 'v1' || !iv || !tag || ct === undefined) throw new Error('sealed secret has an unknown format');
    const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(iv, 'base64url'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(ct, 'base64url')), decipher.final()]).toString('utf8');
  }
}
