import { Module } from '@nestjs/common';
import { AuditTrail } from '@careloop/auth';
import { MessagingModule } from '@careloop/messaging';
import { CdasStaffGuard } from '../access/cdas-staff.guard';
import { ClientEvents } from '../client/client-events';
import { ClientRecords } from '../client/client-records';
import { ConsentLedger } from '../client/consent-ledger';
import { ReminderEventsConsumer } from '../events/reminder-events.consumer';
import { ClientDirectory, SqlClientDirectory } from '../need/client-directory';
import { REFERRALS_SCHEMA } from '../referrals-schema';
import { ClientSms } from './client-sms.entity';
import { ClientSmsController } from './client-sms.controller';
import { ListClientSms } from './list-client-sms';
import { RecordClientSms } from './record-client-sms';
import { RecordSmsDelivered } from './record-sms-delivered';
import { WithdrawSmsConsentOnOptOut } from './withdraw-sms-consent-on-opt-out';

/**
 * The client's SMS history from the reminders service's events, and SMS opt-outs mirrored into the
 * client's consent (through the client context's consent ledger, the path staff use).
 */
@Module({
  imports: [MessagingModule.forService(REFERRALS_SCHEMA)],
  controllers: [ClientSmsController, ReminderEventsConsumer],
  providers: [
    AuditTrail,
    CdasStaffGuard,
    { provide: ClientDirectory, useClass: SqlClientDirectory },
    ClientRecords,
    ClientEvents,
    ConsentLedger,
    RecordClientSms,
    RecordSmsDelivered,
    WithdrawSmsConsentOnOptOut,
    ListClientSms,
  ],
})
export class SmsModule {}

/** The entities the service's DataSource must know for this context. */
export const SMS_ENTITIES = [ClientSms];
