import { structuralCoder } from "../coders";
import type { PCollection } from "../model/PCollection";
import { PTransform, type PBegin } from "../model/PTransform";
import { WindowingStrategy } from "../windowing/WindowingStrategy";
import type { UnboundedSource } from "./UnboundedSource";

/**
 * Reads an {@link UnboundedSource} into an unbounded PCollection in the global window, each
 * element at the event timestamp the source gives it.
 * @example
 * ```ts
 * const clicks = p.apply("ReadClicks", read(clickSource));
 * ```
 * @public
 */
export class Read<T> extends PTransform<PBegin, PCollection<T>> {
  constructor(readonly source: UnboundedSource<T, unknown>) {
    super("Read");
  }

  expand(input: PBegin): PCollection<T> {
    return input.pipeline
      .definePrimitive(
        { kind: "read", source: this.source },
        { main: { windowing: WindowingStrategy.GLOBAL_DEFAULT, isBounded: false, coder: structuralCoder } },
      )
      .get("main") as PCollection<T>;
  }

  override toString(): string {
    return `read(${this.source.toString()})`;
  }
}

/** Reads an unbounded source. @see Read @public */
export function read<T>(source: UnboundedSource<T, unknown>): Read<T> {
  return new Read(source);
}
