#!/usr/bin/env node
import { readFileSync } from "node:fs";
import { mkdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { Pipeline, renderGraph, type PipelineResult } from "@tributary/core";
import {
  duckDbBackend,
  parseTableReference,
  type TableSchema,
  type WriteBackend,
} from "@tributary/io-bigquery";
import { bigQueryBackendFor, cloudConfigFromEnv, ensureDataset, pubsubClient } from "./cloud/CloudConfig";
import { formatSummary } from "./cli/formatSummary";
import { parseCliArgs, USAGE, type RunCommand, type TemplateCommand } from "./cli/parseCliArgs";
import { ProgressLine } from "./cli/ProgressLine";
import { runExamples } from "./cli/runExamples";
import { bigQueryOutputs } from "./outputs/bigQueryOutputs";
import { jsonLinesOutputs } from "./outputs/jsonLinesOutputs";
import type { Outputs } from "./outputs/Outputs";
import type { SourceProgress } from "./sources/CountingSource";
import { safeJsonParse } from "./sources/safeJsonParse";
import { defaultDeadLetterTable, runPubsubToBigQuery } from "./template/PubsubToBigQuery";

function printGraph(pipeline: Pipeline, result: PipelineResult, format: "mermaid" | "dot"): void {
  console.log(`\nPipeline graph (${format}, element counts per edge):\n`);
  console.log(renderGraph(pipeline, { format, counts: result.elementCounts }));
}

async function runCommand(o: RunCommand): Promise<number> {
  const outDir = resolve(o.out);
  const config = cloudConfigFromEnv(process.env, o.project);
  let outputs: Outputs;
  let where: string;
  let close = (): Promise<void> => Promise.resolve();
  if (o.sink === "jsonl") {
    outputs = jsonLinesOutputs(outDir);
    where = outDir;
  } else {
    let backend: WriteBackend & { close?(): Promise<void> };
    if (o.sink === "duckdb") {
      mkdirSync(outDir, { recursive: true });
      const path = join(outDir, "examples.duckdb");
      backend = duckDbBackend({ path });
      where = `${path} (schema ${o.dataset}; e.g. duckdb ${path} "FROM ${o.dataset}.clickstream_funnel")`;
    } else {
      backend = bigQueryBackendFor(config);
      await ensureDataset(config, o.dataset);
      where = `BigQuery ${config.projectId}:${o.dataset}${config.bigQueryRestEndpoint ? ` at ${config.bigQueryRestEndpoint}` : ""}`;
    }
    outputs = bigQueryOutputs({ backend, dataset: o.dataset });
    close = async () => {
      if (backend.close) await backend.close();
    };
  }
  const pubsub = o.source === "pubsub" || o.alertsTopic !== undefined ? pubsubClient(config) : undefined;
  console.log(
    `tributary examples: ${o.pipelines.join(", ")} on ${o.events.toLocaleString("en-US")} synthetic events (seed ${o.seed})` +
      (o.source === "pubsub" ? ` through Pub/Sub ${o.topic} → ${o.subscription}` : "") +
      `, sink ${o.sink}`,
  );
  const controller = new AbortController();
  process.once("SIGINT", () => controller.abort());
  const progress = o.progress ? new ProgressLine(process.stderr, 500, o.events) : undefined;
  let last: SourceProgress | undefined;
  try {
    const run = await runExamples({
      pipelines: o.pipelines,
      stream: { seed: o.seed, maxEvents: o.events },
      outputs,
      signal: controller.signal,
      onProgress: (p) => {
        last = p;
        progress?.update(p);
      },
      ...(o.rate !== undefined && { ratePerSecond: o.rate }),
      ...(pubsub &&
        o.source === "pubsub" && { pubsub: { pubsub, topic: o.topic, subscription: o.subscription } }),
      ...(pubsub && o.alertsTopic !== undefined && { alertsTopic: { pubsub, topic: o.alertsTopic } }),
    });
    if (progress && last) progress.finish(last);
    console.log(formatSummary(run, where));
    if (o.graph) printGraph(run.pipeline, run.result, o.graph);
  } finally {
    await close();
    await pubsub?.close();
  }
  return 0;
}

function readSchema(file: string): TableSchema {
  const json = safeJsonParse(readFileSync(file, "utf8"));
  const fields = Array.isArray(json) ? json : (json as { fields?: unknown } | null)?.fields;
  if (!Array.isArray(fields))
    throw new Error(`${file}: expected a BigQuery schema: {"fields": [...]} or [...]`);
  return { fields };
}

async function templateCommand(o: TemplateCommand): Promise<number> {
  const config = cloudConfigFromEnv(process.env, o.project);
  const schema = readSchema(o.schemaFile);
  let backend: WriteBackend & { close?(): Promise<void> };
  let where: string;
  if (o.sink === "duckdb") {
    const outDir = resolve(o.out);
    mkdirSync(outDir, { recursive: true });
    const path = join(outDir, "pubsub_to_bigquery.duckdb");
    backend = duckDbBackend({ path });
    where = path;
  } else {
    backend = bigQueryBackendFor(config);
    for (const table of [o.outputTable, o.deadLetterTable ?? defaultDeadLetterTable(o.outputTable)]) {
      const ref = parseTableReference(table);
      await ensureDataset({ ...config, projectId: ref.projectId ?? config.projectId }, ref.datasetId);
    }
    where = `BigQuery project ${config.projectId}`;
  }
  const pubsub = pubsubClient(config);
  const stop = new AbortController();
  process.once("SIGINT", () => stop.abort());
  const progress = o.progress ? new ProgressLine(process.stderr, 1000) : undefined;
  let last: SourceProgress = { elements: 0, watermark: 0 };
  let lastChange = performance.now();
  const idle =
    o.idleExitSeconds === undefined
      ? undefined
      : setInterval(() => {
          if (performance.now() - lastChange > o.idleExitSeconds! * 1000) stop.abort();
        }, 250);
  const deadLetterTable = o.deadLetterTable ?? defaultDeadLetterTable(o.outputTable);
  console.log(
    `pubsub-to-bigquery: ${o.inputSubscription} → ${o.outputTable} (dead letters → ${deadLetterTable}) on ${where}` +
      (o.idleExitSeconds === undefined
        ? "; Ctrl-C drains and stops"
        : `; stops after ${o.idleExitSeconds} s idle`),
  );
  try {
    const pipeline = Pipeline.create();
    const { result, messages } = await runPubsubToBigQuery(pipeline, {
      pubsub,
      inputSubscription: o.inputSubscription,
      outputTable: o.outputTable,
      deadLetterTable,
      schema,
      backend,
      stop: stop.signal,
      onProgress: (p) => {
        if (p.elements !== last.elements) lastChange = performance.now();
        last = p;
        progress?.update(p);
      },
      ...(o.timestampAttribute !== undefined && { timestampAttribute: o.timestampAttribute }),
    });
    progress?.finish(last);
    console.log(
      `messages ${messages.toLocaleString("en-US")}, dead letters ${result.counter("", "deadLetters") + result.counter("", "failedRows")}`,
    );
    if (o.graph) printGraph(pipeline, result, o.graph);
  } finally {
    if (idle) clearInterval(idle);
    if (backend.close) await backend.close();
    await pubsub.close();
  }
  return 0;
}

async function main(): Promise<number> {
  let options;
  try {
    options = parseCliArgs(process.argv.slice(2));
  } catch (e) {
    console.error(`${e instanceof Error ? e.message : String(e)}\n\n${USAGE}`);
    return 2;
  }
  if (options.help) {
    console.log(USAGE);
    return 0;
  }
  return options.command === "run" ? runCommand(options) : templateCommand(options);
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(e instanceof Error ? (e.stack ?? e.message) : e);
    process.exit(1);
  },
);
