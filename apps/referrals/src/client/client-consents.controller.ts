import { Body, Controller, Get, HttpCode, Param, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { ConsentPurpose } from '@careloop/contracts';
import { CurrentPrincipal, Roles, type Principal } from '@careloop/auth';
import { CdasStaffGuard, CDAS_READERS, CDAS_WRITERS } from '../access/cdas-staff.guard';
import {
  consentPurposeParam,
  recordConsentBody,
  type ConsentRecordView,
  type CurrentConsents,
  type RecordConsentBody,
} from './client-consent.dto';
import { clientIdParam } from './client.dto';
import { GetConsentHistory } from './get-consent-history';
import { RecordConsent } from './record-consent';
import { WithdrawConsent } from './withdraw-consent';

@ApiTags('clients')
@ApiBearerAuth()
@UseGuards(CdasStaffGuard)
@Controller('clients/:clientId/consents')
export class ClientConsentsController {
  constructor(
    private readonly recordConsent: RecordConsent,
    private readonly withdrawConsent: WithdrawConsent,
    private readonly consentHistory: GetConsentHistory,
  ) {}

  @Post()
  @HttpCode(201)
  @Roles(...CDAS_WRITERS)
  @ApiOperation({
    summary: 'Record that the client gives consent for a purpose',
    description:
      'Returns the current consent of every purpose. Consent records are never changed, only appended.',
  })
  record(
    @CurrentPrincipal() principal: Principal,
    @Param('clientId', { schema: clientIdParam }) clientId: string,
    @Body({ schema: recordConsentBody }) body: RecordConsentBody,
  ): Promise<CurrentConsents> {
    return this.recordConsent.execute(principal, clientId, body.purpose);
  }

  @Post(':purpose/withdrawal')
  @HttpCode(201)
  @Roles(...CDAS_WRITERS)
  @ApiOperation({
    summary: 'Record that the client withdrew consent for a purpose',
    description: 'Refused with 409 CLIENT_CONSENT_NOT_GIVEN when there is no current consent to withdraw.',
  })
  withdraw(
    @CurrentPrincipal() principal: Principal,
    @Param('clientId', { schema: clientIdParam }) clientId: string,
    @Param('purpose', { schema: consentPurposeParam }) purpose: ConsentPurpose,
  ): Promise<CurrentConsents> {
    return this.withdrawConsent.execute(principal, clientId, purpose);
  }

  @Get()
  @Roles(...CDAS_READERS)
  @ApiOperation({ summary: "A client's consent history, oldest first" })
  history(
    @CurrentPrincipal() principal: Principal,
    @Param('clientId', { schema: clientIdParam }) clientId: string,
  ): Promise<ConsentRecordView[]> {
    return this.consentHistory.execute(principal, clientId);
  }
}
