import { Module } from '@nestjs/common';
import { InreachService } from './inreach-service.entity';
import { InreachServiceDirectory } from './inreach-service-directory';
import { RecordInreachService } from './record-inreach-service';

/**
 * In-reach services as this service knows them, from in-reach's events (its consumer is in the care
 * events module, with in-reach's other events): referrals to in-reach are checked against them.
 */
@Module({
  providers: [RecordInreachService, InreachServiceDirectory],
  exports: [RecordInreachService, InreachServiceDirectory],
})
export class InreachServicesModule {}

/** The entities the service's DataSource must know for this context. */
export const INREACH_SERVICE_ENTITIES = [InreachService];
