import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { siteRegisteredV1, type EventData, type EventEnvelope } from '@careloop/contracts';
import { ConsumeEvent, EventContext } from '@careloop/messaging';
import { INREACH_SCHEMA } from '../inreach-schema';
import { RecordSiteRegistered } from '../site/record-site-registered';

/** Booking's site events, kept as the sites in-reach may place rooms and services at. */
@Controller()
export class SiteEventsConsumer {
  constructor(private readonly recordSite: RecordSiteRegistered) {}

  @ConsumeEvent(siteRegisteredV1, INREACH_SCHEMA)
  async onSiteRegistered(
    @Payload() event: EventEnvelope<EventData<typeof siteRegisteredV1>>,
    @Ctx() ctx: EventContext,
  ): Promise<void> {
    await this.recordSite.execute(ctx.manager, event);
  }
}
