import { Module } from '@nestjs/common';
import { CreateSchedule } from './create-schedule';
import { ListSchedules } from './list-schedules';
import { ScheduleController } from './schedule.controller';

/** Schedules: the diaries slots are published on, one site each. */
@Module({ controllers: [ScheduleController], providers: [CreateSchedule, ListSchedules] })
export class ScheduleModule {}
