import { parseArgs } from "node:util";

/** The example pipelines the CLI can run. @public */
export const PIPELINES = ["clickstream", "recommendations", "fraud"] as const;
/** One of {@link PIPELINES}. @public */
export type PipelineName = (typeof PIPELINES)[number];

/** What the CLI was asked to do. @public */
export interface CliOptions {
  readonly events: number;
  readonly seed: number;
  readonly out: string;
  readonly pipelines: readonly PipelineName[];
  /** Target events per second of processing time; undefined = as fast as possible. */
  readonly rate: number | undefined;
  readonly help: boolean;
}

/** The `--help` text. @public */
export const USAGE = `Usage: pnpm start [-- options]

Runs the example pipelines on a seeded synthetic click stream, in process, and writes their
results as JSON lines.

Options:
  --events N        events to generate (default 200000)
  --seed S          generator seed; the same seed gives the same events (default 42)
  --out DIR         output directory (default ./out)
  --pipeline NAME   clickstream | recommendations | fraud | all (default all)
  --rate R          pace the source at R events/s of wall-clock time (default: as fast as possible)
  --help            this text
`;

/**
 * Parses the CLI's arguments.
 * @throws Error with a readable message for an unknown option or a bad value.
 * @public
 */
export function parseCliArgs(argv: readonly string[]): CliOptions {
  const { values } = parseArgs({
    args: argv.filter((a) => a !== "--"),
    options: {
      events: { type: "string" },
      seed: { type: "string" },
      out: { type: "string" },
      pipeline: { type: "string" },
      rate: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
    strict: true,
  });
  const int = (name: string, v: string | undefined, dflt: number, min: number): number => {
    if (v === undefined) return dflt;
    const n = Number(v.replace(/_/g, ""));
    if (!Number.isSafeInteger(n) || n < min)
      throw new Error(`--${name} must be an integer >= ${min}, got ${JSON.stringify(v)}`);
    return n;
  };
  const pipeline = values.pipeline ?? "all";
  if (pipeline !== "all" && !(PIPELINES as readonly string[]).includes(pipeline)) {
    throw new Error(
      `--pipeline must be one of ${[...PIPELINES, "all"].join(", ")}, got ${JSON.stringify(pipeline)}`,
    );
  }
  const rate = values.rate === undefined ? undefined : Number(values.rate);
  if (rate !== undefined && !(rate > 0))
    throw new Error(`--rate must be a positive number, got ${JSON.stringify(values.rate)}`);
  return {
    events: int("events", values.events, 200_000, 1),
    seed: int("seed", values.seed, 42, 0),
    out: values.out ?? "./out",
    pipelines: pipeline === "all" ? PIPELINES : [pipeline as PipelineName],
    rate,
    help: values.help ?? false,
  };
}
