import { Module } from '@nestjs/common';
import { SiteEventsConsumer } from '../events/site-events.consumer';
import { RecordSiteRegistered } from './record-site-registered';

/** In-reach's copy of the sites booking registers (site.registered.v1): where services and rooms may be. */
@Module({
  controllers: [SiteEventsConsumer],
  providers: [RecordSiteRegistered],
})
export class SiteModule {}
