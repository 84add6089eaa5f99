/**
 * A binary min-heap of items ordered by a numeric `priority`, then by a numeric `tieBreak`
 * (items equal in both come out in no particular order). Used for timers and watermark holds.
 *
 * Priorities are kept in arrays beside the items and compared inline, so the heap calls no
 * comparator and a queued timer needs no wrapper object for its time.
 * @internal
 */
export class MinHeap<T> {
  private readonly items: T[] = [];
  private readonly priorities: number[] = [];
  private readonly tieBreaks: number[] = [];

  get size(): number {
    return this.items.length;
  }

  /** The first item, or undefined when the heap is empty. */
  peek(): T | undefined {
    return this.items[0];
  }

  /** The first item's priority, or Infinity when the heap is empty. */
  peekPriority(): number {
    return this.items.length > 0 ? this.priorities[0]! : Infinity;
  }

  /** The first item's tie-break, or Infinity when the heap is empty. */
  peekTieBreak(): number {
    return this.items.length > 0 ? this.tieBreaks[0]! : Infinity;
  }

  push(item: T, priority: number, tieBreak = 0): void {
    const items = this.items;
    const priorities = this.priorities;
    const tieBreaks = this.tieBreaks;
    let i = items.length;
    items.push(item);
    priorities.push(priority);
    tieBreaks.push(tieBreak);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const p = priorities[parent]!;
      if (!(priority < p || (priority === p && tieBreak < tieBreaks[parent]!))) break;
      this.move(parent, i);
      i = parent;
    }
    this.put(i, item, priority, tieBreak);
  }

  /** Removes and returns the first item (undefined when the heap is empty). */
  pop(): T | undefined {
    const items = this.items;
    const top = items[0];
    const last = items.pop();
    const priority = this.priorities.pop()!;
    const tieBreak = this.tieBreaks.pop()!;
    if (items.length === 0 || last === undefined) return top;
    this.siftDown(0, last, priority, tieBreak);
    return top;
  }

  /**
   * Keeps only the items for which `keep` is true and restores the heap order: O(size). For
   * queues that leave superseded entries in place to be skipped when they come out (timers set
   * again), so that those entries do not pile up until their time.
   */
  retain(keep: (item: T) => boolean): void {
    const items = this.items;
    const priorities = this.priorities;
    const tieBreaks = this.tieBreaks;
    let n = 0;
    for (let i = 0; i < items.length; i++) {
      if (!keep(items[i]!)) continue;
      if (n !== i) this.move(i, n);
      n++;
    }
    items.length = n;
    priorities.length = n;
    tieBreaks.length = n;
    for (let i = (n >> 1) - 1; i >= 0; i--) this.siftDown(i, items[i]!, priorities[i]!, tieBreaks[i]!);
  }

  /** Puts `item` at position `i` or, moving earlier children up, below it. */
  private siftDown(i: number, item: T, priority: number, tieBreak: number): void {
    const n = this.items.length;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= n) break;
      if (child + 1 < n && this.before(child + 1, child)) child++;
      const c = this.priorities[child]!;
      if (!(c < priority || (c === priority && this.tieBreaks[child]! < tieBreak))) break;
      this.move(child, i);
      i = child;
    }
    this.put(i, item, priority, tieBreak);
  }

  /** The items in heap order (not sorted). */
  toArray(): T[] {
    return [...this.items];
  }

  /** True when the item at `i` comes out before the one at `j`. */
  private before(i: number, j: number): boolean {
    const a = this.priorities[i]!;
    const b = this.priorities[j]!;
    return a < b || (a === b && this.tieBreaks[i]! < this.tieBreaks[j]!);
  }

  private move(from: number, to: number): void {
    this.items[to] = this.items[from]!;
    this.priorities[to] = this.priorities[from]!;
    this.tieBreaks[to] = this.tieBreaks[from]!;
  }

  private put(i: number, item: T, priority: number, tieBreak: number): void {
    this.items[i] = item;
    this.priorities[i] = priority;
    this.tieBreaks[i] = tieBreak;
  }
}
