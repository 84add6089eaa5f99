/**
 * Tributary's example pipelines — clickstream analytics, product recommendations and fraud
 * detection — with the seeded click-stream generator they run on and the output seam they write
 * through. The CLI (`pnpm start`) runs them end to end.
 * @packageDocumentation
 */
export type { ClickEvent, EventType, Device } from "./datagen/ClickEvent";
export type { FraudLabel, FraudPattern } from "./datagen/FraudLabel";
export type { ClickStreamOptions } from "./datagen/ClickStreamOptions";
export { ClickStreamGenerator } from "./datagen/ClickStreamGenerator";
export { generateClickStream, type GeneratedClickStream } from "./datagen/generateClickStream";
export {
  ClickStreamSource,
  type ClickStreamSourceOptions,
  type ClickStreamCheckpoint,
} from "./datagen/ClickStreamSource";
export { Random } from "./datagen/Random";
export { Zipf } from "./datagen/Zipf";
export { CITIES, CATEGORIES, REFERRERS, type City, type Product } from "./datagen/Catalog";
export { haversineKm } from "./geo/haversineKm";

export { toWindowedRows, windowFieldsOf, type WindowFields } from "./rows/windowFields";

export * from "./clickstream/ClickstreamAnalytics";
export { funnelFn, FUNNEL_STEPS, type FunnelCounts } from "./clickstream/funnelFn";
export { sessionStatsFn, type SessionStats } from "./clickstream/sessionStatsFn";
export { sessionSummaryFn, type SessionSummary } from "./clickstream/sessionSummaryFn";

export * from "./recommendations/ProductRecommendations";
export * from "./recommendations/RelatedProducts";

export * from "./fraud/FraudDetection";
export type { FraudAlert, FraudRule } from "./fraud/FraudAlert";
export * from "./fraud/WindowedCountRule";
export * from "./fraud/ImpossibleTravelRule";
export * from "./fraud/HighValuePurchaseRule";

export type { Outputs, TableHints } from "./outputs/Outputs";
export { jsonLinesOutputs, jsonLinesSink } from "./outputs/jsonLinesOutputs";
export { memoryOutputs } from "./outputs/memoryOutputs";
export { teeOutputs } from "./outputs/teeOutputs";

export { runExamples, type RunExamplesOptions, type ExamplesRun } from "./cli/runExamples";
export { scoreAlerts, type AlertScore } from "./cli/scoreAlerts";
