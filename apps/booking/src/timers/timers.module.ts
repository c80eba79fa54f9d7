import { Module, type DynamicModule, type ModuleMetadata, type Type } from '@nestjs/common';
import { BookingTimers } from './booking-timers';
import { TimerMetrics } from './timer-metrics';
import { BOOKING_TIMER_TASKS, type TimerTask } from './timer-task';

export interface TimersModuleOptions {
  /**
   * Modules that export the task classes (each context provides and exports its own tasks) and, unless
   * it is global, BOOKING_POLICY.
   */
  imports: NonNullable<ModuleMetadata['imports']>;
  /** The tasks each tick runs, in this order. */
  tasks: Type<TimerTask>[];
}

/**
 * The timer job (BookingTimers) over the given tasks. The tasks are injected, not built here, so each
 * keeps the dependencies its own context module gives it; BOOKING_TIMER_TASKS is their list in order.
 * JOB_SCHEDULER, CLOCK and APP_LOGGER come from the runtime, Metrics from the HTTP app.
 */
@Module({})
export class TimersModule {
  static forTasks(options: TimersModuleOptions): DynamicModule {
    return {
      module: TimersModule,
      imports: options.imports,
      providers: [
        { provide: BOOKING_TIMER_TASKS, inject: options.tasks, useFactory: (...tasks: TimerTask[]) => tasks },
        TimerMetrics,
        BookingTimers,
      ],
    };
  }
}
