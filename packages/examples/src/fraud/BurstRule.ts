import {
  MIN_TIMESTAMP,
  PTransform,
  eventTimer,
  orderedListState,
  valueState,
  type DoFn,
  type Duration,
  type KV,
  type PCollection,
} from "@tributary/core";
import type { ClickEvent } from "../datagen/ClickEvent";
import type { FraudAlert, FraudRule } from "./FraudAlert";

/** Options of a {@link BurstRule}. @public */
export interface BurstRuleOptions {
  readonly rule: FraudRule;
  /** The events the rule counts. */
  readonly select: (e: ClickEvent) => boolean;
  /** Who is counted: the card, the user. */
  readonly keyOf: (e: ClickEvent) => string | null;
  /** Alert when `threshold` selected events of one key fall within `within` of event time. */
  readonly threshold: number;
  readonly within: Duration;
  /** What is counted, in the plural, for the reason ("purchases"). */
  readonly noun: string;
}

/** What the counter keeps per event. */
interface Counted {
  readonly eventId: string;
  readonly amountCents: number;
}

/**
 * A velocity rule as a stateful DoFn: per key, the recent selected events in an
 * `orderedListState` (sorted by event time, so arrival order does not matter) and one alert per
 * burst. A burst is a run of events each less than `within` after the previous one; the rule
 * alerts the first time `threshold` of the run's events fall in a span shorter than `within`,
 * then stays quiet until the run ends (an event `within` or more after the latest one starts a
 * new run). An event-time expiry timer at "latest event + `within`" clears the key's state once
 * the watermark passes it — no on-time event can join the run then — so memory holds only the
 * keys active in the last `within` of event time.
 * @public
 */
export class BurstRule extends PTransform<PCollection<ClickEvent>, PCollection<FraudAlert>> {
  constructor(private readonly options: BurstRuleOptions) {
    super(`Rule[${options.rule}]`);
    if (!(Number.isInteger(options.threshold) && options.threshold >= 2))
      throw new RangeError(`${options.rule}: threshold must be an integer >= 2, got ${options.threshold}`);
    if (!(options.within > 0))
      throw new RangeError(`${options.rule}: within must be > 0, got ${options.within}`);
  }

  expand(events: PCollection<ClickEvent>): PCollection<FraudAlert> {
    const { select, keyOf } = this.options;
    return events
      .filter((e) => select(e) && keyOf(e) !== null, "Select")
      .withKeys((e) => keyOf(e)!, "Key")
      .parDo(burstDetector(this.options), "DetectBursts");
  }
}

/** The stateful DoFn of a {@link BurstRule}. @public */
export function burstDetector(options: BurstRuleOptions): DoFn<KV<string, ClickEvent>, FraudAlert> {
  const { rule, threshold, within, noun } = options;
  const recent = orderedListState<Counted>("recent");
  const latest = valueState<number>("latest");
  const alerted = valueState<boolean>("alerted");
  const expiry = eventTimer("expiry");
  const span = within % 60_000 === 0 ? `${within / 60_000} min` : `${within / 1000} s`;
  return {
    name: `DetectBursts[${rule}]`,
    state: { recent, latest, alerted },
    timers: { expiry },
    process(kv, ctx) {
      const e = kv.value;
      const t = e.timestamp;
      const list = ctx.state.access(recent);
      const last = ctx.state.access(latest);
      const flag = ctx.state.access(alerted);
      const previous = last.read() ?? MIN_TIMESTAMP;
      if (t >= previous + within) {
        // A gap of `within` since the latest event: the previous run is over (its expiry timer
        // may not have fired yet, e.g. in a batch run), so a new burst may alert again.
        list.clear();
        flag.clear();
      }
      list.add({ eventId: e.eventId, amountCents: e.amountCents ?? 0 }, t);
      const newest = Math.max(previous, t);
      last.write(newest);
      ctx.timers.access(expiry).set(newest + within);
      if (flag.read()) return;
      // Spans [a, a + within) that contain t: their first event lies in (t - within, t].
      const near = list.readRange(t - within + 1, t + within);
      for (let i = 0, j = 0; i < near.length && near[i]!.timestamp <= t; i++) {
        const start = near[i]!.timestamp;
        if (j < i) j = i;
        while (j < near.length && near[j]!.timestamp < start + within) j++;
        if (j - i < threshold) continue;
        const burst = near.slice(i, j);
        const first = burst[0]!.timestamp;
        const lastAt = burst[burst.length - 1]!.timestamp;
        flag.write(true);
        ctx.output({
          rule,
          key: kv.key,
          at: t,
          evidenceStart: first,
          evidenceEnd: lastAt,
          reason: `${burst.length} ${noun} within ${((lastAt - first) / 60_000).toFixed(1)} min (limit ${threshold - 1} per ${span})`,
          evidence: {
            count: burst.length,
            amountCents: burst.reduce((s, b) => s + b.value.amountCents, 0),
            firstAt: new Date(first).toISOString(),
            lastAt: new Date(lastAt).toISOString(),
            eventIds: burst
              .slice(0, 20)
              .map((b) => b.value.eventId)
              .join(","),
          },
        });
        ctx.metrics.counter("alerts").inc();
        return;
      }
    },
    onTimer(ctx) {
      // Quiet for `within`: the burst (if any) is over and no on-time event can join it.
      ctx.state.access(recent).clear();
      ctx.state.access(latest).clear();
      ctx.state.access(alerted).clear();
    },
  };
}
