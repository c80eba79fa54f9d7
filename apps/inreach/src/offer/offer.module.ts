import { Module } from '@nestjs/common';
import { AuditTrail } from '@careloop/auth';
import { MessagingModule } from '@careloop/messaging';
import { OfferEventsConsumer } from '../events/offer-events.consumer';
import { INREACH_SCHEMA } from '../inreach-schema';
import { ListOffers } from './list-offers';
import { MatchOffers } from './match-offers';
import { OfferController } from './offer.controller';
import { RecordOfferUnplaced } from './record-offer-unplaced';

/**
 * Offers: seats of published sessions offered to waiting clients (MatchOffers, run by the offer job),
 * booking's refusals of them, and the keyworkers' list. Booking's holds, bookings and ended holds of
 * offers come through AppointmentModule's consumer. Exports MatchOffers for the job. Needs
 * INREACH_POLICY (global).
 */
@Module({
  imports: [MessagingModule.forService(INREACH_SCHEMA)],
  controllers: [OfferController, OfferEventsConsumer],
  providers: [AuditTrail, ListOffers, MatchOffers, RecordOfferUnplaced],
  exports: [MatchOffers],
})
export class OfferModule {}
