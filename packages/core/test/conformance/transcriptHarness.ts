/**
 * Runs Beam's trigger transcripts on the in-process runner: parses the Python-syntax window and
 * trigger expressions into Tributary's, replays the transcript through a TestStream, and checks
 * every `expect` against the panes the pipeline produced — with the same matching rules and
 * error messages ("Unmatched output", "Unexpected output") as Beam's own harness.
 */
import {
  afterAll,
  afterCount,
  afterEach,
  afterFirst,
  afterProcessingTime,
  afterWatermark,
  always,
  combinePerKey,
  combiners,
  customWindows,
  defaultTrigger,
  fixedWindows,
  globalWindows,
  groupByKey,
  kv,
  never,
  orFinally,
  Pipeline,
  repeatedly,
  Runner,
  sessions,
  slidingWindows,
  windowInto,
  type AccumulationMode,
  type BoundedWindow,
  type IntervalWindow,
  type KV,
  type PCollection,
  type TimestampCombiner,
  type Trigger,
  type WindowedValue,
  type WindowFn,
} from "@tributary/core";
import { TestStream } from "@tributary/core/testing";

/** One transcript, as converted from Beam's YAML. */
export interface TranscriptSpec {
  readonly name: string;
  readonly window_fn?: string;
  /** Beam's bad_output transcript spells the key this way (it means `window_fn`). */
  readonly windowfn?: string;
  readonly trigger_fn?: string;
  readonly accumulation_mode?: string;
  readonly timestamp_combiner?: string;
  readonly allowed_lateness?: number;
  readonly error?: string;
  readonly transcript: ReadonlyArray<Record<string, unknown>>;
}

interface ExpectedPane {
  readonly window?: [number, number];
  readonly values?: number[];
  readonly timestamp?: number;
  readonly index?: number;
  readonly nonspeculative_index?: number;
  readonly early?: boolean;
  readonly late?: boolean;
  readonly final?: boolean;
}

type ActualPane = Required<ExpectedPane>;

// --- parsing Python-syntax constructor expressions -------------------------------------------

type Arg = number | number[] | Parsed;
interface Parsed {
  readonly name: string;
  readonly args: Arg[];
  readonly kwargs: Record<string, Arg>;
}

function splitArgs(s: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if ("([{".includes(c)) depth++;
    else if (")]}".includes(c)) depth--;
    else if (c === "," && depth === 0) {
      out.push(s.slice(start, i).trim());
      start = i + 1;
    }
  }
  const last = s.slice(start).trim();
  if (last) out.push(last);
  return out;
}

function parseExpr(s: string): Arg {
  s = s.trim();
  if (s.startsWith("[")) return splitArgs(s.slice(1, -1)).map(Number);
  if (/^-?\d+(\.\d+)?$/.test(s)) return Number(s);
  const open = s.indexOf("(");
  const name = open < 0 ? s : s.slice(0, open);
  const args: Arg[] = [];
  const kwargs: Record<string, Arg> = {};
  if (open >= 0) {
    for (const a of splitArgs(s.slice(open + 1, s.lastIndexOf(")")))) {
      const eq = a.indexOf("=");
      if (eq > 0 && /^\w+$/.test(a.slice(0, eq).trim()))
        kwargs[a.slice(0, eq).trim()] = parseExpr(a.slice(eq + 1));
      else args.push(parseExpr(a));
    }
  }
  return { name, args, kwargs };
}

function asParsed(a: Arg | undefined, what: string): Parsed {
  if (a === undefined || typeof a === "number" || Array.isArray(a))
    throw new Error(`expected a ${what} expression, got ${JSON.stringify(a)}`);
  return a;
}

function num(a: Arg | undefined): number {
  if (typeof a !== "number") throw new Error(`expected a number, got ${JSON.stringify(a)}`);
  return a;
}

/** Beam Python's `CustomTimestampingFixedWindowsWindowFn`: fixed windows whose output time is the input time + 100. */
function customTimestampingFixedWindows(size: number): WindowFn<IntervalWindow> {
  const fixed = fixedWindows(size);
  return customWindows({
    name: `CustomTimestampingFixedWindowsWindowFn(${size})`,
    assign: (t) => fixed.assignWindows(t),
    transformOutputTime: (_w, t) => t + 100,
  });
}

