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
export * from "./fraud/BurstRule";
export * from "./fraud/ImpossibleTravelRule";
export * from "./fraud/HighValueFirstPurchaseRule";
export { fraudOracle, type ExpectedAlert } from "./oracles/fraudOracle";

export type { Outputs } from "./outputs/Outputs";
export type { TableSpec } from "./outputs/TableSpec";
export { EXAMPLE_TABLES, type ExampleTable } from "./outputs/exampleTables";
export {
  bigQueryOutputs,
  type BigQueryOutputsOptions,
  type FailedRowRecord,
} from "./outputs/bigQueryOutputs";
export { jsonLinesOutputs, jsonLinesSink } from "./outputs/jsonLinesOutputs";
export { memoryOutputs } from "./outputs/memoryOutputs";
export { teeOutputs } from "./outputs/teeOutputs";

export { CountingSource, type SourceProgress } from "./sources/CountingSource";
export { safeJsonParse } from "./sources/safeJsonParse";
export { parseClickEvent } from "./sources/parseClickEvent";
export { ParseMessages, deadLetterOf, type Parsed, type ParsedMessages } from "./sources/parseMessages";
export { DEAD_LETTER_SCHEMA, deadLetterRow, type MessageDeadLetter } from "./sources/MessageDeadLetter";
export * from "./cloud/CloudConfig";
export * from "./cloud/publishClickStream";
export * from "./template/PubsubToBigQuery";

export {
  runExamples,
  pastStartTime,
  CLICK_DEAD_LETTERS_TABLE,
  type RunExamplesOptions,
  type ExamplesRun,
  type PubsubClickInput,
} from "./cli/runExamples";
export { scoreAlerts, type AlertScore } from "./cli/scoreAlerts";
