import type { StreamedInput } from "./StreamedInput";

/**
 * A read-only array view of a {@link StreamedInput} for the baselines, which read
 * `events.length` and `events[i]` in order: it holds one batch of `batchSize` elements (batches
 * start at multiples of `batchSize`, the source's batches, so Q12's baseline can look ahead to
 * the end of its batch) and generates the next batch when an index past it is read.
 *
 * A Proxy, so each read costs far more than an array's: a baseline over it measures memory, not
 * speed.
 * @throws RangeError (on read) for an index before the buffered batch, and Error for any
 * property other than `length` and indices — what a baseline may do with a stream it cannot
 * hold.
 * @public
 */
export function streamedView<T>(input: StreamedInput<T>, batchSize: number): readonly T[] {
  if (!(Number.isInteger(batchSize) && batchSize > 0))
    throw new RangeError(`batchSize must be a positive integer, got ${batchSize}`);
  const generator = input.start();
  const batch: T[] = [];
  let batchStart = 0;
  const fillBatchHolding = (index: number): void => {
    while (index >= batchStart + batch.length) {
      batchStart += batch.length;
      batch.length = Math.min(batchSize, input.count - batchStart);
      for (let i = 0; i < batch.length; i++) batch[i] = generator.next();
    }
  };
  return new Proxy([] as T[], {
    get(_target, property) {
      if (property === "length") return input.count;
      const index = typeof property === "string" ? Number(property) : NaN;
      if (!Number.isInteger(index) || index < 0)
        throw new Error(
          `streamedView: a baseline reads its streamed input by length and index only, not ${String(property)}`,
        );
      if (index >= input.count) return undefined;
      if (index < batchStart)
        throw new RangeError(
          `streamedView: index ${index} is before the buffered batch [${batchStart}, ${batchStart + batch.length})`,
        );
      fillBatchHolding(index);
      return batch[index - batchStart];
    },
  });
}
