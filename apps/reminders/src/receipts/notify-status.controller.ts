import { Body, Controller, HttpCode, Post, UseGuards } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '@careloop/auth';
import { NotifyCallbackGuard } from './notify-callback.guard';
import { notifyDeliveryReceipt, ourMessageIdIn, type NotifyDeliveryReceipt } from './receipts.dto';
import { RecordDeliveryReceipt } from './record-delivery-receipt';

/** Where Notify's delivery receipts are posted: set as the callback URL in Notify's dashboard. */
export const NOTIFY_STATUS_PATH = 'webhooks/notify/status';

/**
 * GOV.UK Notify's delivery receipts (JSON, `Authorization: Bearer NOTIFY_CALLBACK_TOKEN`), through the
 * same path as Twilio's. Notify retries what it does not get a 2xx for, so every authenticated receipt
 * gets 200, even one for a text we do not know (the service may send for others, without our reference).
 */
@Public()
@ApiTags('reminders')
@UseGuards(NotifyCallbackGuard)
@Controller(NOTIFY_STATUS_PATH)
export class NotifyStatusController {
  constructor(private readonly recordDeliveryReceipt: RecordDeliveryReceipt) {}

  @Post()
  @HttpCode(200)
  @ApiOperation({ summary: "GOV.UK Notify's delivery receipt callback (JSON, bearer token)" })
  async receive(@Body({ schema: notifyDeliveryReceipt }) receipt: NotifyDeliveryReceipt): Promise<void> {
    await this.recordDeliveryReceipt.execute({
      gateway: 'notify',
      messageId: ourMessageIdIn(receipt.reference),
      gatewayMessageId: receipt.id,
      gatewayStatus: receipt.status,
      // Notify gives no code: its failure status says whether the number or the moment was at fault.
      errorCode: receipt.status,
    });
  }
}
