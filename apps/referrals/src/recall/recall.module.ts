import { Module } from '@nestjs/common';
import { AuditTrail } from '@careloop/auth';
import { CdasStaffGuard } from '../access/cdas-staff.guard';
import { ClientDirectory, SqlClientDirectory } from '../need/client-directory';
import { GetClientRecall } from './get-client-recall';
import { GetRecallPolicy } from './get-recall-policy';
import { ListRecallDue } from './list-recall-due';
import { RecallController } from './recall.controller';
import { RecordCheck } from './record-check';
import { SetRecallPolicy } from './set-recall-policy';

@Module({
  controllers: [RecallController],
  providers: [
    GetRecallPolicy,
    SetRecallPolicy,
    RecordCheck,
    GetClientRecall,
    ListRecallDue,
    AuditTrail,
    CdasStaffGuard,
    { provide: ClientDirectory, useClass: SqlClientDirectory },
  ],
})
export class RecallModule {}
