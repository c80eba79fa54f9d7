import { Controller, Get, Inject, NotFoundException, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { CurrentPrincipal, Roles, type Principal } from '@careloop/auth';
import { CdasOnlyGuard } from '../wording/cdas-only.guard';
import { DevInboxGateway, type DevInboxMessage } from './dev-inbox-gateway';
import { organisationTexts } from './dev-inbox-organisation';
import { devInboxQuery, type DevInboxQuery } from './dev-inbox.dto';
import { SMS_GATEWAY, type SmsGateway } from './sms-gateway';

/**
 * What the development inbox took instead of sending (embedded mode and development only). With any
 * real gateway the route answers 404, as if it did not exist: a service module cannot see the
 * configuration when Nest registers routes, so the handler checks the gateway instead. Replying as the
 * client (POST /dev/sms-inbox/replies) belongs with the inbound webhook and is not here. Each drug
 * service sees only the texts it sent its own clients.
 */
@ApiTags('reminders')
@ApiBearerAuth()
@UseGuards(CdasOnlyGuard)
@Controller('dev/sms-inbox')
export class DevInboxController {
  constructor(
    @Inject(SMS_GATEWAY) private readonly gateway: SmsGateway,
    private readonly dataSource: DataSource,
  ) {}

  @Get()
  @Roles('admin', 'service_manager', 'drug_worker')
  @ApiOperation({
    summary:
      "Development only (SMS_GATEWAY=dev_inbox): the texts that would have been sent to the organisation's " +
      'clients, oldest first',
  })
  async list(
    @CurrentPrincipal() principal: Principal,
    @Query({ schema: devInboxQuery }) query: DevInboxQuery,
  ): Promise<DevInboxMessage[]> {
    if (!(this.gateway instanceof DevInboxGateway)) throw new NotFoundException();
    const texts = query.to ? this.gateway.messagesTo(query.to) : this.gateway.messages();
    return organisationTexts(this.dataSource.manager, principal.orgId, texts);
  }
}
