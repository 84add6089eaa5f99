import type { CheckpointAnatomy } from "./measureCheckpointAnatomy";

/**
 * One line the recovery child prints on stdout (JSON): what happened and when. `at` is epoch
 * milliseconds with sub-millisecond precision (`performance.timeOrigin + performance.now()`),
 * comparable with the controller's clock.
 * @public
 */
export type ChildEvent =
  /** The child's modules are loaded; the runner is about to start. */
  | { readonly event: "started"; readonly at: number }
  /** The newest checkpoint (if any) is read, decoded and restored; the source opened at `offset`. */
  | { readonly event: "restored"; readonly at: number; readonly offset: number }
  /** The first bundle since the start went through the stateful step. */
  | { readonly event: "firstBundle"; readonly at: number }
  /** A checkpoint began: state snapshot, encoding, file write. */
  | { readonly event: "checkpointStarted"; readonly at: number }
  /** The checkpoint's temporary file is written and fsynced (not yet renamed). */
  | { readonly event: "checkpointFileWritten"; readonly at: number }
  /** The checkpoint is durable (renamed, directory fsynced); its source mark is `offset`. */
  | {
      readonly event: "checkpointDurable";
      readonly at: number;
      readonly offset: number;
      readonly verified: number;
      readonly mismatches: number;
      readonly firstMismatch?: string;
    }
  /** Printed by `--anatomy` runs instead of running the pipeline. */
  | { readonly event: "anatomy"; readonly at: number; readonly anatomy: CheckpointAnatomy }
  /** The stream ended and the output is written. */
  | {
      readonly event: "drained";
      readonly at: number;
      readonly end: number;
      readonly verified: number;
      readonly mismatches: number;
      readonly firstMismatch?: string;
    };

/** Now, as epoch milliseconds with sub-millisecond precision. @public */
export function preciseNow(): number {
  return performance.timeOrigin + performance.now();
}

/** Parses one stdout line of the child; undefined for lines that are not events. @public */
export function parseChildEvent(line: string): ChildEvent | undefined {
  if (!line.startsWith("{")) return undefined;
  const parsed = JSON.parse(line) as { event?: unknown };
  return typeof parsed.event === "string" ? (parsed as ChildEvent) : undefined;
}
