import type { CombineFn } from "../CombineFn";
import { combineFn } from "../CombineFn";

/**
 * Makes the CombineFn behind `top` and `bottom`: the `n` largest inputs by `compare`, in
 * descending order. The accumulator is a binary min-heap (root = smallest kept) of at most `n`
 * inputs, so memory stays bounded and each input costs O(log n).
 * @internal
 */
export function largestFn<T>(
  name: string,
  n: number,
  compare: (a: T, b: T) => number,
): CombineFn<T, T[], T[]> {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`${name} needs an integer n >= 0, got ${n}`);
  const offer = (heap: T[], input: T): T[] => {
    if (heap.length < n) {
      heap.push(input);
      siftUp(heap, heap.length - 1, compare);
    } else if (n > 0 && compare(input, heap[0] as T) > 0) {
      heap[0] = input;
      siftDown(heap, 0, compare);
    }
    return heap;
  };
  return combineFn<T, T[], T[]>({
    name,
    create: () => [],
    add: offer,
    merge: ([first, ...rest]) => {
      // `first` is defined: combineFn only calls merge with a non-empty array.
      const merged = first as T[];
      for (const other of rest) for (const input of other) offer(merged, input);
      return merged;
    },
    extract: (heap) => heap.slice().sort((a, b) => compare(b, a)),
  });
}

function siftUp<T>(heap: T[], index: number, compare: (a: T, b: T) => number): void {
  const item = heap[index] as T;
  let i = index;
  while (i > 0) {
    const parent = (i - 1) >> 1;
    const parentItem = heap[parent] as T;
    if (compare(item, parentItem) >= 0) break;
    heap[i] = parentItem;
    i = parent;
  }
  heap[i] = item;
}

function siftDown<T>(heap: T[], index: number, compare: (a: T, b: T) => number): void {
  const item = heap[index] as T;
  const size = heap.length;
  let i = index;
  for (;;) {
    const left = 2 * i + 1;
    if (left >= size) break;
    const right = left + 1;
    const child = right < size && compare(heap[right] as T, heap[left] as T) < 0 ? right : left;
    const childItem = heap[child] as T;
    if (compare(childItem, item) >= 0) break;
    heap[i] = childItem;
    i = child;
  }
  heap[i] = item;
}
