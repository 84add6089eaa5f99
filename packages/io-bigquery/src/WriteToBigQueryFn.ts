import type { BoundedWindow, BundleContext, DoFn, Instant, PaneInfo, ProcessContext } from "@tributary/core";
import type { FailedRow } from "./FailedRow";
import type { PreparedWrites } from "./PreparedWrites";
import { SchemaError } from "./SchemaError";
import { insertIdFor } from "./insertIdFor";
import { classifyError } from "./classifyError";
import { backoffDelay, resolveRetryPolicy, type ResolvedRetryPolicy } from "./RetryPolicy";
import { RowValidator } from "./RowValidator";
import type { TableDestination } from "./TableDestination";
import { formatTableReference, parseTableReference, type TableReference } from "./TableReference";
import type { TableSchema } from "./TableSchema";
import type { PendingRow, TableWriter } from "./TableWriter";
import { writeWithRetries } from "./writeWithRetries";
import type { WriteMethod } from "./WriteMethod";
import type { WriteToBigQueryOptions } from "./WriteToBigQueryOptions";

interface Buffered<T> extends PendingRow {
  readonly element: T;
  readonly formatted: unknown;
  readonly timestamp: Instant;
  readonly window: BoundedWindow;
}

interface TableBuffer<T> {
  readonly dest: TableDestination;
  readonly rows: Buffered<T>[];
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/**
 * The DoFn behind {@link writeBigQuery}: validates and buffers rows per destination in
 * `process`, writes them in `finishBundle` (awaited: the bundle finishes only when every row
 * is written or reported), and emits a {@link FailedRow} for every row it could not write.
 * @internal
 */
export class WriteToBigQueryFn<T> implements DoFn<T, FailedRow<T>> {
  readonly name = "WriteToBigQuery";
  private writer: TableWriter | undefined;
  private buffers = new Map<string, TableBuffer<T>>();
  private occurrences = new Map<string, number>();
  private readonly destinations = new Map<string, TableDestination>();
  private readonly retry: ResolvedRetryPolicy;
  private readonly method: WriteMethod;
  private readonly maxRows: number;
  private readonly maxBytes: number;
  private readonly staticTable: TableReference | undefined;
  private readonly staticValidator: RowValidator | undefined;

  constructor(private readonly options: WriteToBigQueryOptions<T>) {
    this.method = options.method ?? "STORAGE_WRITE_API";
    if (options.twoPhaseCommit && this.method !== "STORAGE_WRITE_API")
      throw new SchemaError(
        `writeBigQuery: twoPhaseCommit needs method STORAGE_WRITE_API; ${this.method} is at-least-once`,
      );
    this.retry = resolveRetryPolicy(options.retry);
    this.maxRows = options.batching?.maxRows ?? (this.method === "INSERT_ALL" ? 500 : 10_000);
    this.maxBytes = options.batching?.maxBytes ?? 5_000_000;
    this.staticTable = typeof options.table === "function" ? undefined : parseTableReference(options.table);
    this.staticValidator = typeof options.schema === "function" ? undefined : this.compile(options.schema);
  }

  private compile(schema: TableSchema): RowValidator {
    const o = this.options;
    return new RowValidator(schema, {
      ...(o.ignoreUnknownValues === undefined ? {} : { ignoreUnknownValues: o.ignoreUnknownValues }),
      ...(o.maxRowBytes === undefined ? {} : { maxRowBytes: o.maxRowBytes }),
    });
  }

  async setup(): Promise<void> {
    this.writer = await this.options.backend.openWriter(this.method, {
      twoPhaseCommit: this.options.twoPhaseCommit ?? false,
    });
  }

  /**
   * Two-phase commit with the runner's checkpoints: seals the pending streams written since the
   * previous checkpoint and returns them (plain data, stored in the checkpoint); null without
   * `twoPhaseCommit` or when nothing was written.
   */
  prepareCommit(): PreparedWrites | null {
    return this.writer?.prepareCommit?.() ?? null;
  }

  /** Makes the rows of a durable checkpoint's streams visible; idempotent; transient errors are retried. */
  async commit(prepared: unknown): Promise<void> {
    const writer = this.writer;
    if (!writer?.commit)
      throw new Error("WriteToBigQuery: commit before setup, or on a writer without two-phase commit");
    for (let attempt = 1; ; attempt++) {
      try {
        await writer.commit(prepared as PreparedWrites);
        return;
      } catch (err) {
        const verdict = classifyError(err);
        if (!verdict.transient || attempt >= this.retry.maxAttempts) throw err;
        await this.retry.sleep(backoffDelay(this.retry, attempt));
      }
    }
  }

  startBundle(): void {
    this.buffers = new Map();
    this.occurrences = new Map();
  }

  private destinationFor(ref: TableReference): TableDestination {
    const tableSpec = formatTableReference(ref);
    let dest = this.destinations.get(tableSpec);
    if (!dest) {
      const o = this.options;
      const schema = typeof o.schema === "function" ? o.schema(ref) : o.schema;
      const validator = this.staticValidator ?? this.compile(schema);
      dest = {
        table: ref,
        tableSpec,
        schema,
        validator,
        layout: {
          ...(o.timePartitioning === undefined ? {} : { timePartitioning: o.timePartitioning }),
          ...(o.clustering === undefined ? {} : { clustering: o.clustering }),
        },
        createDisposition: o.createDisposition ?? "CREATE_IF_NEEDED",
        writeDisposition: o.writeDisposition ?? "WRITE_APPEND",
      };
      this.destinations.set(tableSpec, dest);
    }
    return dest;
  }

