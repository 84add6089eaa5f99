/**
 * The shape of the recovery measurement's input and state: `keys` keys, each keeping its last
 * `recentPerKey` payloads of `payloadBytes` ASCII characters, so the state plateaus at about
 * `keys × recentPerKey × payloadBytes` bytes once `keys × recentPerKey` events have been read.
 * @public
 */
export interface RecoveryWorkload {
  readonly keys: number;
  readonly recentPerKey: number;
  readonly payloadBytes: number;
}

/**
 * 100,000 keys × 16 payloads × 64 bytes: a checkpoint of 108.5 MiB (payloads, plus the per-key
 * count, digest and framing) once 1.6M events have been read.
 * @public
 */
export const DEFAULT_WORKLOAD: RecoveryWorkload = { keys: 100_000, recentPerKey: 16, payloadBytes: 64 };

/** One input event: its offset in the stream (its position) and its payload. @public */
export interface WorkloadEvent {
  readonly offset: number;
  readonly payload: string;
}

/** The event time of offset 0; offset `n` is at `EVENT_TIME_ORIGIN + n` ms (one event per ms). @public */
export const EVENT_TIME_ORIGIN = Date.UTC(2026, 0, 1);

/** Characters that payloads are cut from: fixed pseudo-random text, the same in every process. */
const TEXT = ((): string => {
  const alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
  let s = 0x2545f491;
  let out = "";
  for (let i = 0; i < 8192; i++) {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    out += alphabet[(s >>> 0) % alphabet.length];
  }
  return out;
})();

/** The key of the event at `offset`: keys take turns, so every key sees every `keys`-th event. @public */
export function keyAt(offset: number, workload: RecoveryWorkload): number {
  return offset % workload.keys;
}

/**
 * The payload of the event at `offset`: its offset in base 36, then text chosen by a hash of the
 * offset, `payloadBytes` characters in all. A function of the offset alone, so a restarted source
 * regenerates exactly the events it had produced.
 * @public
 */
export function payloadAt(offset: number, workload: RecoveryWorkload): string {
  const head = offset.toString(36).padStart(8, "0") + ":";
  const rest = Math.max(0, workload.payloadBytes - head.length);
  const start = (Math.imul(offset ^ (offset >>> 16), 0x45d9f3b) >>> 0) % (TEXT.length - rest);
  return (head + TEXT.slice(start, start + rest)).slice(0, workload.payloadBytes);
}

/** The event at `offset`. @public */
export function eventAt(offset: number, workload: RecoveryWorkload): WorkloadEvent {
  return { offset, payload: payloadAt(offset, workload) };
}

/** Reads a workload from flags (`--keys`, `--recent`, `--payload`), defaults otherwise. @public */
export function workloadFromFlags(flags: ReadonlyMap<string, string>): RecoveryWorkload {
  const positive = (name: string, fallback: number): number => {
    const value = Number(flags.get(name) ?? fallback);
    if (!Number.isInteger(value) || value < 1) throw new RangeError(`--${name} must be a positive integer`);
    return value;
  };
  return {
    keys: positive("keys", DEFAULT_WORKLOAD.keys),
    recentPerKey: positive("recent", DEFAULT_WORKLOAD.recentPerKey),
    payloadBytes: positive("payload", DEFAULT_WORKLOAD.payloadBytes),
  };
}

/** The flags that {@link workloadFromFlags} reads back. @public */
export function workloadFlags(workload: RecoveryWorkload): string[] {
  return [
    `--keys=${workload.keys}`,
    `--recent=${workload.recentPerKey}`,
    `--payload=${workload.payloadBytes}`,
  ];
}