export function parseWindowFn(expr: string): WindowFn<BoundedWindow> {
  const p = asParsed(parseExpr(expr), "WindowFn");
  switch (p.name) {
    case "GlobalWindows":
      return globalWindows();
    case "FixedWindows":
      return fixedWindows(num(p.args[0])).withOffset(p.args[1] === undefined ? 0 : num(p.args[1]));
    case "SlidingWindows":
      return slidingWindows(num(p.args[0])).every(num(p.args[1]));
    case "Sessions":
      return sessions(num(p.args[0]));
    case "CustomTimestampingFixedWindowsWindowFn":
      return customTimestampingFixedWindows(num(p.args[0]));
    default:
      throw new Error(`unknown WindowFn ${p.name}`);
  }
}

export function parseTrigger(expr: string): Trigger {
  const build = (a: Arg | undefined): Trigger => {
    const p = asParsed(a, "trigger");
    const subs = (): Trigger[] => p.args.map(build);
    switch (p.name) {
      case "Default":
      case "DefaultTrigger":
        return defaultTrigger();
      case "AfterWatermark": {
        let t = afterWatermark();
        if (p.kwargs["early"] !== undefined) t = t.withEarlyFirings(build(p.kwargs["early"]));
        if (p.kwargs["late"] !== undefined) t = t.withLateFirings(build(p.kwargs["late"]));
        return t;
      }
      case "AfterCount":
        return afterCount(num(p.args[0]));
      case "AfterProcessingTime":
        return afterProcessingTime(num(p.args[0] ?? p.kwargs["delay"]));
      case "Repeatedly":
        return repeatedly(build(p.args[0]));
      case "AfterAny":
      case "AfterFirst":
        return afterFirst(...subs());
      case "AfterAll":
        return afterAll(...subs());
      case "AfterEach":
        return afterEach(...subs());
      case "OrFinally":
        return orFinally(build(p.args[0]), build(p.args[1]));
      case "Never":
      case "_Never":
        return never();
      case "Always":
        return always();
      default:
        throw new Error(`unknown trigger ${p.name}`);
    }
  };
  return build(parseExpr(expr));
}

const COMBINERS: Record<string, TimestampCombiner> = {
  OUTPUT_AT_EOW: "END_OF_WINDOW",
  OUTPUT_AT_EARLIEST: "EARLIEST",
  OUTPUT_AT_LATEST: "LATEST",
  OUTPUT_AT_EARLIEST_TRANSFORMED: "EARLIEST_TRANSFORMED",
};

// --- replaying ------------------------------------------------------------------------------

/** Through which grouping the transcript runs. */
export type Aggregation = "GroupByKey" | "Combine";

/** How the inputs of each `input` action are presented, per key (Beam's order-agnostic variants). */
export type Variant =
  | "original"
  | "reversed"
  | "shuffled"
  | "one-element-bundles"
  | "one-element-bundles-reversed"
  | "two-element-bundles";

export const ORDER_AGNOSTIC_VARIANTS: readonly Variant[] = [
  "original",
  "reversed",
  "shuffled",
  "one-element-bundles",
  "one-element-bundles-reversed",
  "two-element-bundles",
];

