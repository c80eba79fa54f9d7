import { Controller, Get, Inject, NotFoundException, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '@careloop/auth';
import { DevInboxGateway, type DevInboxMessage } from './dev-inbox-gateway';
import { devInboxQuery, type DevInboxQuery } from './dev-inbox.dto';
import { SMS_GATEWAY, type SmsGateway } from './sms-gateway';

/**
 * What the development inbox took instead of sending (embedded mode and development only). With any
 * real gateway the route answers 404, as if it did not exist: a service module cannot see the
 * configuration when Nest registers routes, so the handler checks the gateway instead. Replying as the
 * client (POST /dev/sms-inbox/replies) belongs with the inbound webhook and is not here.
 */
@ApiTags('reminders')
@ApiBearerAuth()
@Controller('dev/sms-inbox')
export class DevInboxController {
  constructor(@Inject(SMS_GATEWAY) private readonly gateway: SmsGateway) {}

  @Get()
  @Roles('admin', 'service_manager', 'drug_worker')
  @ApiOperation({
    summary: 'Development only (SMS_GATEWAY=dev_inbox): the texts that would have been sent, oldest first',
  })
  list(@Query({ schema: devInboxQuery }) query: DevInboxQuery): DevInboxMessage[] {
    if (!(this.gateway instanceof DevInboxGateway)) throw new NotFoundException();
    return query.to ? this.gateway.messagesTo(query.to) : this.gateway.messages();
  }
}
