import { Module } from '@nestjs/common';
import { AuditTrail } from '@careloop/auth';
import { DaySheetController } from './day-sheet.controller';
import { ReadDaySheet } from './read-day-sheet';

/** The day sheet of a session: JSON or a printable page, every read audited. */
@Module({
  controllers: [DaySheetController],
  providers: [AuditTrail, ReadDaySheet],
})
export class DaySheetModule {}
