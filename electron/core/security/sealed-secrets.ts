import type { SecretBox } from './secret-box.ts';

/** Stored as `<scheme>:<sealed>` so a database moved between a hub and a desktop says why it cannot be opened. */
export function sealSecret(box: SecretBox, plain: string): string {
  return `${box.scheme}:${box.seal(plain)}`;
}

export function openSecret(box: SecretBox, stored: string): string {
  const at = stored.indexOf(':');
  const scheme = stored.slice(0, at);
  if (at < 0 || scheme !== box.scheme) {
    throw new Error(`secret was sealed with '${scheme || 'unknown'}', this install uses '${box.scheme}'; enter it again`);
  }
  return box.open(stored.slice(at + 1));
}
