import { Module } from '@nestjs/common';
import { CreateSchedule } from './create-schedule';
import { ListScheduleSlots } from './list-schedule-slots';
import { ListSchedules } from './list-schedules';
import { ScheduleController } from './schedule.controller';

/** Schedules: the diaries slots are published on, one site each, and the clinic's view of their slots. */
@Module({ controllers: [ScheduleController], providers: [CreateSchedule, ListSchedules, ListScheduleSlots] })
export class ScheduleModule {}
