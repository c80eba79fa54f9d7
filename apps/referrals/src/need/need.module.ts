import { Module } from '@nestjs/common';
import { AuditTrail } from '@careloop/auth';
import { MessagingModule } from '@careloop/messaging';
import { REFERRALS_SCHEMA } from '../referrals-schema';
import { CdasStaffGuard } from '../access/cdas-staff.guard';
import { NeedStatusWriter } from './need-status-writer';
import { ChangeNeedStatus } from './change-need-status';
import { ClientDirectory, SqlClientDirectory } from './client-directory';
import { GetNeed } from './get-need';
import { ListClientNeeds } from './list-client-needs';
import { NeedController } from './need.controller';
import { RecordNeed } from './record-need';

@Module({
  imports: [MessagingModule.forService(REFERRALS_SCHEMA)],
  controllers: [NeedController],
  providers: [
    RecordNeed,
    ListClientNeeds,
    GetNeed,
    ChangeNeedStatus,
    NeedStatusWriter,
    AuditTrail,
    CdasStaffGuard,
    { provide: ClientDirectory, useClass: SqlClientDirectory },
  ],
})
export class NeedModule {}
