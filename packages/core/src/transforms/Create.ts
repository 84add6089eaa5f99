import { structuralCoder } from "../coders";
import type { PCollection } from "../model/PCollection";
import { PTransform, type PBegin } from "../model/PTransform";
import type { Instant } from "../time/Instant";
import { WindowingStrategy } from "../windowing/WindowingStrategy";

/**
 * A bounded PCollection of the given values, in the global window. Without timestamps every
 * element is at MIN_TIMESTAMP, as in Beam.
 * @public
 */
export class Create<T> extends PTransform<PBegin, PCollection<T>> {
  constructor(
    readonly values: readonly T[],
    readonly timestamps?: readonly Instant[],
  ) {
    super("Create");
    if (timestamps && timestamps.length !== values.length) {
      throw new RangeError(`createTimestamped: ${values.length} values but ${timestamps.length} timestamps`);
    }
  }

  expand(input: PBegin): PCollection<T> {
    const spec = this.timestamps
      ? { kind: "create" as const, values: this.values, timestamps: this.timestamps }
      : { kind: "create" as const, values: this.values };
    return input.pipeline
      .definePrimitive(spec, {
        main: { windowing: WindowingStrategy.GLOBAL_DEFAULT, isBounded: true, coder: structuralCoder },
      })
      .get("main") as PCollection<T>;
  }

  override toString(): string {
    return `create(${this.values.length} elements)`;
  }
}

/**
 * A bounded PCollection of `values`.
 * @example
 * ```ts
 * const words = p.apply(create(["a", "b", "a"]));
 * ```
 * @public
 */
export function create<T>(values: readonly T[]): Create<T> {
  return new Create(values);
}

/**
 * A bounded PCollection of values with event timestamps.
 * @example
 * ```ts
 * p.apply(createTimestamped([{ value: "click", timestamp: 1_000 }]));
 * ```
 * @public
 */
export function createTimestamped<T>(elements: ReadonlyArray<{ value: T; timestamp: Instant }>): Create<T> {
  return new Create(
    elements.map((e) => e.value),
    elements.map((e) => e.timestamp),
  );
}
