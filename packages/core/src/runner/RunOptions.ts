import type { PCollection } from "../model/PCollection";
import type { Clock } from "./Clock";
import type { StateBackend } from "./state/StateBackend";
import type { Coder } from "../coders/Coder";
import type { BoundedWindow } from "../windowing/BoundedWindow";

/** What the runner tells a state backend factory: which step the backend is for. @public */
export interface StateBackendRequest {
  /** The stateful step's full name (one backend per step: give each its own store or prefix). */
  readonly step: string;
  /** Encodes the step's windows (for backends that store them). */
  readonly windowCoder: Coder<BoundedWindow>;
}

/** The named points of a run where a test can crash it. @public */
export type FailpointName =
  "after-receive" | "before-checkpoint" | "during-checkpoint-write" | "before-commit" | "before-ack";

/** The default failpoint hook: SIGKILL this process when TRIBUTARY_FAILPOINT names the point. @public */
export function environmentFailpoint(name: FailpointName): void {
  if (process.env["TRIBUTARY_FAILPOINT"] === name) process.kill(process.pid, "SIGKILL");
}

/**
 * The default failpoint hook of one run: TRIBUTARY_FAILPOINT is read once, as the run starts
 * (reading the environment on every bundle costs about 1% of a simple pipeline's time).
 * @internal
 */
export function failpointOfEnvironment(): (name: FailpointName) => void {
  const armed = process.env["TRIBUTARY_FAILPOINT"];
  if (!armed) return () => {};
  return (name) => {
    if (name === armed) process.kill(process.pid, "SIGKILL");
  };
}

/**
 * Options of an in-process run.
 * @public
 */
export interface RunOptions {
  /** Elements per bundle read from bounded sources (default 1000). */
  readonly bundleSize?: number;
  /** Processing time; default the system clock, or a virtual clock when the pipeline has a TestStream. */
  readonly clock?: Clock;
  /** PCollections whose elements the result keeps, besides the leaves (see `collectLeaves`). */
  readonly collect?: readonly PCollection<unknown>[];
  /**
   * Keep every PCollection that no step reads (default true), so results can be inspected. Turn
   * it off for long runs whose outputs go to sinks: kept elements stay in memory until the end.
   */
  readonly collectLeaves?: boolean;
  /** Stops an unbounded run. */
  readonly signal?: AbortSignal;
  /**
   * Periodic checkpoints into `directory`. A run restores the newest complete checkpoint there
   * before it starts. In "exactly-once" mode (the default) a source's input is acknowledged only
   * after a durable checkpoint covers it; in "at-least-once" mode it is acknowledged as soon as
   * every step has processed it (lower latency; a crash replays what followed the last checkpoint
   * and may lose what grouping steps held).
   */
  readonly checkpoints?: {
    readonly directory: string;
    /** Processing time from the end of one checkpoint to the start of the next (default 10 s). */
    readonly intervalMillis?: number;
    /** How many complete checkpoints to keep (default 2). */
    readonly keep?: number;
    readonly mode?: "exactly-once" | "at-least-once";
  };
  /**
   * Called at named points of the run, to test recovery: "after-receive" (a source produced a
   * bundle), "before-checkpoint" (bundles processed, checkpoint not yet written),
   * "during-checkpoint-write" (temporary file written, not yet renamed), "before-commit"
   * (checkpoint durable, sinks not yet committed), "before-ack" (committed, input not yet
   * acknowledged). The default kills the process with SIGKILL when the environment variable
   * TRIBUTARY_FAILPOINT names the point (read as the run starts), and does nothing otherwise.
   */
  readonly failpoint?: (name: FailpointName) => void;
  /** Makes the state backend of each stateful step (default: in memory). */
  readonly stateBackend?: (step: StateBackendRequest) => StateBackend;
  /** How long to wait before polling idle unbounded sources again, in ms (default 5). */
  readonly idlePollMillis?: number;
  /**
   * Fuse chains of element-wise steps (default true): a source, WindowInto or ParDo hands its
   * main output element by element to each step after it that can take it so (a ParDo, on its
   * main input; a grouping step), so no bundle or WindowedValue is allocated in between; readers
   * that cannot (a flatten, a ParDo's side input, a collected output) still get bundles. Results, element
   * counts, metrics, dead letters and error step names are the same either way; false runs every
   * step on its own bundles.
   */
  readonly fusion?: boolean;
}
