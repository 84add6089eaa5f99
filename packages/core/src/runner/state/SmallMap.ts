/** Beyond this many entries a `SmallMap` keeps a `Map` (a timer family may have many tags). */
const MAX_SMALL = 16;

const NO_SLOTS: unknown[] = [];

/**
 * `slots` and one more entry, in a new array of exactly that size (`concat` would do, at about
 * four times the cost; `push` would leave spare capacity).
 */
function withEntry(slots: readonly unknown[], key: string, value: unknown): unknown[] {
  const n = slots.length;
  if (n === 0) return [key, value];
  const next = new Array<unknown>(n + 2);
  for (let i = 0; i < n; i++) next[i] = slots[i];
  next[n] = key;
  next[n + 1] = value;
  return next;
}

/** `slots` without the entry at `i`, in a new array of exactly that size (`splice` costs more). */
function withoutEntry(slots: readonly unknown[], i: number): unknown[] {
  const n = slots.length - 2;
  if (n === 0) return NO_SLOTS;
  const next = new Array<unknown>(n);
  for (let j = 0; j < i; j++) next[j] = slots[j];
  for (let j = i; j < n; j++) next[j] = slots[j + 2];
  return next;
}

/**
 * A map from strings sized for a handful of entries (a namespace's state cells or timers). A state
 * namespace lives as long as its key, and its cells are read on every element, so both its size
 * and the loads to reach a cell matter: the first two entries are fields of the map itself (no
 * array to follow for the one or two cells most DoFns declare), the next ones a flat array of
 * alternating keys and values searched linearly, rebuilt at its exact size on insertion and removal
 * (an array grown by push keeps 16 spare slots). Past `MAX_SMALL` entries it becomes a `Map` (an
 * empty `Map` alone takes about 180 bytes). Iteration is in insertion order.
 * @internal
 */
export class SmallMap<V> {
  /** The first entry (when `count` ≥ 1) and the second (when `count` ≥ 2). */
  private k0: string | undefined = undefined;
  private v0: V | undefined = undefined;
  private k1: string | undefined = undefined;
  private v1: V | undefined = undefined;
  /** The entries after the first two; starts as the shared empty array, which is never written. */
  private rest: unknown[] = NO_SLOTS;
  /** The number of entries while small. */
  private count = 0;
  private large: Map<string, V> | undefined = undefined;

  get size(): number {
    return this.large ? this.large.size : this.count;
  }

  private indexOf(key: string): number {
    const s = this.rest;
    for (let i = 0; i < s.length; i += 2) if (s[i] === key) return i;
    return -1;
  }

  get(key: string): V | undefined {
    if (this.k0 === key) return this.v0;
    if (this.k1 === key) return this.v1;
    if (this.large) return this.large.get(key);
    const i = this.indexOf(key);
    return i < 0 ? undefined : (this.rest[i + 1] as V);
  }

  set(key: string, value: V): void {
    if (this.large) {
      this.large.set(key, value);
      return;
    }
    if (this.k0 === key) {
      this.v0 = value;
      return;
    }
    if (this.k1 === key) {
      this.v1 = value;
      return;
    }
    const i = this.indexOf(key);
    if (i >= 0) {
      this.rest[i + 1] = value;
    } else if (this.count === 0) {
      this.k0 = key;
      this.v0 = value;
      this.count = 1;
    } else if (this.count === 1) {
      this.k1 = key;
      this.v1 = value;
      this.count = 2;
    } else if (this.count < MAX_SMALL) {
      this.rest = withEntry(this.rest, key, value);
      this.count++;
    } else {
      this.large = new Map(this.entries());
      this.large.set(key, value);
      this.k0 = this.k1 = this.v0 = this.v1 = undefined;
      this.rest = NO_SLOTS;
      this.count = 0;
    }
  }

  delete(key: string): boolean {
    if (this.large) return this.large.delete(key);
    if (this.k0 === key) {
      // Keep insertion order: every later entry moves up one place.
      this.k0 = this.k1;
      this.v0 = this.v1;
      this.shiftRestIntoSecond();
    } else if (this.k1 === key) {
      this.shiftRestIntoSecond();
    } else {
      const i = this.indexOf(key);
      if (i < 0) return false;
      this.rest = withoutEntry(this.rest, i);
    }
    this.count--;
    return true;
  }

  /** The second entry becomes the first of `rest` (or none). */
  private shiftRestIntoSecond(): void {
    if (this.rest.length === 0) {
      this.k1 = undefined;
      this.v1 = undefined;
      return;
    }
    this.k1 = this.rest[0] as string;
    this.v1 = this.rest[1] as V;
    this.rest = withoutEntry(this.rest, 0);
  }

  *entries(): IterableIterator<[string, V]> {
    if (this.large) {
      yield* this.large.entries();
      return;
    }
    if (this.count > 0) yield [this.k0!, this.v0 as V];
    if (this.count > 1) yield [this.k1!, this.v1 as V];
    const s = this.rest;
    for (let i = 0; i < s.length; i += 2) yield [s[i] as string, s[i + 1] as V];
  }

  *values(): IterableIterator<V> {
    for (const [, v] of this.entries()) yield v;
  }
}
