import type { Instant } from "../../time/Instant";
import type { PaneInfo } from "../../values/PaneInfo";
import type { WindowedValue } from "../../values/WindowedValue";
import type { BoundedWindow } from "../../windowing/BoundedWindow";
import type { Emitter } from "../Executor";
import type { ElementConsumer } from "./ElementConsumer";

/**
 * The fused readers of an output that several steps read: each element goes to every one of
 * them in turn, and each flushes at the end of the bundle. An output with one fused reader calls
 * it directly; this stands in only when there are more.
 * @internal
 */
export class FanOut implements ElementConsumer {
  private readonly list: ElementConsumer[];

  constructor(first: ElementConsumer, second: ElementConsumer) {
    this.list = [first, second];
  }

  /** The readers, in the order each element reaches them. */
  get readers(): readonly ElementConsumer[] {
    return this.list;
  }

  add(reader: ElementConsumer): void {
    this.list.push(reader);
  }

  processElement(
    value: unknown,
    timestamp: Instant,
    windows: readonly BoundedWindow[],
    pane: PaneInfo,
  ): void {
    const readers = this.list;
    for (let i = 0; i < readers.length; i++) readers[i]!.processElement(value, timestamp, windows, pane);
  }

  flush(): void {
    const readers = this.list;
    for (let i = 0; i < readers.length; i++) readers[i]!.flush();
  }
}

/**
 * The readers of a fused output that take bundles (unfused steps, a collector), as one more
 * fused reader: it bundles the elements and hands the bundle to the output's emitter at the end
 * of each bundle. The fused output counted each element already, so the bundle is delivered
 * without being counted again.
 * @internal
 */
export class BundlingReader implements ElementConsumer {
  private buffer: WindowedValue<unknown>[] = [];

  constructor(private readonly emitter: Emitter) {}

  processElement(
    value: unknown,
    timestamp: Instant,
    windows: readonly BoundedWindow[],
    pane: PaneInfo,
  ): void {
    this.buffer.push({ value, timestamp, windows, pane });
  }

  flush(): void {
    if (this.buffer.length === 0) return;
    const bundle = this.buffer;
    this.buffer = [];
    this.emitter.deliver(bundle);
  }
}
