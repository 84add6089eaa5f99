import type { PubSub } from "@google-cloud/pubsub";
import {
  Pipeline,
  minutes,
  read,
  systemClock,
  type Clock,
  type Instant,
  type PCollection,
  type PipelineResult,
} from "@tributary/core";
import { pubsubSource, writePubsub } from "@tributary/io-pubsub";
import { ClickstreamAnalytics } from "../clickstream/ClickstreamAnalytics";
import { ensureSubscription, ensureTopic } from "../cloud/CloudConfig";
import {
  EVENT_ID_ATTRIBUTE,
  EVENT_TIME_ATTRIBUTE,
  publishClickStream,
  type PublishedClickStream,
} from "../cloud/publishClickStream";
import type { ClickEvent } from "../datagen/ClickEvent";
import { ClickStreamSource } from "../datagen/ClickStreamSource";
import type { ClickStreamOptions } from "../datagen/ClickStreamOptions";
import type { FraudLabel } from "../datagen/FraudLabel";
import { FraudDetection } from "../fraud/FraudDetection";
import { EXAMPLE_TABLES } from "../outputs/exampleTables";
import { memoryOutputs } from "../outputs/memoryOutputs";
import type { Outputs } from "../outputs/Outputs";
import type { TableSpec } from "../outputs/TableSpec";
import { teeOutputs } from "../outputs/teeOutputs";
import { ProductRecommendations } from "../recommendations/ProductRecommendations";
import { CountingSource, type SourceProgress } from "../sources/CountingSource";
import { DEAD_LETTER_SCHEMA, deadLetterRow, type MessageDeadLetter } from "../sources/MessageDeadLetter";
import { parseClickEvent } from "../sources/parseClickEvent";
import { ParseMessages } from "../sources/parseMessages";
import type { PipelineName } from "./parseCliArgs";

/** Read the clicks from Pub/Sub: the CLI publishes the synthetic stream to `topic` and reads it back from `subscription`. @public */
export interface PubsubClickInput {
  readonly pubsub: PubSub;
  readonly topic: string;
  readonly subscription: string;
}

/** What to run. @public */
export interface RunExamplesOptions {
  readonly pipelines: readonly PipelineName[];
  /** The synthetic stream; `maxEvents` or `durationMs` should bound it. */
  readonly stream: ClickStreamOptions;
  /** Where the clicks come from: the in-process generator (default) or Pub/Sub. */
  readonly pubsub?: PubsubClickInput;
  /** Publish fraud alerts to this Pub/Sub topic too (created if missing). */
  readonly alertsTopic?: { readonly pubsub: PubSub; readonly topic: string };
  /** Where results go besides the in-memory copy used for the summary. */
  readonly outputs?: Outputs;
  readonly ratePerSecond?: number;
  readonly clock?: Clock;
  readonly signal?: AbortSignal;
  /** Called after every read from the source. */
  readonly onProgress?: (progress: SourceProgress) => void;
}

/** A finished run. @public */
export interface ExamplesRun {
  readonly pipeline: Pipeline;
  readonly result: PipelineResult;
  /** Events read by the pipeline. */
  readonly events: number;
  /** The injected fraud (ground truth for scoring alerts). */
  readonly labels: readonly FraudLabel[];
  /** Every output table's rows, for the summary. */
  readonly tables: ReturnType<typeof memoryOutputs>;
  readonly elapsedMs: number;
}

const snake = (s: string) => s.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** The table the pub/sub path writes bad click messages to. @public */
export const CLICK_DEAD_LETTERS_TABLE = "clicks_dead_letters";

/**
 * A start time that puts every event of a `maxEvents` stream in the past (the Pub/Sub source's
 * watermark never runs ahead of processing time): midnight UTC, far enough back, so it is the
 * same all day.
 * @public
 */
export function pastStartTime(now: Instant, stream: ClickStreamOptions): Instant {
  const eventsPerSecond = stream.eventsPerSecond ?? 50;
  const spanMs = stream.durationMs ?? ((stream.maxEvents ?? 1_000_000) / eventsPerSecond) * 1000 * 3;
  const day = 86_400_000;
  return Math.floor((now - spanMs) / day) * day - day;
}

/**
 * Builds one pipeline that reads the click stream once — from the in-process generator or
 * through Pub/Sub — applies the chosen example pipelines to it, writes every result table
 * (named `<pipeline>_<result>`, e.g. `clickstream_page_counts`) to `outputs` and to memory, and
 * runs it to the end of the stream.
 * @public
 */
