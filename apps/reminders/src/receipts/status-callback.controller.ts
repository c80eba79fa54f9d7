import { Body, Controller, Header, HttpCode, Post, Query, UseGuards } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '@careloop/auth';
import { EMPTY_TWIML } from '../inbound/inbound.dto';
import { TwilioSignatureGuard } from '../inbound/twilio-signature.guard';
import {
  twilioStatusForm,
  twilioStatusQuery,
  type TwilioStatusForm,
  type TwilioStatusQuery,
} from './receipts.dto';
import { RecordDeliveryReceipt } from './record-delivery-receipt';

/** Where the Twilio adapter asks Twilio to report delivery: PUBLIC_BASE_URL + this path. */
export const TWILIO_STATUS_PATH = 'webhooks/twilio/status';

/**
 * Twilio's message status callback: no bearer token, the Twilio signature instead (over the URL with
 * its query, so our message id on it is Twilio's word too). Every signed receipt gets 200, even one for
 * a text we do not know or one that changes nothing, so Twilio does not keep retrying something a
 * retry cannot fix; a message id that is not one of ours in form gets 400 and changes nothing.
 */
@Public()
@ApiTags('reminders')
@UseGuards(TwilioSignatureGuard)
@Controller(TWILIO_STATUS_PATH)
export class StatusCallbackController {
  constructor(private readonly recordDeliveryReceipt: RecordDeliveryReceipt) {}

  @Post()
  @HttpCode(200)
  @Header('Content-Type', 'text/xml; charset=utf-8')
  @ApiOperation({ summary: "Twilio's message status callback (form-encoded, signed by Twilio)" })
  async receive(
    @Query({ schema: twilioStatusQuery }) query: TwilioStatusQuery,
    @Body({ schema: twilioStatusForm }) form: TwilioStatusForm,
  ): Promise<string> {
    await this.recordDeliveryReceipt.execute({
      gateway: 'twilio',
      messageId: query.messageId,
      gatewayMessageId: form.MessageSid,
      gatewayStatus: form.MessageStatus,
      errorCode: form.ErrorCode,
    });
    return EMPTY_TWIML;
  }
}
