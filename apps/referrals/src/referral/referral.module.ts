import { Module } from '@nestjs/common';
import { AuditTrail } from '@careloop/auth';
import { MessagingModule } from '@careloop/messaging';
import { CdasStaffGuard } from '../access/cdas-staff.guard';
import { CareEventsModule } from '../care-events/care-events.module';
import { BookingEventsConsumer } from '../events/booking-events.consumer';
import { InreachServicesModule } from '../inreach-service/inreach-services.module';
import { ClientDirectory, SqlClientDirectory } from '../need/client-directory';
import { REFERRALS_SCHEMA } from '../referrals-schema';
import { ApplyReferralAction } from './apply-referral-action';
import { ClientAppointment } from './client-appointment.entity';
import { CreateReferral } from './create-referral';
import { GetReferral } from './get-referral';
import { ListReferrals } from './list-referrals';
import { RecordAppointmentEvent } from './record-appointment-event';
import { NeedStatusWriter } from '../need/need-status-writer';
import { ReferNeed } from './refer-need';
import { ReferralController } from './referral.controller';
import { Referral } from './referral.entity';
import { ReferralStatusChange } from './referral-status-change.entity';
import { ReferralTransitions } from './referral-transition';

/** Closed-loop referrals: staff actions over HTTP, booking's appointment events over the bus. */
@Module({
  imports: [MessagingModule.forService(REFERRALS_SCHEMA), CareEventsModule, InreachServicesModule],
  controllers: [ReferralController, BookingEventsConsumer],
  providers: [
    AuditTrail,
    CdasStaffGuard,
    { provide: ClientDirectory, useClass: SqlClientDirectory },
    ReferNeed,
    NeedStatusWriter,
    ReferralTransitions,
    CreateReferral,
    ApplyReferralAction,
    GetReferral,
    ListReferrals,
    RecordAppointmentEvent,
  ],
})
export class ReferralModule {}

/** The entities the service's DataSource must know for this context. */
export const REFERRAL_ENTITIES = [Referral, ReferralStatusChange, ClientAppointment];
