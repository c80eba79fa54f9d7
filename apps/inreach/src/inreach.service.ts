import { Module } from '@nestjs/common';
import { MessagingModule } from '@careloop/messaging';
import type { ServiceDefinition } from '@careloop/runtime';
import { AppointmentModule } from './appointment/appointment.module';
import { SessionAppointment } from './appointment/session-appointment.entity';
import { InreachClient } from './client/inreach-client.entity';
import { ClientModule } from './client/client.module';
import { DaySheetModule } from './day-sheet/day-sheet.module';
import { EvidenceModule } from './evidence/evidence.module';
import { InreachPolicyModule } from './inreach-policy.module';
import { INREACH_SCHEMA } from './inreach-schema';
import { inreachMigrations } from './migrations';
import { OfferJobModule } from './offer/offer-job.module';
import { Offer } from './offer/offer.entity';
import { OfferModule } from './offer/offer.module';
import { ReferralModule } from './referral/referral.module';
import { Room } from './room/room.entity';
import { RoomModule } from './room/room.module';
import { HorizonJobModule } from './series/horizon-job.module';
import { SeriesException } from './series/series-exception.entity';
import { SeriesModule } from './series/series.module';
import { SessionSeries } from './series/session-series.entity';
import { InreachService } from './service/inreach-service.entity';
import { ServiceModule } from './service/service.module';
import { Session } from './session/session.entity';
import { SessionModule } from './session/session.module';
import { Site } from './site/site.entity';
import { SiteModule } from './site/site.module';
import { WalkIn } from './walk-in/walk-in.entity';
import { WalkInModule } from './walk-in/walk-in.module';
import { WaitingListEntry } from './waiting-list/waiting-list-entry.entity';
import { WaitingListModule } from './waiting-list/waiting-list.module';

@Module({
  imports: [
    InreachPolicyModule,
    MessagingModule.forService(INREACH_SCHEMA),
    SiteModule,
    ServiceModule,
    RoomModule,
    SeriesModule,
    SessionModule,
    HorizonJobModule,
    ClientModule,
    AppointmentModule,
    ReferralModule,
    DaySheetModule,
    WalkInModule,
    EvidenceModule,
    WaitingListModule,
    OfferModule,
    OfferJobModule,
  ],
})
export class InreachServiceModule {}

/**
 * Recurring in-reach clinics at CDAS sites: services, rooms, session series and their sessions,
 * published to booking as bookable slots (issue 6); on the day, the day sheet (from copies of clients,
 * appointments and referrals) and walk-ins; the evidence report; waiting lists from in-reach
 * referrals, and free seats offered to the waiting clients (the offer job) for booking to hold.
 */
export const inreachService: ServiceDefinition = {
  name: INREACH_SCHEMA,
  module: InreachServiceModule,
  database: {
    schema: INREACH_SCHEMA,
    entities: [
      Site,
      InreachService,
      Room,
      SessionSeries,
      SeriesException,
      Session,
      InreachClient,
      SessionAppointment,
      WalkIn,
      WaitingListEntry,
      Offer,
    ],
    migrations: inreachMigrations,
  },
  defaultPort: 3004,
  usesScheduler: true,
};
