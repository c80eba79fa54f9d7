import { Module, type DynamicModule } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { HEALTH_OPTIONS, type HealthModuleOptions } from './health-check';
import { HealthController } from './health.controller';

/** GET /health/live and /health/ready (both public) over every HEALTH_CHECKS provider in the app. */
@Module({})
export class HealthModule {
  static forRoot(options: HealthModuleOptions = {}): DynamicModule {
    return {
      module: HealthModule,
      imports: [DiscoveryModule],
      controllers: [HealthController],
      providers: [{ provide: HEALTH_OPTIONS, useValue: options }],
    };
  }
}
