/** Where a query (pipeline or baseline) writes each output. @public */
export interface Sink<T> {
  accept(value: T): void;
}

/** Keeps every output, for correctness tests. @public */
export class CollectingSink<T> implements Sink<T> {
  readonly values: T[] = [];
  accept(value: T): void {
    this.values.push(value);
  }
}

/** Counts outputs without keeping them, so a long run's memory is the query's own. @public */
export class CountingSink implements Sink<unknown> {
  count = 0;
  accept(_value: unknown): void {
    this.count++;
  }
}
