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
 * A map from strings sized for a handful of entries (a namespace's state cells or timers): one
 * flat array of alternating keys and values, searched linearly. A state namespace lives as long
 * as its key, so its cost matters: an empty `Map` already takes about 180 bytes, this about 60
 * with one entry. The array is rebuilt at its exact size on insertion and removal (an array
 * grown by push keeps 16 spare slots), which is cheap while entries are few; past `MAX_SMALL` entries it
 * becomes a `Map`. Iteration is in insertion order.
 * @internal
 */
export class SmallMap<V> {
  /** Starts as the shared empty array, which is never written: an insertion makes a new one. */
  private slots: unknown[] = NO_SLOTS;
  private large: Map<string, V> | undefined;

  get size(): number {
    return this.large ? this.large.size : this.slots.length >> 1;
  }

  private indexOf(key: string): number {
    const s = this.slots;
    for (let i = 0; i < s.length; i += 2) if (s[i] === key) return i;
    return -1;
  }

  get(key: string): V | undefined {
    if (this.large) return this.large.get(key);
    const i = this.indexOf(key);
    return i < 0 ? undefined : (this.slots[i + 1] as V);
  }

  set(key: string, value: V): void {
    if (this.large) {
      this.large.set(key, value);
      return;
    }
    const i = this.indexOf(key);
    if (i >= 0) {
      this.slots[i + 1] = value;
    } else if (this.slots.length >> 1 < MAX_SMALL) {
      this.slots = withEntry(this.slots, key, value);
    } else {
      this.large = new Map(this.entries());
      this.large.set(key, value);
      this.slots = [];
    }
  }

  delete(key: string): boolean {
    if (this.large) return this.large.delete(key);
    const i = this.indexOf(key);
    if (i < 0) return false;
    this.slots = withoutEntry(this.slots, i);
    return true;
  }

  *entries(): IterableIterator<[string, V]> {
    if (this.large) {
      yield* this.large.entries();
      return;
    }
    const s = this.slots;
    for (let i = 0; i < s.length; i += 2) yield [s[i] as string, s[i + 1] as V];
  }

  *values(): IterableIterator<V> {
    for (const [, v] of this.entries()) yield v;
  }
}
