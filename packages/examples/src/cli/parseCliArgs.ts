import { parseArgs } from "node:util";

/** The example pipelines the CLI can run. @public */
export const PIPELINES = ["clickstream", "recommendations", "fraud"] as const;
/** One of {@link PIPELINES}. @public */
export type PipelineName = (typeof PIPELINES)[number];

/** Options shared by both commands. @public */
interface CommonOptions {
  readonly project: string | undefined;
  /** Print the pipeline graph with element counts at the end. */
  readonly graph: "mermaid" | "dot" | undefined;
  readonly progress: boolean;
  readonly help: boolean;
}

/** `pnpm start [run]`: the three example pipelines. @public */
export interface RunCommand extends CommonOptions {
  readonly command: "run";
  readonly events: number;
  readonly seed: number;
  readonly out: string;
  readonly pipelines: readonly PipelineName[];
  /** Target events per second of processing time; undefined = as fast as possible. */
  readonly rate: number | undefined;
  readonly source: "synthetic" | "pubsub";
  readonly sink: "duckdb" | "bigquery" | "jsonl";
  readonly dataset: string;
  readonly topic: string;
  readonly subscription: string;
  /** Also publish fraud alerts to this topic (default with `--source pubsub`). */
  readonly alertsTopic: string | undefined;
}

/** `pnpm start pubsub-to-bigquery`: the template. @public */
export interface TemplateCommand extends CommonOptions {
  readonly command: "pubsub-to-bigquery";
  readonly inputSubscription: string;
  readonly outputTable: string;
  readonly schemaFile: string;
  readonly deadLetterTable: string | undefined;
  readonly timestampAttribute: string | undefined;
  readonly sink: "duckdb" | "bigquery";
  readonly out: string;
  /** Stop (drain) after this many seconds without a message; undefined = run until Ctrl-C. */
  readonly idleExitSeconds: number | undefined;
}

/** What the CLI was asked to do. @public */
export type CliOptions = RunCommand | TemplateCommand;

/** The `--help` text. @public */
export const USAGE = `Usage: pnpm start [run] [options]
       pnpm start pubsub-to-bigquery --input-subscription S --output-table D.T --schema-file F [options]

run (default): the clickstream, recommendations and fraud pipelines on a seeded synthetic click
stream, in process. By default no server and no network: results go to a DuckDB file
(<out>/examples.duckdb) and a summary is printed.

  --pipeline NAME        clickstream | recommendations | fraud | all (default all)
  --events N             events to generate (default 100000)
  --seed S               generator seed; the same seed gives the same events (default 42)
  --rate R               pace the source at R events/s of wall-clock time (default: as fast as possible)
  --out DIR              output directory (default ./out)
  --sink duckdb|bigquery|jsonl
                         where the tables go (default duckdb: <out>/examples.duckdb;
                         bigquery: dataset --dataset in the project; jsonl: <out>/<table>.jsonl)
  --dataset NAME         BigQuery dataset / DuckDB schema (default tributary_examples)
  --source synthetic|pubsub
                         synthetic (default): the generator feeds the runner in process;
                         pubsub: the generator publishes to --topic, the pipeline reads --subscription
  --topic T              click topic (default tributary-clicks)
  --subscription S       click subscription (default tributary-clicks-examples)
  --alerts-topic T       also publish fraud alerts here (default with --source pubsub: tributary-fraud-alerts)

pubsub-to-bigquery: JSON messages become rows of --output-table; bad messages and rows the
table rejects go to the dead-letter table with the raw payload and the error.

  --input-subscription S subscription to read (name or projects/P/subscriptions/S)
  --output-table T       dataset.table or project:dataset.table
  --schema-file F        the table's schema: BigQuery JSON ({"fields":[...]} or [...])
  --timestamp-attribute A  event time from this attribute (epoch ms or RFC 3339; default publish time)
  --dead-letter-table T  default <output-table>_error_records
  --sink bigquery|duckdb default bigquery; duckdb writes <out>/pubsub_to_bigquery.duckdb
  --idle-exit-seconds N  drain and exit after N s without messages (default: run until Ctrl-C)

Both:
  --project P            Google Cloud project (default $GOOGLE_CLOUD_PROJECT)
  --graph                print the pipeline as a Mermaid graph with element counts at the end
  --graph-format F       mermaid | dot (default mermaid)
  --no-progress          no progress line on stderr
  --help                 this text

Environment: PUBSUB_EMULATOR_HOST (Pub/Sub emulator host:port), BIGQUERY_REST_ENDPOINT and
BIGQUERY_STORAGE_EMULATOR_HOST (BigQuery emulator), GOOGLE_CLOUD_PROJECT, and for real Google
Cloud Application Default Credentials (gcloud auth application-default login, or
GOOGLE_APPLICATION_CREDENTIALS=key.json). See packages/examples/README.md.
`;