  private fail(
    ctx: ProcessContext<FailedRow<T>>,
    element: T,
    row: unknown,
    table: string,
    reason: string,
  ): void {
    ctx.output({ element, row, table, reason, method: this.method, attempts: 0 });
    ctx.metrics.counter("rowsFailed").inc();
  }

  process(element: T, ctx: ProcessContext<FailedRow<T>>): void {
    const o = this.options;
    let dest: TableDestination;
    try {
      const ref =
        this.staticTable ??
        parseTableReference(
          (
            o.table as (
              e: T,
              c: { timestamp: Instant; window: BoundedWindow; pane: PaneInfo },
            ) => string | TableReference
          )(element, ctx),
        );
      dest = this.destinationFor(ref);
    } catch (err) {
      this.fail(ctx, element, undefined, "", `could not choose the destination table: ${errorText(err)}`);
      return;
    }
    let formatted: unknown;
    try {
      formatted = o.formatRow ? o.formatRow(element, ctx) : element;
    } catch (err) {
      this.fail(ctx, element, undefined, dest.tableSpec, `formatRow threw: ${errorText(err)}`);
      return;
    }
    const v = dest.validator.validate(formatted);
    if (!v.ok) {
      this.fail(ctx, element, formatted, dest.tableSpec, `invalid row: ${v.reason}`);
      return;
    }
    const window = ctx.window;
    let base: string;
    try {
      base = o.insertId
        ? o.insertId(element)
        : insertIdFor(dest.tableSpec, v.row, ctx.timestamp, window.toString(), ctx.pane, 0);
    } catch (err) {
      this.fail(ctx, element, formatted, dest.tableSpec, `insertId threw: ${errorText(err)}`);
      return;
    }
    const seen = this.occurrences.get(base) ?? 0;
    this.occurrences.set(base, seen + 1);
    const insertId = seen === 0 ? base : `${base}-${seen}`;
    let buffer = this.buffers.get(dest.tableSpec);
    if (!buffer) {
      buffer = { dest, rows: [] };
      this.buffers.set(dest.tableSpec, buffer);
    }
    buffer.rows.push({
      row: v.row,
      insertId,
      bytes: v.approximateBytes,
      element,
      formatted,
      timestamp: ctx.timestamp,
      window,
    });
  }

  async finishBundle(ctx: BundleContext<FailedRow<T>>): Promise<void> {
    const buffers = [...this.buffers.values()];
    this.buffers = new Map();
    this.occurrences = new Map();
    await Promise.all(buffers.map((b) => this.flushTable(b, ctx)));
  }

  private async flushTable(buffer: TableBuffer<T>, ctx: BundleContext<FailedRow<T>>): Promise<void> {
    const writer = this.writer;
    if (!writer)
      throw new Error("WriteToBigQuery: finishBundle before setup; the runner must call setup first");
    const { dest, rows } = buffer;
    const emit = (r: Buffered<T>, reason: string, attempts: number): void => {
      ctx.outputAt(
        {
          element: r.element,
          row: r.formatted,
          table: dest.tableSpec,
          reason,
          method: this.method,
          attempts,
        },
        r.timestamp,
        r.window,
      );
    };
    const prepared = await this.prepareWithRetries(writer, dest);
    if (prepared.error !== undefined) {
      const reason = `could not prepare table ${dest.tableSpec}: ${prepared.error}`;
      for (const r of rows) emit(r, reason, prepared.attempts);
      ctx.metrics.counter("rowsFailed").inc(rows.length);
      return;
    }
    for (let start = 0; start < rows.length;) {
      let end = start;
      let bytes = 0;
      while (
        end < rows.length &&
        end - start < this.maxRows &&
        (end === start || bytes + rows[end]!.bytes <= this.maxBytes)
      ) {
        bytes += rows[end]!.bytes;
        end++;
      }
      const batch = rows.slice(start, end);
      const outcome = await writeWithRetries(writer, dest, batch, this.retry);
      for (const f of outcome.failed) emit(batch[f.index]!, f.reason, f.attempts);
      ctx.metrics.counter("rowsWritten").inc(outcome.written);
      if (outcome.failed.length > 0) ctx.metrics.counter("rowsFailed").inc(outcome.failed.length);
      if (outcome.retries > 0) ctx.metrics.counter("writeRetries").inc(outcome.retries);
      if (outcome.alreadyPresent > 0) ctx.metrics.counter("rowsAlreadyPresent").inc(outcome.alreadyPresent);
      start = end;
    }
  }

  private async prepareWithRetries(
    writer: TableWriter,
    dest: TableDestination,
  ): Promise<{ error?: string; attempts: number }> {
    for (let attempt = 1; ; attempt++) {
      try {
        await writer.prepareTable(dest);
        return { attempts: attempt };
      } catch (err) {
        const verdict = classifyError(err);
        if (!verdict.transient || attempt >= this.retry.maxAttempts)
          return { error: verdict.message, attempts: attempt };
        await this.retry.sleep(backoffDelay(this.retry, attempt));
      }
    }
  }

  async teardown(): Promise<void> {
    const writer = this.writer;
    this.writer = undefined;
    await writer?.close();
  }
}
