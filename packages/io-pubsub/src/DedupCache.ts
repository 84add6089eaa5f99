import type { Clock, Duration } from "@tributary/core";

/**
 * Remembers ids for a time-to-live, to recognize redelivered messages. Ids are remembered in
 * insertion order with a constant TTL, so expiries are in order and eviction pops from the front.
 * @internal
 */
export class DedupCache {
  private readonly expiries = new Map<string, number>();

  constructor(
    private readonly ttl: Duration,
    private readonly clock: Clock,
  ) {}

  /** Records `id` and returns true if it was not remembered (a first delivery). */
  add(id: string): boolean {
    const now = this.clock.now();
    this.evict(now);
    if (this.expiries.has(id)) return false;
    this.expiries.set(id, now + this.ttl);
    return true;
  }

  get size(): number {
    return this.expiries.size;
  }

  private evict(now: number): void {
    for (const [id, expiry] of this.expiries) {
      if (expiry > now) return;
      this.expiries.delete(id);
    }
  }
}