/**
 * Parses the CLI's arguments.
 * @throws Error with a readable message for an unknown option or a bad value.
 * @public
 */
export function parseCliArgs(argv: readonly string[]): CliOptions {
  const args = argv.filter((a) => a !== "--");
  const command = args[0] === "pubsub-to-bigquery" || args[0] === "run" ? args.shift()! : "run";
  const { values } = parseArgs({
    args,
    options: {
      events: { type: "string" },
      seed: { type: "string" },
      out: { type: "string" },
      pipeline: { type: "string" },
      rate: { type: "string" },
      source: { type: "string" },
      sink: { type: "string" },
      dataset: { type: "string" },
      topic: { type: "string" },
      subscription: { type: "string" },
      "alerts-topic": { type: "string" },
      "input-subscription": { type: "string" },
      "output-table": { type: "string" },
      "schema-file": { type: "string" },
      "dead-letter-table": { type: "string" },
      "timestamp-attribute": { type: "string" },
      "idle-exit-seconds": { type: "string" },
      project: { type: "string" },
      graph: { type: "boolean" },
      "graph-format": { type: "string" },
      "no-progress": { type: "boolean" },
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
  const oneOf = <T extends string>(
    name: string,
    v: string | undefined,
    allowed: readonly T[],
    dflt: T,
  ): T => {
    if (v === undefined) return dflt;
    if (!(allowed as readonly string[]).includes(v))
      throw new Error(`--${name} must be one of ${allowed.join(", ")}, got ${JSON.stringify(v)}`);
    return v as T;
  };
  const graphFormat = oneOf("graph-format", values["graph-format"], ["mermaid", "dot"], "mermaid");
  const common: CommonOptions = {
    project: values.project,
    graph: values.graph || values["graph-format"] !== undefined ? graphFormat : undefined,
    progress: !values["no-progress"],
    help: values.help ?? false,
  };
  if (command === "pubsub-to-bigquery") {
    const required = (name: "input-subscription" | "output-table" | "schema-file"): string => {
      const v = values[name];
      if (common.help) return v ?? "";
      if (v === undefined || v === "") throw new Error(`pubsub-to-bigquery needs --${name}`);
      return v;
    };
    return {
      ...common,
      command,
      inputSubscription: required("input-subscription"),
      outputTable: required("output-table"),
      schemaFile: required("schema-file"),
      deadLetterTable: values["dead-letter-table"],
      timestampAttribute: values["timestamp-attribute"],
      sink: oneOf("sink", values.sink, ["bigquery", "duckdb"], "bigquery"),
      out: values.out ?? "./out",
      idleExitSeconds:
        values["idle-exit-seconds"] === undefined
          ? undefined
          : int("idle-exit-seconds", values["idle-exit-seconds"], 0, 1),
    };
  }
  const pipeline = values.pipeline ?? "all";
  if (pipeline !== "all" && !(PIPELINES as readonly string[]).includes(pipeline)) {
    throw new Error(
      `--pipeline must be one of ${[...PIPELINES, "all"].join(", ")}, got ${JSON.stringify(pipeline)}`,
    );
  }
  const rate = values.rate === undefined ? undefined : Number(values.rate);
  if (rate !== undefined && !(rate > 0))
    throw new Error(`--rate must be a positive number, got ${JSON.stringify(values.rate)}`);
  const source = oneOf("source", values.source, ["synthetic", "pubsub"], "synthetic");
  return {
    ...common,
    command: "run",
    events: int("events", values.events, 100_000, 1),
    seed: int("seed", values.seed, 42, 0),
    out: values.out ?? "./out",
    pipelines: pipeline === "all" ? PIPELINES : [pipeline as PipelineName],
    rate,
    source,
    sink: oneOf("sink", values.sink, ["duckdb", "bigquery", "jsonl"], "duckdb"),
    dataset: values.dataset ?? "tributary_examples",
    topic: values.topic ?? "tributary-clicks",
    subscription: values.subscription ?? "tributary-clicks-examples",
    alertsTopic: values["alerts-topic"] ?? (source === "pubsub" ? "tributary-fraud-alerts" : undefined),
  };
}
