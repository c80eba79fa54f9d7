import { Module } from '@nestjs/common';
import { HorizonJob } from './horizon-job';
import { SeriesModule } from './series.module';

/**
 * The repeating horizon job. Apart from SeriesModule so a process (or a test) can serve the API
 * without running it; JOB_SCHEDULER, CLOCK and APP_LOGGER come from the runtime, Metrics from the app.
 */
@Module({
  imports: [SeriesModule],
  providers: [HorizonJob],
})
export class HorizonJobModule {}
