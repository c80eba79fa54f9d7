import { Module } from '@nestjs/common';
import { AuditTrail } from '@careloop/auth';
import { CdasStaffGuard } from '../access/cdas-staff.guard';
import { ClientDirectory, SqlClientDirectory } from '../need/client-directory';
import { AdvocacyAction } from './advocacy-action.entity';
import { AdvocacyController } from './advocacy.controller';
import { ListAdvocacyActions } from './list-advocacy-actions';
import { RecordAdvocacyAction } from './record-advocacy-action';

export const ADVOCACY_ENTITIES = [AdvocacyAction];

@Module({
  controllers: [AdvocacyController],
  providers: [
    RecordAdvocacyAction,
    ListAdvocacyActions,
    AuditTrail,
    CdasStaffGuard,
    { provide: ClientDirectory, useClass: SqlClientDirectory },
  ],
})
export class AdvocacyModule {}
