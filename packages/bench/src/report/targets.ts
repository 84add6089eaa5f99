/** The throughput targets, events/s on one core (undefined: only the 3× rule applies). @public */
export const THROUGHPUT_TARGETS: Readonly<Record<string, number>> = {
  Q0: 2_000_000,
  Q1: 2_000_000,
  Q2: 2_000_000,
  Q5: 1_000_000,
  Q7: 1_000_000,
  Q11: 1_000_000,
};

/** Every query should run within this factor of its hand-written baseline. @public */
export const MAX_BASELINE_RATIO = 3;

/** Peak memory at 10M events within this factor of 1M (state, not stream length). @public */
export const MAX_RSS_GROWTH = 1.2;

/** Published per-core anchors (events/s/core) from the issue. @public */
export const ANCHORS: Readonly<Record<string, string>> = {
  Q0: "Flink 1.13 ≈155K; DBSP ≈800–900K",
  Q1: "DBSP ≈800–900K",
  Q2: "DBSP ≈800–900K",
  Q3: "DBSP ≈800–900K",
  Q4: "DBSP ≈800–900K",
  Q5: "Flink 1.13 ≈22K; DBSP ≈800–900K",
  Q6: "DBSP ≈800–900K",
  Q7: "Flink 1.13 ≈12K",
  Q11: "Flink 1.13 ≈40K",
};

/** Shown once under the table. @public */
export const DIRECT_RUNNER_ANCHOR = "Beam Java DirectRunner: 1–46K events/s in total (all queries).";

/**
 * Queries (and example pipelines) whose own state grows with the stream, so their memory cannot
 * stay flat: in Nexmark every person is a new key (seller, bidder), and these queries keep one
 * entry per such key; the fraud example remembers every card and user for its rules' windows.
 * @public
 */
export const STATE_GROWS_WITH_STREAM: ReadonlyMap<string, string> = new Map([
  ["Q3", "an entry per person in OR, ID or CA, kept 600 s of event time = 6M events"],
  ["Q6", "the last 10 prices of every seller"],
  ["Q12", "a pane per bidder"],
  [
    "example:fraud",
    "each card's and user's rule state, kept up to 30 days of event time (the whole 81 h of 10M events): 5,489 → 9,939 cards and 5,712 → 12,020 users from 1M to 10M events",
  ],
]);
