import { Module } from '@nestjs/common';
import { CreateService } from './create-service';
import { GetService } from './get-service';
import { ListServices } from './list-services';
import { ServiceController } from './service.controller';

/** The in-reach services a CDAS hosts: what is offered, by whom, at which of its sites. */
@Module({
  controllers: [ServiceController],
  providers: [CreateService, ListServices, GetService],
})
export class ServiceModule {}
