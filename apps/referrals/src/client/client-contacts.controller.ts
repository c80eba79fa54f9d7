import { Body, Controller, Delete, HttpCode, Param, Post, Put, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { ServerResponse } from 'node:http';
import { CurrentPrincipal, Roles, type Principal } from '@careloop/auth';
import { IdempotencyKey } from '@careloop/http';
import { AddClientContact } from './add-client-contact';
import { CdasStaffGuard, CDAS_WRITERS } from '../access/cdas-staff.guard';
import {
  contactBody,
  updateContactBody,
  type UpdateContactBody,
  eraseContactDataBody,
  type ContactBody,
  type ContactView,
  type EraseContactDataBody,
} from './client-contact.dto';
import { clientIdParam, contactIdParam } from './client.dto';
import { EraseClientContactData, type ContactDataErasure } from './erase-client-contact-data';
import { RemoveClientContact } from './remove-client-contact';
import { UpdateClientContact } from './update-client-contact';

const PHONE_RULES =
  'own_mobile must be a UK mobile; other purposes may be a UK landline. Numbers are stored and returned in E.164 (+44...). ' +
  'safeToText needs a mobile. verified: true records you and now as verifiedBy/verifiedAt.';

@ApiTags('clients')
@ApiBearerAuth()
@UseGuards(CdasStaffGuard)
@Controller('clients/:clientId')
export class ClientContactsController {
  constructor(
    private readonly addContact: AddClientContact,
    private readonly updateContact: UpdateClientContact,
    private readonly removeContact: RemoveClientContact,
    private readonly eraseContactData: EraseClientContactData,
  ) {}

  @Post('contacts')
  @HttpCode(201)
  @Roles(...CDAS_WRITERS)
  @ApiOperation({ summary: 'Add a contact to a client', description: PHONE_RULES })
  async add(
    @CurrentPrincipal() principal: Principal,
    @Param('clientId', { schema: clientIdParam }) clientId: string,
    @Body({ schema: contactBody }) body: ContactBody,
    @IdempotencyKey() idempotencyKey: string | undefined,
    @Res({ passthrough: true }) res: ServerResponse,
  ): Promise<ContactView> {
    const { result, replayed } = await this.addContact.execute(principal, clientId, body, idempotencyKey);
    if (replayed) res.setHeader('Idempotent-Replayed', 'true');
    res.setHeader('Location', `/clients/${clientId}/contacts/${result.contactId}`);
    return result;
  }

  @Put('contacts/:contactId')
  @Roles(...CDAS_WRITERS)
  @ApiOperation({
    summary: "Replace a contact's details",
    description: `${PHONE_RULES} Send the \`version\` you read: a stale replacement gets 409 CLIENT_CONTACT_VERSION_CONFLICT.`,
  })
  update(
    @CurrentPrincipal() principal: Principal,
    @Param('clientId', { schema: clientIdParam }) clientId: string,
    @Param('contactId', { schema: contactIdParam }) contactId: string,
    @Body({ schema: updateContactBody }) body: UpdateContactBody,
  ): Promise<ContactView> {
    return this.updateContact.execute(principal, clientId, contactId, body);
  }

  @Delete('contacts/:contactId')
  @HttpCode(204)
  @Roles(...CDAS_WRITERS)
  @ApiOperation({ summary: 'Remove a contact (the number is deleted)' })
  async remove(
    @CurrentPrincipal() principal: Principal,
    @Param('clientId', { schema: clientIdParam }) clientId: string,
    @Param('contactId', { schema: contactIdParam }) contactId: string,
  ): Promise<void> {
    await this.removeContact.execute(principal, clientId, contactId);
  }

  @Post('contact-data-erasure')
  @HttpCode(200)
  @Roles(...CDAS_WRITERS)
  @ApiOperation({
    summary: "Erase all of a client's contact data",
    description:
      'Deletes every contact (phone number) of the client, records the reason in the audit log and publishes ' +
      'client.contact-data-erased.v1 so other services drop their copies.',
  })
  erase(
    @CurrentPrincipal() principal: Principal,
    @Param('clientId', { schema: clientIdParam }) clientId: string,
    @Body({ schema: eraseContactDataBody }) body: EraseContactDataBody,
  ): Promise<ContactDataErasure> {
    return this.eraseContactData.execute(principal, clientId, body);
  }
}
