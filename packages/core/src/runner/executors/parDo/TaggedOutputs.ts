import type { TupleTag } from "../../../model/TupleTag";
import type { WindowedValue } from "../../../values/WindowedValue";
import type { Emitter } from "../../Executor";

/**
 * A ParDo's additional outputs (every tag but main), each buffered until the step flushes, and
 * rolled back to a mark when an attempt of `process` fails.
 * @internal
 */
export class TaggedOutputs {
  private readonly buffers = new Map<string, WindowedValue<unknown>[]>();

  constructor(tags: Iterable<string>) {
    for (const tag of tags) if (tag !== "main") this.buffers.set(tag, []);
  }

  /**
   * Buffers `wv` for the output `tag`.
   * @throws Error when the ParDo does not declare that output.
   */
  push(tag: TupleTag<unknown>, wv: WindowedValue<unknown>): void {
    const buffer = this.buffers.get(tag.id);
    if (!buffer)
      throw new Error(`output ${tag.toString()} is not declared; add it with parDo(fn).withOutputs({ ... })`);
    buffer.push(wv);
  }

  /** Buffers `wv` for the output with id `tagId`, which the runner itself declared (dead letters). */
  pushById(tagId: string, wv: WindowedValue<unknown>): void {
    this.buffers.get(tagId)!.push(wv);
  }

  /** Appends each buffer's length to `marks`, to roll back to later. */
  mark(marks: number[]): void {
    for (const b of this.buffers.values()) marks.push(b.length);
  }

  /** Drops what each buffer took since `marks`, read from `marks[from]` on in `mark`'s order. */
  rollback(marks: readonly number[], from: number): void {
    let i = from;
    for (const b of this.buffers.values()) b.length = marks[i++]!;
  }

  /** Emits each non-empty buffer as one bundle to its tag's emitter, and starts it anew. */
  flush(emitters: ReadonlyMap<string, Emitter>): void {
    // Once per bundle, and most ParDos have no other output: no iterator made then.
    if (this.buffers.size === 0) return;
    for (const [tag, buffer] of this.buffers) {
      if (buffer.length === 0) continue;
      this.buffers.set(tag, []);
      emitters.get(tag)!.emit(buffer);
    }
  }
}
