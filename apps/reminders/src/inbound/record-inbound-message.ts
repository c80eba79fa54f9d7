import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { clientSmsOptedOutV1, smsReplyReceivedV1, type ReplyIntent } from '@careloop/contracts';
import { Outbox } from '@careloop/messaging';
import type { Logger } from '@careloop/observability';
import { APP_LOGGER } from '@careloop/runtime';
import { CLOCK, type Clock } from '@careloop/time';
import { REMINDERS_SCHEMA } from '../reminders-schema';
import type { GatewayName } from '../sending/sms-message.entity';
import { InboundMetrics } from './inbound-metrics';
import { carrierOptOutKeyword, replyIntentOf } from './reply-intent';
import { findReplyingClient, replyContextOf, type ReplyDoubt, type ReplyingClient } from './replying-client';

export interface InboundText {
  /** The gateway it came through: Twilio's webhook, or the development inbox replying as a client. */
  gateway: GatewayName;
  gatewayMessageId: string;
  from: string;
  body: string;
  /**
   * Set by the development inbox, where staff reply as a client of their own organisation: only its
   * clients may be matched, so a number shared with another service's client never speaks for them.
   */
  orgId?: string;
}

export interface InboundOutcome {
  /** The kept text's id; null when the gateway message id was seen before: nothing was done again. */
  inboundMessageId: string | null;
  intent: ReplyIntent;
  client: ReplyingClient['kind'];
  /** Why a yes or no from this client is read as `other` (replyContextOf); null when nothing says so. */
  doubt: ReplyDoubt | null;
}

/**
 * Keeps a text from a client once per gateway message id, reads its intent and, when it came from a
 * client's own mobile, tells their keyworker (every reply, whatever it says); on a number several
 * clients share, that is the client we texted there last (findReplyingClient). A yes or no that may
 * take or turn down an offer it was not sent about is read as `other`: the keyworker decides (booking
 * acts on an offer's confirm or rebook by itself). A carrier opt-out word
 * also marks the client opted out, so no reminder is sent again, and says so to the referrals service.
 * A text from a number no client has, or shared with no recent reminder to tell them apart, is kept
 * and logged only: it has no organisation, so there is nobody it can safely be shown to. The
 * appointment itself is never changed here: booking owns it, and the keyworker acts on the reply.
 */
@Injectable()
export class RecordInboundMessage {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    private readonly metrics: InboundMetrics,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_LOGGER) private readonly logger: Logger,
  ) {}

  async execute(text: InboundText): Promise<InboundOutcome> {
    const outcome = await this.dataSource.transaction(async (manager): Promise<InboundOutcome> => {
      const now = this.clock.now();
      const client = await findReplyingClient(manager, { from: text.from, now, orgId: text.orgId });
      const matched = client.kind === 'matched' ? client : undefined;
      // A reply to an offer's text is read as taking or declining it, to "sorry we missed you" as
      // asking for a new appointment, unless it may be about another offer.
      const intent = replyIntentOf(text.body, replyContextOf(client));
      const [inserted] = await manager.query<{ id: string }[]>(
        `INSERT INTO "${REMINDERS_SCHEMA}"."inbound_message"
           ("id", "gateway", "gateway_message_id", "from", "body", "client_id", "appointment_id", "intent", "received_at")
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
         ON CONFLICT ON CONSTRAINT "inbound_message_once" DO NOTHING RETURNING "id"`,
        [
          randomUUID(),
          text.gateway,
          text.gatewayMessageId,
          text.from,
          text.body,
          matched?.clientId ?? null,
          matched?.appointmentId ?? null,
          intent,
          now,
        ],
      );
      const doubt = matched?.doubt ?? null;
      if (!inserted) return { inboundMessageId: null, intent, client: client.kind, doubt };
      if (matched) await this.tellKeyworker(manager, inserted.id, matched, intent, text.body, now);
      return { inboundMessageId: inserted.id, intent, client: client.kind, doubt };
    });

    if (outcome.inboundMessageId) {
      this.metrics.received(outcome.intent, outcome.client);
      const fields = {
        inboundMessageId: outcome.inboundMessageId,
        gateway: text.gateway,
        intent: outcome.intent,
        client: outcome.client,
        doubt: outcome.doubt,
      };
      if (outcome.client === 'matched') this.logger.info(fields, 'sms reply received');
      // No number or text in the log: the row has them, for whoever looks into it.
      else
        this.logger.warn(
          fields,
          'sms reply from a number of no client, or shared with none recently texted: kept, shown to nobody',
        );
    }
    return outcome;
  }

  private async tellKeyworker(
    manager: EntityManager,
    replyId: string,
    client: Extract<ReplyingClient, { kind: 'matched' }>,
    intent: ReplyIntent,
    body: string,
    now: Date,
  ): Promise<void> {
    const envelope = {
      subjectId: client.clientId,
      orgId: client.orgId,
      actor: { kind: 'client' as const, id: client.clientId },
      occurredAt: now,
    };
    await this.outbox.add(manager, smsReplyReceivedV1, {
      ...envelope,
      data: {
        replyId,
        clientId: client.clientId,
        appointmentId: client.appointmentId,
        intent,
        text: body,
        receivedAt: now.toISOString(),
      },
    });
    const keyword = intent === 'opt_out' ? carrierOptOutKeyword(body) : undefined;
    if (!keyword) return;
    // The first opt-out time stands; every STOP is still reported, as the client's latest word.
    await manager.query(
      `UPDATE "${REMINDERS_SCHEMA}"."client" SET "opted_out_at" = $2
        WHERE "client_id" = $1 AND "opted_out_at" IS NULL`,
      [client.clientId, now],
    );
    await this.outbox.add(manager, clientSmsOptedOutV1, {
      ...envelope,
      data: { clientId: client.clientId, keyword, receivedAt: now.toISOString() },
    });
  }
}
