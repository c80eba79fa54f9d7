import { Module } from '@nestjs/common';
import { OfferJob } from './offer-job';
import { OfferModule } from './offer.module';

/**
 * The repeating offer job. Apart from OfferModule so a process (or a test) can serve the API without
 * running it; JOB_SCHEDULER, CLOCK and APP_LOGGER come from the runtime, Metrics from the app.
 */
@Module({
  imports: [OfferModule],
  providers: [OfferJob],
})
export class OfferJobModule {}
