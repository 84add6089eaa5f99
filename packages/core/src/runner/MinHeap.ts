/** The run's consumed head is dropped once it is this long and half of the run. */
const MIN_RUN_HEAD = 1024;

/**
 * A min-heap of items ordered by a numeric `priority`, then by a numeric `tieBreak` (items
 * equal in both come out in no particular order). Used for timers and watermark holds.
 *
 * Priorities are kept in arrays beside the items and compared inline, so the heap calls no
 * comparator and a queued timer needs no wrapper object for its time.
 *
 * Most timers of an event-time stream are pushed in the order they come out (an element's time
 * plus a fixed delay, a window's end): an item that comes at or after the last one of the
 * queue's in-order *run* joins the run, a first-in first-out list, in constant time; only the
 * others go into the binary heap. The first item is the earlier of the run's first and the
 * heap's top.
 * @internal
 */
export class MinHeap<T> {
  private readonly items: T[] = [];
  private readonly priorities: number[] = [];
  private readonly tieBreaks: number[] = [];
  /** The run: items pushed in order, from `runHead` on (the ones before it came out). */
  private readonly runItems: Array<T | undefined> = [];
  private readonly runPriorities: number[] = [];
  private readonly runTieBreaks: number[] = [];
  private runHead = 0;

  get size(): number {
    return this.items.length + this.runItems.length - this.runHead;
  }

  /** True when the run's first item comes out before the heap's top (false when the run is empty). */
  private runFirst(): boolean {
    const h = this.runHead;
    if (h === this.runItems.length) return false;
    if (this.items.length === 0) return true;
    const a = this.runPriorities[h]!;
    const b = this.priorities[0]!;
    return a < b || (a === b && this.runTieBreaks[h]! <= this.tieBreaks[0]!);
  }

  /** The first item, or undefined when the heap is empty. */
  peek(): T | undefined {
    return this.runFirst() ? this.runItems[this.runHead] : this.items[0];
  }

  /** The first item's priority, or Infinity when the heap is empty. */
  peekPriority(): number {
    if (this.runFirst()) return this.runPriorities[this.runHead]!;
    return this.items.length > 0 ? this.priorities[0]! : Infinity;
  }

  /** The first item's tie-break, or Infinity when the heap is empty. */
  peekTieBreak(): number {
    if (this.runFirst()) return this.runTieBreaks[this.runHead]!;
    return this.items.length > 0 ? this.tieBreaks[0]! : Infinity;
  }

  push(item: T, priority: number, tieBreak = 0): void {
    const n = this.runItems.length;
    if (n === this.runHead) {
      this.runItems.push(item);
      this.runPriorities.push(priority);
      this.runTieBreaks.push(tieBreak);
      return;
    }
    const last = this.runPriorities[n - 1]!;
    if (priority > last || (priority === last && tieBreak >= this.runTieBreaks[n - 1]!)) {
      this.runItems.push(item);
      this.runPriorities.push(priority);
      this.runTieBreaks.push(tieBreak);
      return;
    }
    this.pushHeap(item, priority, tieBreak);
  }

  /** Removes and returns the first item (undefined when the heap is empty). */
  pop(): T | undefined {
    return this.runFirst() ? this.popRun() : this.popHeap();
  }

  private popRun(): T | undefined {
    const items = this.runItems;
    const h = this.runHead;
    const item = items[h];
    items[h] = undefined; // not kept alive by the queue
    const head = h + 1;
    if (head === items.length) {
      items.length = 0;
      this.runPriorities.length = 0;
      this.runTieBreaks.length = 0;
      this.runHead = 0;
    } else if (head >= MIN_RUN_HEAD && 2 * head >= items.length) {
      items.splice(0, head);
      this.runPriorities.splice(0, head);
      this.runTieBreaks.splice(0, head);
      this.runHead = 0;
    } else {
      this.runHead = head;
    }
    return item;
  }

  private pushHeap(item: T, priority: number, tieBreak: number): void {
    const i = this.items.length;
    this.items.push(item);
    this.priorities.push(priority);
    this.tieBreaks.push(tieBreak);
    this.siftUp(i, item, priority, tieBreak);
  }

  /** Puts `item` at position `i` or, moving later parents down, above it. */
  private siftUp(i: number, item: T, priority: number, tieBreak: number): void {
    const priorities = this.priorities;
    const tieBreaks = this.tieBreaks;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const p = priorities[parent]!;
      if (!(priority < p || (priority === p && tieBreak < tieBreaks[parent]!))) break;
      this.move(parent, i);
      i = parent;
    }
    this.put(i, item, priority, tieBreak);
  }

  /**
   * Floyd's pop: the hole the top leaves moves down to a leaf along the earlier children (one
   * comparison a level, none against the item that fills it), and the heap's last item, which
   * came from the bottom, moves up from there, rarely far.
   */
  private popHeap(): T | undefined {
    const items = this.items;
    const top = items[0];
    const last = items.pop();
    const priority = this.priorities.pop()!;
    const tieBreak = this.tieBreaks.pop()!;
    const n = items.length;
    if (n === 0 || last === undefined) return top;
    let i = 0;
    for (let child = 1; child < n; child = 2 * i + 1) {
      child = this.earlierChild(child, n);
      this.move(child, i);
      i = child;
    }
    this.siftUp(i, last, priority, tieBreak);
    return top;
  }

  /**
   * Keeps only the items for which `keep` is true and restores the heap order: O(size). For
   * queues that leave superseded entries in place to be skipped when they come out (timers set
   * again), so that those entries do not pile up until their time.
   */
  retain(keep: (item: T) => boolean): void {
    // The run stays in order: its kept items move up to its start.
    const run = this.runItems;
    let r = 0;
    for (let i = this.runHead; i < run.length; i++) {
      if (!keep(run[i]!)) continue;
      run[r] = run[i];
      this.runPriorities[r] = this.runPriorities[i]!;
      this.runTieBreaks[r] = this.runTieBreaks[i]!;
      r++;
    }
    run.length = r;
    this.runPriorities.length = r;
    this.runTieBreaks.length = r;
    this.runHead = 0;
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
      child = this.earlierChild(child, n);
      const c = this.priorities[child]!;
      if (!(c < priority || (c === priority && this.tieBreaks[child]! < tieBreak))) break;
      this.move(child, i);
      i = child;
    }
    this.put(i, item, priority, tieBreak);
  }

  /** The items, not sorted. */
  toArray(): T[] {
    return [...this.items, ...(this.runItems.slice(this.runHead) as T[])];
  }

  /**
   * Of the children at `left` and `left + 1` (when there is one), the one that comes out first.
   * Which one that is is a coin toss in a timer heap, so it is chosen by arithmetic on the
   * comparison, not by a branch the processor would mispredict half the time (a third of a pop's
   * time, measured); only equal priorities, which are rare, branch to the tie-break.
   */
  private earlierChild(left: number, n: number): number {
    const right = left + 1;
    if (right >= n) return left;
    const a = this.priorities[right]!;
    const b = this.priorities[left]!;
    if (a === b) return this.tieBreaks[right]! < this.tieBreaks[left]! ? right : left;
    return left + +(a < b);
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