/** A seeded shuffle (mulberry32), so a failure names a reproducible order. */
function shuffle<T>(xs: readonly T[], seed: number): T[] {
  let a = seed >>> 0;
  const rand = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const out = [...xs];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

function bundlesFor(variant: Variant, values: readonly number[], seed: number): number[][] {
  switch (variant) {
    case "original":
      return [[...values]];
    case "reversed":
      return [[...values].reverse()];
    case "shuffled":
      return [shuffle(values, seed)];
    case "one-element-bundles":
      return values.map((v) => [v]);
    case "one-element-bundles-reversed":
      return [...values].reverse().map((v) => [v]);
    case "two-element-bundles": {
      const out: number[][] = [];
      for (let i = 0; i < values.length; i += 2) out.push(values.slice(i, i + 2));
      return out;
    }
  }
}

/** True when Beam's harness treats the transcript as independent of input order and bundling. */
export function isOrderAgnostic(spec: TranscriptSpec): boolean {
  return (
    parseTrigger(spec.trigger_fn ?? "Default").kind === "default" &&
    (spec.accumulation_mode ?? "accumulating").toUpperCase() === "ACCUMULATING"
  );
}

function describePane(wv: WindowedValue<KV<string, number[]>>): ActualPane {
  const w = wv.windows[0] as IntervalWindow;
  return {
    window: [w.start, w.maxTimestamp()],
    values: [...wv.value.value].sort((a, b) => a - b),
    timestamp: wv.timestamp,
    index: wv.pane.index,
    nonspeculative_index: wv.pane.nonSpeculativeIndex,
    early: wv.pane.timing === "EARLY",
    late: wv.pane.timing === "LATE",
    final: wv.pane.isLast,
  };
}

function matches(actual: ActualPane, expected: ExpectedPane): boolean {
  for (const [k, v] of Object.entries(expected)) {
    if (
      JSON.stringify(actual[k as keyof ActualPane]) !==
      JSON.stringify(k === "values" ? [...(v as number[])].sort((a, b) => a - b) : v)
    )
      return false;
  }
  return true;
}

/**
 * Replays `spec` through `aggregation` with the given keys (each key a presentation variant) and
 * throws "Unmatched output …" or "Unexpected output …" as Beam's harness does.
 */
export async function runTranscript(
  spec: TranscriptSpec,
  aggregation: Aggregation,
  variants: readonly Variant[],
  seed = 7,
): Promise<void> {
  // Beam's bad_output transcript misspells window_fn as windowfn. Read as GlobalWindows (what the
  // Python harness does), it would group an unbounded input in the global window with the default
  // trigger, which Tributary (like Beam Java) rejects at construction; the transcript means
  // FixedWindows(10) and must fail with "Unmatched output".
  const windowFn = parseWindowFn(spec.window_fn ?? spec.windowfn ?? "GlobalWindows");
  const trigger = parseTrigger(spec.trigger_fn ?? "Default");
  const accumulation = (spec.accumulation_mode ?? "accumulating").toUpperCase() as AccumulationMode;
  const timestampCombiner = COMBINERS[(spec.timestamp_combiner ?? "OUTPUT_AT_EOW").toUpperCase()];
  if (!timestampCombiner) throw new Error(`unknown timestamp combiner ${spec.timestamp_combiner}`);

  // One TestStream event per bundle; remember how many events each transcript action became.
  let stream = TestStream.create<KV<string, number>>();
  const eventsPerAction: number[] = [];
  for (const action of spec.transcript) {
    const [kind, params] = Object.entries(action)[0]!;
    let events = 0;
    if (kind === "input") {
      for (const variant of variants) {
        for (const bundle of bundlesFor(variant, params as number[], seed)) {
          if (bundle.length === 0) continue;
          stream = stream.addElements(...bundle.map((t) => ({ value: kv(variant, t), timestamp: t })));
          events++;
        }
      }
    } else if (kind === "watermark") {
      stream = stream.advanceWatermarkTo(params as number);
      events = 1;
    } else if (kind === "clock") {
      stream = stream.advanceProcessingTime(params as number);
      events = 1;
    }
    eventsPerAction.push(events);
  }

  const p = Pipeline.create();
  const windowed = p.apply(stream).apply(
    windowInto<KV<string, number>>(windowFn, {
      trigger,
      accumulation,
      allowedLateness: spec.allowed_lateness ?? 0,
      timestampCombiner,
      // Several transcripts use triggers that finish before garbage collection (e.g. AfterCount(2)).
      allowDataLoss: true,
    }),
  );
  const grouped: PCollection<KV<string, number[]>> =
    aggregation === "GroupByKey"
      ? windowed.apply(groupByKey<string, number>())
      : windowed.apply(combinePerKey(combiners.toList<number>()));
  const runner = new Runner(p, { collect: [grouped] });

  const pending = new Map<string, ActualPane[]>(variants.map((v) => [v, []]));
  const collect = (): void => {
    for (const wv of runner.drain(grouped)) pending.get(wv.value.key)!.push(describePane(wv));
  };
  const assertNothingPending = (before: string): void => {
    for (const [key, panes] of pending) {
      if (panes.length > 0)
        throw new Error(`Unexpected output for ${key}: ${JSON.stringify(panes)} before ${before}`);
    }
  };

  try {
    for (let i = 0; i < spec.transcript.length; i++) {
      const [kind, params] = Object.entries(spec.transcript[i]!)[0]!;
      if (kind !== "expect") assertNothingPending(`${kind}: ${JSON.stringify(params)}`);
      for (let e = 0; e < eventsPerAction[i]!; e++) {
        await runner.step();
        collect();
      }
      if (kind === "expect") {
        for (const [key, panes] of pending) {
          for (const expected of params as ExpectedPane[]) {
            const at = panes.findIndex((a) => matches(a, expected));
            if (at < 0)
              throw new Error(
                `Unmatched output for ${key}: ${JSON.stringify(expected)} not in ${JSON.stringify(panes)}`,
              );
            panes.splice(at, 1);
          }
        }
      }
      // "state" actions inspect implementation details; Beam's own harnesses skip them too.
    }
    assertNothingPending("the end of the transcript");
  } finally {
    await runner.teardown();
  }
}
