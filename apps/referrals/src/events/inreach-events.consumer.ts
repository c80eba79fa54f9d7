import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { inreachWalkInRecordedV1, type EventData, type EventEnvelope } from '@careloop/contracts';
import { ConsumeEvent, EventContext } from '@careloop/messaging';
import { RecordWalkIn } from '../care-events/record-walk-in';
import { REFERRALS_SCHEMA } from '../referrals-schema';

/**
 * In-reach's events about clients: a walk-in goes onto the client's timeline. The handler runs in the
 * transaction that records the event in the inbox.
 */
@Controller()
export class InreachEventsConsumer {
  constructor(private readonly walkIns: RecordWalkIn) {}

  @ConsumeEvent(inreachWalkInRecordedV1, REFERRALS_SCHEMA)
  async onWalkInRecorded(
    @Payload() event: EventEnvelope<EventData<typeof inreachWalkInRecordedV1>>,
    @Ctx() ctx: EventContext,
  ): Promise<void> {
    await this.walkIns.execute(ctx.manager, event);
  }
}
