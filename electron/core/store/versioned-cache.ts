/**
 * Results kept while what they were read from is unchanged: each entry carries the version (a
 * change counter) it was read at, and a lookup at any other version misses. The least recently
 * used entry goes first once there are `max`.
 */
export class VersionedCache<T> {
  private readonly entries = new Map<string, { version: number; value: T }>();
  private readonly max: number;

  constructor(max: number) {
    this.max = max;
  }

  get(key: string, version: number): T | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    this.entries.delete(key);
    if (entry.version !== version) return undefined;
    this.entries.set(key, entry);
    return entry.value;
  }

  set(key: string, version: number, value: T): void {
    this.entries.delete(key);
    this.entries.set(key, { version, value });
    if (this.entries.size > this.max) this.entries.delete(this.entries.keys().next().value as string);
  }
}
