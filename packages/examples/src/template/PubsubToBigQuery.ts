import { flatten, read, systemClock, type Clock, type Pipeline, type PipelineResult } from "@tributary/core";
import type { PubSub } from "@google-cloud/pubsub";
import { pubsubSource } from "@tributary/io-pubsub";
import { writeBigQuery, type TableSchema, type WriteBackend } from "@tributary/io-bigquery";
import { CountingSource, type SourceProgress } from "../sources/CountingSource";
import { DEAD_LETTER_SCHEMA, deadLetterRow, type MessageDeadLetter } from "../sources/MessageDeadLetter";
import { ParseMessages, deadLetterOf, type Parsed } from "../sources/parseMessages";

/** Options of the Pub/Sub → BigQuery template. @public */
export interface PubsubToBigQueryOptions {
  readonly pubsub: PubSub;
  readonly inputSubscription: string;
  /** `dataset.table` or `project:dataset.table`. */
  readonly outputTable: string;
  readonly schema: TableSchema;
  /** Default `<outputTable>_error_records` (Dataflow's name). */
  readonly deadLetterTable?: string;
  /** Event time from this attribute (epoch ms or RFC 3339); default the publish time. */
  readonly timestampAttribute?: string;
  /** Deduplicate redeliveries by this attribute (default the message id). */
  readonly idAttribute?: string;
  readonly backend: WriteBackend;
  readonly clock?: Clock;
}

/** A JSON message body: one row. @internal */
type JsonRow = Readonly<Record<string, unknown>>;

function asRow(json: unknown): JsonRow {
  if (typeof json !== "object" || json === null || Array.isArray(json))
    throw new TypeError("the message must be a JSON object (one row)");
  return json as JsonRow;
}

/** The dead-letter table of `outputTable`. @public */
export function defaultDeadLetterTable(outputTable: string): string {
  return `${outputTable}_error_records`;
}

/**
 * The Pub/Sub → BigQuery template (Dataflow's "Pub/Sub Subscription to BigQuery"), built on
 * `pipeline`: every message of `inputSubscription` is a JSON object that becomes one row of
 * `outputTable` (checked against `schema` by the sink, which creates the table if needed), with
 * event time from `timestampAttribute`. Messages with a bad timestamp, that are not JSON
 * objects, and rows the sink rejects go to the dead-letter table with the raw payload, the
 * attributes, the stage and the error — exactly one record each, and they never stop the job.
 * @returns the source (its progress) for the caller to watch.
 * @public
 */
export function pubsubToBigQuery(
  pipeline: Pipeline,
  options: PubsubToBigQueryOptions & {
    readonly drain?: AbortSignal;
    readonly onProgress?: (p: SourceProgress) => void;
  },
): CountingSource<unknown, unknown> {
  const clock = options.clock ?? systemClock;
  const source = new CountingSource(
    pubsubSource({
      subscription: options.inputSubscription,
      client: options.pubsub,
      ...(options.timestampAttribute !== undefined && { timestampAttribute: options.timestampAttribute }),
      ...(options.idAttribute !== undefined && { idAttribute: options.idAttribute }),
      ...(options.drain !== undefined && { drain: options.drain }),
      clock,
    }),
    options.onProgress,
  );
  const { parsed, deadLetters } = pipeline
    .apply("ReadMessages", read(source))
    .apply("ParseMessages", new ParseMessages(asRow, clock));
  const { failedRows } = parsed.apply(
    "WriteRows",
    writeBigQuery<Parsed<JsonRow>>({
      table: options.outputTable,
      schema: options.schema,
      backend: options.backend,
      formatRow: (x) => x.value,
    }),
  );
  const rejected = failedRows.map(
    (f) => deadLetterOf(f.element.message, "write", f.reason, clock.now()),
    "RejectedRows",
  );
  flatten([deadLetters, rejected], "AllDeadLetters").apply(
    "WriteDeadLetters",
    writeBigQuery<MessageDeadLetter>({
      table: options.deadLetterTable ?? defaultDeadLetterTable(options.outputTable),
      schema: DEAD_LETTER_SCHEMA,
      backend: options.backend,
      formatRow: deadLetterRow,
      timePartitioning: { type: "DAY", field: "failed_at" },
    }),
  );
  return source;
}

/** Runs {@link pubsubToBigQuery} until `stop` aborts (then drains: what was received is written). @public */
export async function runPubsubToBigQuery(
  pipeline: Pipeline,
  options: PubsubToBigQueryOptions & {
    readonly stop: AbortSignal;
    readonly onProgress?: (p: SourceProgress) => void;
  },
): Promise<{ result: PipelineResult; messages: number }> {
  const source = pubsubToBigQuery(pipeline, { ...options, drain: options.stop });
  const result = await pipeline.run({ collectLeaves: false, ...(options.clock && { clock: options.clock }) });
  return { result, messages: source.current.elements };
}
