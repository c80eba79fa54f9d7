import { Body, Controller, Header, HttpCode, Post, UseGuards } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '@careloop/auth';
import { EMPTY_TWIML, twilioInboundForm, type TwilioInboundForm } from './inbound.dto';
import { RecordInboundMessage } from './record-inbound-message';
import { TwilioSignatureGuard } from './twilio-signature.guard';

export const TWILIO_INBOUND_PATH = 'webhooks/twilio/inbound';

/**
 * Twilio's "a message comes in" webhook: no bearer token, the Twilio signature instead. Answers empty
 * TwiML, also for a message id seen before, so Twilio neither retries nor texts anything back.
 */
@Public()
@ApiTags('reminders')
@UseGuards(TwilioSignatureGuard)
@Controller(TWILIO_INBOUND_PATH)
export class InboundWebhookController {
  constructor(private readonly recordInboundMessage: RecordInboundMessage) {}

  @Post()
  @HttpCode(200)
  @Header('Content-Type', 'text/xml; charset=utf-8')
  @ApiOperation({ summary: "Twilio's inbound-message webhook (form-encoded, signed by Twilio)" })
  async receive(@Body({ schema: twilioInboundForm }) form: TwilioInboundForm): Promise<string> {
    await this.recordInboundMessage.execute({
      gateway: 'twilio',
      gatewayMessageId: form.MessageSid,
      from: form.From,
      body: form.Body,
    });
    return EMPTY_TWIML;
  }
}
