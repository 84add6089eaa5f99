import { Pipeline, read, VirtualClock, type PCollection, type PTransform } from "@tributary/core";
import {
  ClickStreamGenerator,
  ClickstreamAnalytics,
  FraudDetection,
  generateClickStream,
  ProductRecommendations,
  type ClickEvent,
} from "@tributary/examples";
import { ArraySource, type TimestampedArrays } from "./ArraySource";
import { CountingSink } from "./Sink";
import { isStreamed, type StreamedInput } from "./StreamedInput";
import { StreamedSource } from "./StreamedSource";

/** The example pipelines of @tributary/examples that the bench measures. @public */
export const EXAMPLES = ["clickstream", "recommendations", "fraud"] as const;
export type ExampleName = (typeof EXAMPLES)[number];

const DISORDER_MS = 5000;

/** Pre-generates `count` click events (seeded), with their timestamps. @public */
export function generateClicks(count: number, seed: number): TimestampedArrays<ClickEvent> {
  const { events } = generateClickStream({ seed, maxEvents: count, maxDisorderMs: DISORDER_MS });
  return { events, timestamps: events.map((e) => e.timestamp) };
}

/** The same `count` click events as {@link generateClicks}, generated as they are read. @public */
export function streamedClicks(count: number, seed: number): StreamedInput<ClickEvent> {
  return {
    count,
    start: () => {
      const generator = new ClickStreamGenerator({ seed, maxEvents: count, maxDisorderMs: DISORDER_MS });
      return {
        next: (): ClickEvent => {
          const e = generator.next();
          if (!e) throw new RangeError(`the click stream ended before ${count} events`);
          return e;
        },
      };
    },
    timestampOf: (e) => e.timestamp,
  };
}

function transformOf(name: ExampleName): PTransform<PCollection<ClickEvent>, object> {
  switch (name) {
    case "clickstream":
      return new ClickstreamAnalytics();
    case "recommendations":
      return new ProductRecommendations();
    case "fraud":
      return new FraudDetection();
  }
}

/**
 * Runs one example pipeline over pre-generated or streamed clicks (watermark = largest event
 * time read minus the generator's disorder bound, as its own source does); every result table
 * goes to a counting sink. Resolves to the number of rows written.
 * @public
 */
export async function runExample(
  name: ExampleName,
  input: TimestampedArrays<ClickEvent> | StreamedInput<ClickEvent>,
  bundleSize: number,
  onRead?: (eventsRead: number) => void,
): Promise<number> {
  const p = Pipeline.create();
  const clock = new VirtualClock(isStreamed(input) ? firstTimestamp(input) : (input.timestamps[0] ?? 0));
  const source = isStreamed(input)
    ? new StreamedSource(input, clock, DISORDER_MS, onRead)
    : new ArraySource(input, clock, DISORDER_MS, onRead);
  const clicks = p.apply("ReadClicks", read(source));
  const results = clicks.apply(name, transformOf(name)) as Record<string, PCollection<unknown>>;
  const sink = new CountingSink();
  for (const [table, pc] of Object.entries(results))
    pc.parDo<never>({ name: `Sink_${table}`, process: (e) => sink.accept(e) });
  await p.run({ bundleSize, clock });
  return sink.count;
}

/** The first element's timestamp (0 for an empty stream), from a generator of its own. */
function firstTimestamp<T>(input: StreamedInput<T>): number {
  return input.count > 0 ? input.timestampOf(input.start().next()) : 0;
}
