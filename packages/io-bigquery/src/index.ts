/**
 * Tributary's BigQuery sink: `writeBigQuery` on the Storage Write API (exactly-once on
 * committed streams, or at-least-once on the default stream) and legacy insertAll, plus an
 * embedded DuckDB backend that plays BigQuery's role for local runs.
 * @packageDocumentation
 */
export { writeBigQuery, WriteToBigQuery, type WriteToBigQueryResult } from "./WriteToBigQuery";
export type { WriteToBigQueryOptions, DestinationContext, BatchingOptions } from "./WriteToBigQueryOptions";
export type { FailedRow } from "./FailedRow";
export { WRITE_METHODS, type WriteMethod } from "./WriteMethod";
export type { TableSchema, TableFieldSchema, FieldType, FieldMode } from "./TableSchema";
export { standardType, type StandardType } from "./StandardType";
export type { TableLayout, TimePartitioning } from "./TableLayout";
export { parseTableReference, formatTableReference, type TableReference } from "./TableReference";
export type { TableDestination } from "./TableDestination";
export type { CanonicalRow, CanonicalValue } from "./CanonicalRow";
export { RowValidator, type RowValidation, type RowValidatorOptions } from "./RowValidator";
export { SchemaError } from "./SchemaError";
export { WriteError } from "./WriteError";
export { classifyError, type ErrorClass } from "./classifyError";
export { resolveRetryPolicy, type RetryPolicy } from "./RetryPolicy";
export { insertIdFor } from "./insertIdFor";
export type { TableWriter, PendingRow, RowError, WriteAttempt } from "./TableWriter";
export type { WriteBackend, OpenWriterOptions } from "./WriteBackend";
export type { PreparedWrites } from "./PreparedWrites";
export { bigQueryBackend, BigQueryBackend, type BigQueryBackendOptions } from "./bigQueryBackend";
export { StorageWriteTableWriter, type StreamPosition } from "./StorageWriteTableWriter";
export { StorageWriteStream, type AppendOutcome, type StorageWriteStreamType } from "./StorageWriteStream";
export { InsertAllTableWriter } from "./InsertAllTableWriter";
export { duckDbBackend, DuckDbBackend, type DuckDbBackendOptions } from "./duckDbBackend";
export { DuckDbTableWriter } from "./DuckDbTableWriter";
