import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import {
  inreachServiceRegisteredV1,
  inreachWalkInRecordedV1,
  type EventData,
  type EventEnvelope,
} from '@careloop/contracts';
import { ConsumeEvent, EventContext } from '@careloop/messaging';
import { RecordWalkIn } from '../care-events/record-walk-in';
import { RecordInreachService } from '../inreach-service/record-inreach-service';
import { REFERRALS_SCHEMA } from '../referrals-schema';

/**
 * In-reach's events: a walk-in goes onto the client's timeline; a service registered becomes one that
 * in-reach referrals may name. Each handler runs in the transaction that records the event in the inbox.
 */
@Controller()
export class InreachEventsConsumer {
  constructor(
    private readonly walkIns: RecordWalkIn,
    private readonly services: RecordInreachService,
  ) {}

  @ConsumeEvent(inreachWalkInRecordedV1, REFERRALS_SCHEMA)
  async onWalkInRecorded(
    @Payload() event: EventEnvelope<EventData<typeof inreachWalkInRecordedV1>>,
    @Ctx() ctx: EventContext,
  ): Promise<void> {
    await this.walkIns.execute(ctx.manager, event);
  }

  @ConsumeEvent(inreachServiceRegisteredV1, REFERRALS_SCHEMA)
  async onServiceRegistered(
    @Payload() event: EventEnvelope<EventData<typeof inreachServiceRegisteredV1>>,
    @Ctx() ctx: EventContext,
  ): Promise<void> {
    await this.services.execute(ctx.manager, event);
  }
}
