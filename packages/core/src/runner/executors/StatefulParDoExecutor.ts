import type { MetricsContainer } from "../../metrics/MetricsContainer";
import type { TransformNode } from "../../model/TransformNode";
import type { StateAccess } from "../../state/StateAccess";
import type { TimerAccess } from "../../state/TimerAccess";
import type { DoFn, OnTimerContext } from "../../transforms/DoFn";
import type { PCollectionView } from "../../transforms/PCollectionView";
import { MIN_TIMESTAMP, type Instant } from "../../time/Instant";
import { NO_FIRING, type PaneInfo } from "../../values/PaneInfo";
import type { BoundedWindow } from "../../windowing/BoundedWindow";
import type { WindowingStrategy } from "../../windowing/WindowingStrategy";
import type { Emitter } from "../Executor";
import { isDroppable, keyIdOf, kvOf } from "../keyOf";
import type { StateBackendRequest } from "../RunOptions";
import { KeyedStateRuntime } from "../state/KeyedStateRuntime";
import { KeyNamespace } from "../state/KeyNamespace";
import type { StateBackend, StateNamespace, StateSnapshot, TimerData } from "../state/StateBackend";
import { UserCodeError } from "../UserCodeError";
import { ELEMENT_PATH, ParDoExecutor } from "./ParDoExecutor";

/** True when `fn` declares state, timers or a window-expiration callback: it runs keyed. @internal */
export function declaresState(fn: DoFn<unknown, unknown>): boolean {
  return (
    Object.keys(fn.state ?? {}).length > 0 ||
    Object.keys(fn.timers ?? {}).length > 0 ||
    fn.onWindowExpiration !== undefined
  );
}

/**
 * The executor of a DoFn with state or timers: each element is processed in the namespace of its
 * key and window, one at a time in arrival order; event- and processing-time timers fire
 * `onTimer` (and the end of a window's state `onWindowExpiration`); the timers' output timestamps
 * hold the output watermark; and the state and timers go into checkpoints. Everything else —
 * lifecycle, side inputs, outputs, retries and dead letters — is the {@link ParDoExecutor}'s.
 * @internal
 */
export class StatefulParDoExecutor extends ParDoExecutor implements OnTimerContext<unknown> {
  private readonly keyed: KeyedStateRuntime;
  // The firing timer, while onTimer runs.
  timerId = "";
  dynamicTag = "";
  fireTimestamp: Instant = MIN_TIMESTAMP;
  timeDomain: "EVENT_TIME" | "PROCESSING_TIME" = "EVENT_TIME";

  constructor(
    node: TransformNode,
    outputs: ReadonlyMap<string, Emitter>,
    fn: DoFn<unknown, unknown>,
    sideInputViews: readonly PCollectionView<unknown>[],
    deadLetters: boolean,
    maxRetries: number,
    metrics: MetricsContainer,
    strategy: WindowingStrategy,
    now: () => Instant,
    backend: (request: StateBackendRequest) => StateBackend,
  ) {
    super(node, outputs, fn, sideInputViews, deadLetters, maxRetries, metrics, strategy);
    this.keyed = new KeyedStateRuntime(
      node.fullName,
      backend({ step: node.fullName, windowCoder: strategy.windowFn.windowCoder }),
      fn,
      strategy,
      now,
      fn.allowedTimestampSkew ?? 0,
    );
  }

  override async teardown(): Promise<void> {
    await super.teardown();
    await this.keyed.backend.close?.();
  }

  /** The element path without `processInWindows`: the keyed one refers to this module's imports. */
  override elementPath(): readonly string[] {
    return ELEMENT_PATH.filter((name) => name !== "processInWindows");
  }

  /** Never a step of a compiled chain: each element runs in its key's namespace. */
  override chainStep(): undefined {
    return undefined;
  }

  override get state(): StateAccess {
    return this.keyed.state;
  }

  override get timers(): TimerAccess {
    return this.keyed.timers;
  }

  /** One element, once per window in the namespace of its key and that window. */
  protected override processInWindows(
    value: unknown,
    timestamp: Instant,
    windows: readonly BoundedWindow[],
    pane: PaneInfo,
  ): void {
    const keyed = this.keyed;
    const key = kvOf(this.step, value, "a DoFn with state or timers needs").key;
    // A number is always encodable; any other key is checked (and encoded) up front.
    const keyId = typeof key === "number" ? undefined : keyIdOf(this.step, value, key);
    this.timestamp = timestamp;
    if (this.pane !== pane) this.pane = pane; // as ParDoExecutor's: no store while unchanged
    this.key = key;
    for (const w of windows) {
      if (isDroppable(w, this.strategy.allowedLateness, this.inputWatermark)) {
        this.metrics.counter("droppedDueToLateness").inc();
        continue;
      }
      if (windows.length !== 1) {
        this.window = w;
        this.windows = [w];
      } else if (this.windows !== windows) {
        this.window = w;
        this.windows = windows;
      }
      keyed.enter(new KeyNamespace(key, w, keyId), timestamp);
      this.invoke(this.fn, value);
    }
    keyed.ns = undefined;
  }

  private readonly fireTimer = (ns: StateNamespace, t: TimerData): void => {
    this.startBundleIfNeeded();
    this.enterTimer(ns, t.outputTimestamp);
    this.timerId = t.timerId;
    this.dynamicTag = t.tag;
    this.fireTimestamp = t.fireTimestamp;
    this.timeDomain = t.domain;
    try {
      this.fn.onTimer?.(this);
    } catch (e) {
      throw new UserCodeError(
        this.step,
        { key: ns.key, timer: t.timerId, tag: t.tag, at: t.fireTimestamp },
        e,
      );
    }
  };

  private readonly expire = (ns: StateNamespace): void => {
    if (!this.fn.onWindowExpiration) return;
    this.startBundleIfNeeded();
    this.enterTimer(ns, ns.window.maxTimestamp());
    this.timerId = "";
    this.dynamicTag = "";
    this.fireTimestamp = ns.window.maxTimestamp();
    this.timeDomain = "EVENT_TIME";
    try {
      this.fn.onWindowExpiration(this);
    } catch (e) {
      throw new UserCodeError(this.step, { key: ns.key, window: ns.window.toString() }, e);
    }
  };

  private enterTimer(ns: StateNamespace, timestamp: Instant): void {
    this.keyed.enter(ns, timestamp);
    this.timestamp = timestamp;
    this.window = ns.window;
    // Windows handed out are never changed: a callback in the window of the last reuses its array.
    if (this.windows.length !== 1 || this.windows[0] !== ns.window) this.windows = [ns.window];
    this.pane = NO_FIRING;
    this.key = ns.key;
  }

  protected override fireEventTimers(): void {
    this.keyed.fireEventTimers(this.inputWatermark, this.fireTimer, this.expire);
    this.keyed.ns = undefined;
    this.flush();
  }

  protected override stateHold(): Instant {
    return this.keyed.minHold();
  }

  override fireProcessingTimers(now: Instant): boolean {
    const fired = this.keyed.fireProcessingTimers(now, this.fireTimer);
    this.keyed.ns = undefined;
    this.flush();
    return fired;
  }

  override nextProcessingTimer(): Instant {
    return this.keyed.nextProcessingTimer();
  }

  override snapshotState(): StateSnapshot {
    return this.keyed.snapshot();
  }

  override restoreState(snapshot: StateSnapshot): void {
    this.keyed.restore(snapshot);
  }
}
