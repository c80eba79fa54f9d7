import { Module } from '@nestjs/common';
import { MessagingModule } from '@careloop/messaging';
import { INREACH_SCHEMA } from '../inreach-schema';
import { AnnounceServicesAtBoot } from './announce-services-at-boot';
import { CreateService } from './create-service';
import { GetService } from './get-service';
import { ListServices } from './list-services';
import { ServiceController } from './service.controller';

/**
 * The in-reach services a CDAS hosts: what is offered, by whom, at which of its sites; announced through
 * the outbox when made, and at boot for any made before in-reach announced services.
 */
@Module({
  imports: [MessagingModule.forService(INREACH_SCHEMA)],
  controllers: [ServiceController],
  providers: [CreateService, ListServices, GetService, AnnounceServicesAtBoot],
})
export class ServiceModule {}
