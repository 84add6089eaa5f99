/** A monotonically increasing count. @public */
export interface Counter {
  inc(n?: number): void;
}
/** Statistics of observed values: count, sum, min, max. @public */
export interface Distribution {
  update(value: number): void;
}
/** The latest observed value. @public */
export interface Gauge {
  set(value: number): void;
}

/**
 * Where a DoFn records metrics for its step. Metrics objects are cached by name: looking one up
 * per element costs a map lookup; keep the object from `startBundle` on hot paths.
 * @public
 */
export interface MetricsContext {
  counter(name: string): Counter;
  distribution(name: string): Distribution;
  gauge(name: string): Gauge;
}
