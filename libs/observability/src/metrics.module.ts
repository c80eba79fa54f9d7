import { Module, type DynamicModule, type MiddlewareConsumer, type NestModule } from '@nestjs/common';
import { collectDefaultMetrics, Registry } from 'prom-client';
import { HttpMetricsMiddleware } from './http-metrics.middleware';
import { Metrics, METRICS_REGISTRY } from './metrics';
import { MetricsController } from './metrics.controller';

export interface MetricsModuleOptions {
  service: string;
}

/**
 * A registry per app instance, not prom-client's global one, so several apps or tests in one
 * process never collide; each gets its own process metrics and a `service` label on every series.
 */
@Module({})
export class MetricsModule implements NestModule {
  static forRoot({ service }: MetricsModuleOptions): DynamicModule {
    return {
      module: MetricsModule,
      global: true,
      controllers: [MetricsController],
      providers: [
        {
          provide: METRICS_REGISTRY,
          useFactory: () => {
            const registry = new Registry();
            registry.setDefaultLabels({ service });
            collectDefaultMetrics({ register: registry });
            return registry;
          },
        },
        Metrics,
        HttpMetricsMiddleware,
      ],
      exports: [METRICS_REGISTRY, Metrics],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(HttpMetricsMiddleware).forRoutes('*');
  }
}
