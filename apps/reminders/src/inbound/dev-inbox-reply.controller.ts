import { randomBytes } from 'node:crypto';
import { Body, Controller, HttpCode, Inject, NotFoundException, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { CurrentPrincipal, Roles, type Principal } from '@careloop/auth';
import { DevInboxGateway } from '../gateway/dev-inbox-gateway';
import { SMS_GATEWAY, type SmsGateway } from '../gateway/sms-gateway';
import { CdasOnlyGuard } from '../wording/cdas-only.guard';
import { devInboxReplyBody, type DevInboxReplyBody, type DevInboxReplyView } from './dev-inbox-reply.dto';
import { isOrganisationClientMobile } from './organisation-client-mobile';
import { RecordInboundMessage } from './record-inbound-message';

/**
 * Development only: a person replies as the client, and the reply takes exactly the path a Twilio one
 * does (reading, keyworker event, opt-out). With a real gateway the route answers 404, as if absent.
 * Staff reply only as a client of their own organisation: any other number answers 404, so nobody
 * can speak for, or opt out, another service's client (nor learn whose number it is).
 */
@ApiTags('reminders')
@ApiBearerAuth()
@UseGuards(CdasOnlyGuard)
@Controller('dev/sms-inbox/replies')
export class DevInboxReplyController {
  constructor(
    @Inject(SMS_GATEWAY) private readonly gateway: SmsGateway,
    private readonly recordInboundMessage: RecordInboundMessage,
    private readonly dataSource: DataSource,
  ) {}

  @Post()
  @HttpCode(201)
  @Roles('admin', 'service_manager', 'drug_worker')
  @ApiOperation({ summary: 'Development only (SMS_GATEWAY=dev_inbox): reply to a text as the client' })
  async reply(
    @CurrentPrincipal() principal: Principal,
    @Body({ schema: devInboxReplyBody }) body: DevInboxReplyBody,
  ): Promise<DevInboxReplyView> {
    if (!(this.gateway instanceof DevInboxGateway)) throw new NotFoundException();
    if (!(await isOrganisationClientMobile(this.dataSource.manager, principal.orgId, body.from))) {
      throw new NotFoundException('None of your clients has this mobile');
    }
    const outcome = await this.recordInboundMessage.execute({
      gateway: 'dev_inbox',
      gatewayMessageId: `DEV${randomBytes(16).toString('hex')}`,
      from: body.from,
      body: body.body,
      // Only the caller's own clients: a number shared with another organisation's client is not theirs to answer for.
      orgId: principal.orgId,
    });
    // A fresh id is never a repeat, so the text was always kept.
    return { id: outcome.inboundMessageId!, intent: outcome.intent, client: outcome.client };
  }
}