export async function runExamples(options: RunExamplesOptions): Promise<ExamplesRun> {
  const clock = options.clock ?? systemClock;
  const p = Pipeline.create();
  const tables = memoryOutputs();
  const outputs = options.outputs ? teeOutputs(options.outputs, tables) : tables;
  const write = <T extends object>(table: string, pc: PCollection<T>, spec?: TableSpec<T>) =>
    outputs.write(table, pc, spec);

  let clicks: PCollection<ClickEvent>;
  let events = () => 0;
  let labels = (): readonly FraudLabel[] => [];
  let publishing: Promise<PublishedClickStream> | undefined;
  const drain = new AbortController();
  if (options.pubsub) {
    const { pubsub, topic, subscription } = options.pubsub;
    await ensureSubscription(pubsub, topic, subscription);
    const stream = {
      ...options.stream,
      startTime: options.stream.startTime ?? pastStartTime(clock.now(), options.stream),
    };
    let published: number | undefined;
    const source = new CountingSource(
      pubsubSource({
        subscription,
        client: pubsub,
        timestampAttribute: EVENT_TIME_ATTRIBUTE,
        idAttribute: EVENT_ID_ATTRIBUTE,
        maxOutOfOrderness: (stream.maxDisorderMs ?? 5000) + minutes(1),
        idleTimeout: minutes(10),
        drain: drain.signal,
        clock,
      }),
      (progress) => {
        options.onProgress?.(progress);
        if (published !== undefined && progress.elements >= published) drain.abort();
      },
    );
    events = () => source.current.elements;
    const messages = p.apply("ReadClicks", read(source));
    const parsed = messages.apply("ParseClicks", new ParseMessages(parseClickEvent, clock));
    clicks = parsed.parsed.map((x) => x.value, "Clicks");
    write<MessageDeadLetter>(CLICK_DEAD_LETTERS_TABLE, parsed.deadLetters, {
      schema: DEAD_LETTER_SCHEMA,
      toRow: deadLetterRow,
      partitionByDay: "failed_at",
    });
    publishing = publishClickStream({
      pubsub,
      topic,
      stream,
      clock,
      ...(options.ratePerSecond !== undefined && { ratePerSecond: options.ratePerSecond }),
      ...(options.signal !== undefined && { signal: options.signal }),
    });
    publishing.then(
      (r) => {
        published = r.published;
        labels = () => r.labels;
        if (source.current.elements >= r.published) drain.abort();
      },
      () => drain.abort(),
    );
  } else {
    const generator = new ClickStreamSource({
      ...options.stream,
      ...(options.ratePerSecond !== undefined && { ratePerSecond: options.ratePerSecond }),
      clock,
    });
    const source = new CountingSource(generator, options.onProgress);
    events = () => source.current.elements;
    labels = () => generator.labels;
    clicks = p.apply("ReadClicks", read(source));
  }

  const writeAll = (prefix: string, results: object) => {
    for (const [name, pc] of Object.entries(results as Record<string, PCollection<object>>)) {
      const table = `${prefix}_${snake(name)}`;
      write(table, pc, (EXAMPLE_TABLES as Record<string, TableSpec<object>>)[table]);
    }
  };
  for (const name of options.pipelines) {
    switch (name) {
      case "clickstream":
        writeAll(name, clicks.apply("Clickstream", new ClickstreamAnalytics()));
        break;
      case "recommendations":
        writeAll(name, clicks.apply("Recommendations", new ProductRecommendations()));
        break;
      case "fraud": {
        const fraud = clicks.apply("Fraud", new FraudDetection());
        writeAll(name, fraud);
        if (options.alertsTopic) {
          await ensureTopic(options.alertsTopic.pubsub, options.alertsTopic.topic);
          fraud.alerts.apply(
            "PublishAlerts",
            writePubsub({
              topic: options.alertsTopic.topic,
              client: options.alertsTopic.pubsub,
              attributes: (a) => ({ rule: a.rule, key: a.key }),
              timestampAttribute: "ts",
            }),
          );
        }
        break;
      }
    }
  }
  outputs.finish?.();

  const started = performance.now();
  const signal = options.signal;
  const onAbort = () => drain.abort();
  signal?.addEventListener("abort", onAbort, { once: true });
  try {
    const result = await p.run({
      clock,
      collectLeaves: false,
      // The Pub/Sub path stops by draining (the source then reports the end of time).
      ...(signal !== undefined && !options.pubsub && { signal }),
    });
    if (publishing) await publishing;
    return {
      pipeline: p,
      result,
      events: events(),
      labels: labels(),
      tables,
      elapsedMs: performance.now() - started,
    };
  } finally {
    signal?.removeEventListener("abort", onAbort);
  }
}
