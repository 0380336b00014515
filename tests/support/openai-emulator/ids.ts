// Object ids in OpenAI's style: a type prefix and random hex (`rtc_…`, `evt_…`, `item_…`).
import { randomBytes } from 'node:crypto';

export function newId(prefix: string, bytes = 12): string {
  return `${prefix}${randomBytes(bytes).toString('hex')}`;
}

export function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}
