import type { DistributionValue, MetricResult } from "./MetricResult";
import type { Counter, Distribution, Gauge, MetricsContext } from "./MetricsContext";

class CounterCell implements Counter {
  value = 0;
  inc(n = 1): void {
    this.value += n;
  }
}

class DistributionCell implements Distribution {
  count = 0;
  sum = 0;
  min = Infinity;
  max = -Infinity;
  update(v: number): void {
    this.count++;
    this.sum += v;
    if (v < this.min) this.min = v;
    if (v > this.max) this.max = v;
  }
  snapshot(): DistributionValue {
    return {
      count: this.count,
      sum: this.sum,
      min: this.min,
      max: this.max,
      mean: this.count ? this.sum / this.count : NaN,
    };
  }
}

class GaugeCell implements Gauge {
  value = NaN;
  set(v: number): void {
    this.value = v;
  }
}

/**
 * The metrics of one step: a {@link MetricsContext} that keeps its cells for reporting.
 * @internal
 */
export class MetricsContainer implements MetricsContext {
  private readonly counters = new Map<string, CounterCell>();
  private readonly distributions = new Map<string, DistributionCell>();
  private readonly gauges = new Map<string, GaugeCell>();

  constructor(readonly step: string) {}

  counter(name: string): CounterCell {
    let c = this.counters.get(name);
    if (!c) this.counters.set(name, (c = new CounterCell()));
    return c;
  }

  distribution(name: string): DistributionCell {
    let d = this.distributions.get(name);
    if (!d) this.distributions.set(name, (d = new DistributionCell()));
    return d;
  }

  gauge(name: string): GaugeCell {
    let g = this.gauges.get(name);
    if (!g) this.gauges.set(name, (g = new GaugeCell()));
    return g;
  }

  results(): MetricResult[] {
    const out: MetricResult[] = [];
    const step = this.step;
    for (const [name, c] of this.counters) out.push({ step, name, type: "counter", value: c.value });
    for (const [name, d] of this.distributions)
      out.push({ step, name, type: "distribution", value: d.snapshot() });
    for (const [name, g] of this.gauges) out.push({ step, name, type: "gauge", value: g.value });
    return out;
  }
}
