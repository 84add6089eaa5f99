import type { Clock, Duration } from "@tributary/core";

/** Expiries are rounded up to this granularity, so ids fall into few buckets. */
const BUCKET_MILLIS = 1000;

interface Bucket {
  readonly expiresAt: number;
  readonly ids: string[];
  /** The ids as a JSON array, cached once the bucket is closed (a later bucket exists). */
  json: string | undefined;
}

/**
 * The ids a {@link DedupCache} remembers, as plain data for a checkpoint: buckets of
 * `[expiresAt (epoch ms), JSON array of ids]`, oldest first.
 * @public
 */
export type DedupSnapshot = ReadonlyArray<readonly [number, string]>;

/**
 * Remembers ids for at least a time-to-live, to recognize redelivered messages. Ids are kept in
 * buckets by expiry (rounded up to the second), in insertion order, so eviction pops whole
 * buckets from the front, and a snapshot re-encodes only the newest bucket.
 * @internal
 */
export class DedupCache {
  private readonly expiries = new Map<string, number>();
  private readonly buckets: Bucket[] = [];
  private head = 0;

  constructor(
    private readonly ttl: Duration,
    private readonly clock: Clock,
  ) {}

  /** Records `id` and returns true if it was not remembered (a first delivery). */
  add(id: string): boolean {
    const now = this.clock.now();
    this.evict(now);
    if (this.expiries.has(id)) return false;
    this.remember(id, Math.ceil((now + this.ttl) / BUCKET_MILLIS) * BUCKET_MILLIS);
    return true;
  }

  private remember(id: string, expiresAt: number): void {
    this.expiries.set(id, expiresAt);
    const last = this.buckets[this.buckets.length - 1];
    if (last && last.expiresAt >= expiresAt && this.buckets.length > this.head) {
      last.ids.push(id);
      last.json = undefined;
    } else {
      this.buckets.push({ expiresAt, ids: [id], json: undefined });
    }
  }

  get size(): number {
    return this.expiries.size;
  }

  /** The remembered ids, with their expiries, as plain data. */
  snapshot(): DedupSnapshot {
    this.evict(this.clock.now());
    const out: (readonly [number, string])[] = [];
    for (let i = this.head; i < this.buckets.length; i++) {
      const b = this.buckets[i]!;
      b.json ??= JSON.stringify(b.ids);
      out.push([b.expiresAt, b.json]);
    }
    return out;
  }

  /** Remembers the ids of `snapshot` (taken by a cache of an earlier run) until their expiries. */
  restore(snapshot: DedupSnapshot): void {
    const now = this.clock.now();
    for (const [expiresAt, json] of snapshot) {
      if (expiresAt <= now) continue;
      for (const id of JSON.parse(json) as string[]) if (!this.expiries.has(id)) this.remember(id, expiresAt);
    }
  }

  private evict(now: number): void {
    while (this.head < this.buckets.length && this.buckets[this.head]!.expiresAt <= now) {
      for (const id of this.buckets[this.head]!.ids) this.expiries.delete(id);
      this.buckets[this.head++] = undefined as never;
    }
    if (this.head > 64 && this.head * 2 > this.buckets.length) {
      this.buckets.splice(0, this.head);
      this.head = 0;
    }
  }
}
