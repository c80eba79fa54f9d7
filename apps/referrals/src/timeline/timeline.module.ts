import { Module } from '@nestjs/common';
import { AuditTrail } from '@careloop/auth';
import { CdasStaffGuard } from '../access/cdas-staff.guard';
import { ClientDirectory, SqlClientDirectory } from '../need/client-directory';
import { GetClientTimeline } from './get-client-timeline';
import { TIMELINE_SOURCES, TIMELINE_SOURCES_TOKEN } from './sources';
import { TimelineController } from './timeline.controller';

@Module({
  controllers: [TimelineController],
  providers: [
    GetClientTimeline,
    AuditTrail,
    CdasStaffGuard,
    { provide: ClientDirectory, useClass: SqlClientDirectory },
    { provide: TIMELINE_SOURCES_TOKEN, useValue: TIMELINE_SOURCES },
  ],
})
export class TimelineModule {}
