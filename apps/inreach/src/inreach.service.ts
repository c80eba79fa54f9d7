import { Module } from '@nestjs/common';
import { MessagingModule } from '@careloop/messaging';
import type { ServiceDefinition } from '@careloop/runtime';
import { InreachPolicyModule } from './inreach-policy.module';
import { INREACH_SCHEMA } from './inreach-schema';
import { inreachMigrations } from './migrations';
import { Room } from './room/room.entity';
import { RoomModule } from './room/room.module';
import { HorizonJobModule } from './series/horizon-job.module';
import { SeriesException } from './series/series-exception.entity';
import { SeriesModule } from './series/series.module';
import { SessionSeries } from './series/session-series.entity';
import { InreachService } from './service/inreach-service.entity';
import { ServiceModule } from './service/service.module';
import { Session } from './session/session.entity';
import { SessionModule } from './session/session.module';
import { Site } from './site/site.entity';
import { SiteModule } from './site/site.module';

@Module({
  imports: [
    InreachPolicyModule,
    MessagingModule.forService(INREACH_SCHEMA),
    SiteModule,
    ServiceModule,
    RoomModule,
    SeriesModule,
    SessionModule,
    HorizonJobModule,
  ],
})
export class InreachServiceModule {}

/**
 * Recurring in-reach clinics at CDAS sites: services, rooms, session series and their sessions,
 * published to booking as bookable slots (issue 6). Waiting lists and walk-ins come later.
 */
export const inreachService: ServiceDefinition = {
  name: INREACH_SCHEMA,
  module: InreachServiceModule,
  database: {
    schema: INREACH_SCHEMA,
    entities: [Site, InreachService, Room, SessionSeries, SeriesException, Session],
    migrations: inreachMigrations,
  },
  defaultPort: 3004,
  usesScheduler: true,
};
