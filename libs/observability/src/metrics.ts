import { Inject, Injectable } from '@nestjs/common';
import { Counter, Gauge, Histogram, type Registry } from 'prom-client';

export const METRICS_REGISTRY = Symbol('METRICS_REGISTRY');

export interface MetricDefinition<L extends string> {
  name: string;
  help: string;
  labelNames?: readonly L[];
}

/**
 * Creates metrics on the app's own registry. Asking twice for the same name returns the first one,
 * so a provider built once per test module, or by two modules, does not throw "already registered".
 */
@Injectable()
export class Metrics {
  constructor(@Inject(METRICS_REGISTRY) readonly registry: Registry) {}

  counter<L extends string = never>(definition: MetricDefinition<L>): Counter<L> {
    return (
      this.existing(definition.name, Counter) ??
      new Counter<L>({ ...definition, labelNames: definition.labelNames ?? [], registers: [this.registry] })
    );
  }

  gauge<L extends string = never>(definition: MetricDefinition<L>): Gauge<L> {
    return (
      this.existing(definition.name, Gauge) ??
      new Gauge<L>({ ...definition, labelNames: definition.labelNames ?? [], registers: [this.registry] })
    );
  }

  histogram<L extends string = never>(
    definition: MetricDefinition<L> & { buckets?: number[] },
  ): Histogram<L> {
    return (
      this.existing(definition.name, Histogram) ??
      new Histogram<L>({ ...definition, labelNames: definition.labelNames ?? [], registers: [this.registry] })
    );
  }

  private existing<M>(name: string, kind: abstract new (...args: never[]) => M): M | undefined {
    const metric = this.registry.getSingleMetric(name);
    if (metric === undefined) return undefined;
    if (!(metric instanceof kind)) throw new Error(`Metric ${name} already exists with a different type`);
    return metric;
  }
}
