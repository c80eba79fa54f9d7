import { Module } from '@nestjs/common';
import { MessagingModule } from '@careloop/messaging';
import type { ServiceDefinition } from '@careloop/runtime';
import { remindersMigrations } from './migrations';
import { REMINDERS_SCHEMA } from './reminders-schema';
import { AppointmentModule } from './appointment/appointment.module';
import { ReminderAppointment } from './appointment/reminder-appointment.entity';
import { ClientModule } from './client/client.module';
import { GatewayModule } from './gateway/gateway.module';
import { InboundModule } from './inbound/inbound.module';
import { PlanModule } from './plan/plan.module';
import { ReceiptsModule } from './receipts/receipts.module';
import { RemindersPolicyModule } from './reminders-policy.module';
import { SendingModule } from './sending/sending.module';
import { WordingModule } from './wording/wording.module';
import { ReminderClient } from './client/reminder-client.entity';
import { InboundMessage } from './inbound/inbound-message.entity';
import { Reminder } from './plan/reminder.entity';
import { SmsMessage } from './sending/sms-message.entity';
import { ProviderLocation } from './wording/provider-location.entity';
import { Template } from './wording/template.entity';

@Module({
  imports: [
    RemindersPolicyModule,
    MessagingModule.forService(REMINDERS_SCHEMA),
    ClientModule,
    AppointmentModule,
    PlanModule,
    WordingModule,
    GatewayModule,
    InboundModule,
    ReceiptsModule,
    SendingModule,
  ],
})
export class RemindersServiceModule {}

/**
 * SMS reminders: a plan per appointment from booking's events, safe wording, sending through Twilio,
 * Notify or a development inbox at most once per step, replies and delivery receipts.
 */
export const remindersService: ServiceDefinition = {
  name: REMINDERS_SCHEMA,
  module: RemindersServiceModule,
  database: {
    schema: REMINDERS_SCHEMA,
    entities: [
      ReminderClient,
      ReminderAppointment,
      Reminder,
      SmsMessage,
      Template,
      ProviderLocation,
      InboundMessage,
    ],
    migrations: remindersMigrations,
  },
  defaultPort: 3003,
  usesScheduler: true,
};
