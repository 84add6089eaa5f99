/**
 * Google Cloud Pub/Sub for Tributary: an unbounded source with event-time watermarks,
 * deduplication and dead letters, and a sink with batching, ordering keys and retries.
 * @packageDocumentation
 */
export { pubsubSource, PubsubSource, type PubsubSourceOptions } from "./PubsubSource";
export { PubsubReader, type PubsubReaderStats } from "./PubsubReader";
export type { PubsubCheckpointMark } from "./PubsubCheckpointMark";
export type { DedupSnapshot } from "./DedupCache";
export type { PubsubMessage } from "./PubsubMessage";
export type { PubsubConnectionOptions } from "./PubsubConnection";
export { readPubsub, ReadPubsub, type ReadPubsubOptions, type ReadPubsubResult } from "./ReadPubsub";
export type { PubsubDeadLetter, PubsubDeadLetterReason } from "./PubsubDeadLetter";
export { writePubsub, WritePubsub, type WritePubsubOptions, type WritePubsubResult } from "./WritePubsub";
export { PubsubPublishError } from "./PubsubPublishError";
export type { PubsubPublishFailure } from "./PubsubPublishFailure";
export { isTransientPubsubError, type RetryOptions } from "./RetryPolicy";
export { parseEventTimestamp, type EventTimestampResult } from "./EventTimestamp";
export { WatermarkEstimator, type WatermarkEstimatorOptions } from "./WatermarkEstimator";
export type { Logger } from "./Logger";
