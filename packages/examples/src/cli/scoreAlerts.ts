import type { FraudLabel } from "../datagen/FraudLabel";
import type { FraudAlert } from "../fraud/FraudAlert";

/** How well alerts match the injected fraud. @public */
export interface AlertScore {
  /** Distinct alerted keys (cards or users). */
  readonly alertedKeys: number;
  /** Alerted keys that belong to an injected episode. */
  readonly truePositives: number;
  /** Injected episodes with at least one alert on their key. */
  readonly detected: number;
  readonly episodes: number;
  /** truePositives / alertedKeys (1 when nothing was alerted). */
  readonly precision: number;
  /** detected / episodes (1 when nothing was injected). */
  readonly recall: number;
}

/**
 * Scores alerts against the generator's labels by key: each injected episode has its own card
 * (or bot user), so an alert on that key is a true positive, an alert on any other key a false one.
 * @public
 */
export function scoreAlerts(alerts: readonly FraudAlert[], labels: readonly FraudLabel[]): AlertScore {
  const alerted = new Set(alerts.map((a) => a.key));
  const labelled = new Set(labels.map((l) => l.key));
  let truePositives = 0;
  for (const k of alerted) if (labelled.has(k)) truePositives++;
  const detected = labels.filter((l) => alerted.has(l.key)).length;
  return {
    alertedKeys: alerted.size,
    truePositives,
    detected,
    episodes: labels.length,
    precision: alerted.size === 0 ? 1 : truePositives / alerted.size,
    recall: labels.length === 0 ? 1 : detected / labels.length,
  };
}
