import { Module } from '@nestjs/common';
import { AuditTrail } from '@careloop/auth';
import { MessagingModule } from '@careloop/messaging';
import { REFERRALS_SCHEMA } from '../referrals-schema';
import { AddClientContact } from './add-client-contact';
import { CdasStaffGuard } from '../access/cdas-staff.guard';
import { ClientConsent } from './client-consent.entity';
import { ClientConsentsController } from './client-consents.controller';
import { ClientContact } from './client-contact.entity';
import { ClientContactsController } from './client-contacts.controller';
import { ClientEvents } from './client-events';
import { ClientRecords } from './client-records';
import { Client } from './client.entity';
import { ClientsController } from './clients.controller';
import { EraseClientContactData } from './erase-client-contact-data';
import { GetClient } from './get-client';
import { GetConsentHistory } from './get-consent-history';
import { ConsentLedger } from './consent-ledger';
import { RecordConsent } from './record-consent';
import { RegisterClient } from './register-client';
import { RemoveClientContact } from './remove-client-contact';
import { SearchClients } from './search-clients';
import { UpdateClientContact } from './update-client-contact';
import { UpdateClient } from './update-client';
import { WithdrawConsent } from './withdraw-consent';

/** Clients of a CDAS: their record, contacts and consent (issue 3). */
@Module({
  imports: [MessagingModule.forService(REFERRALS_SCHEMA)],
  controllers: [ClientsController, ClientContactsController, ClientConsentsController],
  providers: [
    AuditTrail,
    CdasStaffGuard,
    ClientEvents,
    ClientRecords,
    ConsentLedger,
    RegisterClient,
    UpdateClient,
    GetClient,
    SearchClients,
    AddClientContact,
    UpdateClientContact,
    RemoveClientContact,
    EraseClientContactData,
    RecordConsent,
    WithdrawConsent,
    GetConsentHistory,
  ],
})
export class ClientModule {}

/** The entities the service's DataSource must know for this context. */
export const CLIENT_ENTITIES = [Client, ClientContact, ClientConsent];
