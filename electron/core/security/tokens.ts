import { createHash, randomBytes } from 'node:crypto';

/** API keys and console tokens are random; only their SHA-256 is stored. */
export const hashToken = (token: string): string => createHash('sha256').update(token, 'utf8').digest('hex');

export const newApiKeySecret = (): string => `esk_${randomBytes(32).toString('base64url')}`;

export const newSessionToken = (): string => randomBytes(32).toString('base64url');

export const newId = (prefix: string): string => `${prefix}_${randomBytes(12).toString('hex')}`;

/** Call sids look like Twilio's (`CA` + 32 hex), which the seed systems expect. */
export const newCallSid = (): string => `CA${randomBytes(16).toString('hex')}`;

/** What a person sees of a key in lists: enough to tell keys apart, useless to an attacker. */
export const keyPrefix = (key: string): string => key.slice(0, Math.min(10, Math.max(4, key.length - 8)));
