import { Controller, Get, Param, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles, type Principal } from '@careloop/auth';
import { CDAS_READERS, CdasStaffGuard } from '../access/cdas-staff.guard';
import {
  clientIdParam,
  listClientSmsQuery,
  type ClientSmsPage,
  type ListClientSmsQuery,
} from './client-sms.dto';
import { ListClientSms } from './list-client-sms';

@ApiTags('clients')
@ApiBearerAuth()
@UseGuards(CdasStaffGuard)
@Controller('clients/:clientId/sms')
export class ClientSmsController {
  constructor(private readonly listSms: ListClientSms) {}

  @Get()
  @Roles(...CDAS_READERS)
  @ApiOperation({
    summary: "A client's SMS history, newest first",
    description:
      "Texts the reminders service sent (with their text), texts not delivered or whose fate is unknown, and the client's replies (with the text and how it was read). `limit` 1-100 (20), `offset` from 0.",
  })
  list(
    @CurrentPrincipal() principal: Principal,
    @Param('clientId', { schema: clientIdParam }) clientId: string,
    @Query({ schema: listClientSmsQuery }) query: ListClientSmsQuery,
  ): Promise<ClientSmsPage> {
    return this.listSms.execute(principal, clientId, query);
  }
}
