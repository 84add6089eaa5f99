/**
 * Tributary core: Beam's model of event-time stream processing for TypeScript — pipelines,
 * transforms, windowing, triggers, state and timers — and an in-process runner.
 * @packageDocumentation
 */
export * from "./time";
export { kv, type KV } from "./values/KV";
export { NO_FIRING, paneInfo, formatPane, type PaneInfo, type Timing } from "./values/PaneInfo";
export type { WindowedValue } from "./values/WindowedValue";

export type { BoundedWindow } from "./windowing/BoundedWindow";
export { IntervalWindow } from "./windowing/IntervalWindow";
export { GlobalWindow } from "./windowing/GlobalWindow";
export type { WindowFn, WindowMerge } from "./windowing/WindowFn";
export { FixedWindows, fixedWindows } from "./windowing/FixedWindows";
export { SlidingWindows, slidingWindows } from "./windowing/SlidingWindows";
export { Sessions, sessions } from "./windowing/Sessions";
export { GlobalWindows, globalWindows } from "./windowing/GlobalWindows";
export { customWindows, type CustomWindowsSpec } from "./windowing/CustomWindowFn";
export type { TimestampCombiner, AccumulationMode, FiringBehavior } from "./windowing/TimestampCombiner";
export { WindowingStrategy, type WindowingStrategyFields } from "./windowing/WindowingStrategy";

export * from "./triggers";

export * from "./coders";

export { Pipeline } from "./model/Pipeline";
export { PCollection } from "./model/PCollection";
export { PTransform, ptransform, type PBegin } from "./model/PTransform";
export { TupleTag, type TagType } from "./model/TupleTag";
export { PipelineConstructionError } from "./model/PipelineError";
export type { TransformNode } from "./model/TransformNode";
export { renderGraph, type RenderGraphOptions } from "./model/renderGraph";

export type { DoFn, ProcessContext, BundleContext, OnTimerContext } from "./transforms/DoFn";
export { ParDo, ParDoWithOutputs, parDo, type ParDoOutputs } from "./transforms/ParDo";
export type { DeadLetter } from "./transforms/DeadLetter";
export { map, flatMap, filter, withKeys, keys, values } from "./transforms/ElementWise";
export { Create, create, createTimestamped } from "./transforms/Create";
export { WindowInto, windowInto, type WindowIntoOptions } from "./transforms/WindowInto";
export { GroupByKey, groupByKey } from "./transforms/GroupByKey";
export { CombinePerKey, combinePerKey, combineGlobally, combineGroupedValues } from "./transforms/Combine";
export { combineFn, fromBinaryFn, type CombineFn, type CombineFnSpec } from "./transforms/CombineFn";
export { combiners } from "./transforms/combiners";
export { Flatten, flatten } from "./transforms/Flatten";
export { partition } from "./transforms/Partition";
export { coGroupByKey, type CoGbkResult } from "./transforms/CoGroupByKey";
export { distinct } from "./transforms/Distinct";
export { reshuffle } from "./transforms/Reshuffle";
export {
  asSingleton,
  asIterable,
  asMap,
  asMultimap,
  SideInputMap,
  type PCollectionView,
} from "./transforms/PCollectionView";

export * from "./state/StateSpec";
export type { TimerSpec } from "./state/TimerSpec";
export { eventTimer, processingTimer, timerFamily } from "./state/TimerSpec";
export type * from "./state/StateAccess";
export type { Timer, TimerAccess } from "./state/TimerAccess";

export type { Counter, Distribution, Gauge, MetricsContext } from "./metrics/MetricsContext";
export type { MetricResult, DistributionValue } from "./metrics/MetricResult";

export type { UnboundedSource, UnboundedReader, SourceBatch } from "./io/UnboundedSource";
export { batchLength } from "./io/UnboundedSource";
export { Read, read } from "./io/Read";

export { Runner } from "./runner/Runner";
export { PipelineResult } from "./runner/PipelineResult";
export {
  environmentFailpoint,
  type FailpointName,
  type RunOptions,
  type StateBackendRequest,
} from "./runner/RunOptions";
export { systemClock, type Clock } from "./runner/Clock";
export { VirtualClock } from "./runner/VirtualClock";
export { CheckpointStore, type StoredCheckpoint } from "./runner/CheckpointStore";
export { openLmdbStateBackend, type LmdbStateBackendOptions } from "./runner/state/openLmdbStateBackend";
export { KvStateBackend, type DurableStateBackendOptions } from "./runner/state/KvStateBackend";
export { InMemoryStateBackend } from "./runner/state/InMemoryStateBackend";
export type { StateBackend, StateNamespace, StateSnapshot, TimerData } from "./runner/state/StateBackend";
export { UserCodeError } from "./runner/UserCodeError";
