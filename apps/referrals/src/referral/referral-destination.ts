import type { EntityManager } from 'typeorm';
import type { InreachServiceDirectory } from '../inreach-service/inreach-service-directory';
import type { CreateReferralBody } from './referral.dto';
import { ReferralError } from './referral.errors';

export interface ReferralDestination {
  destinationName: string;
  inreachServiceId: string | null;
}

const badServiceId = (message: string) => ({
  errors: [{ path: 'inreachServiceId', message, in: 'body' }],
});

/**
 * Where a new referral goes. An in-reach referral may name its in-reach service, which must be one
 * the caller's organisation hosts (its waiting list is the organisation's); another organisation's
 * service is refused like an unknown one, saying nothing about it. Without a destination name, the
 * service's name is the destination's.
 */
export async function referralDestination(
  manager: EntityManager,
  services: InreachServiceDirectory,
  orgId: string,
  body: CreateReferralBody,
): Promise<ReferralDestination> {
  if (body.inreachServiceId === undefined) {
    // The request schema requires the name whenever no in-reach service is named.
    return { destinationName: body.destinationName!, inreachServiceId: null };
  }
  if (body.destinationKind !== 'inreach') {
    throw new ReferralError('INREACH_SERVICE_NOT_ALLOWED', {
      detail: `Destination kind ${body.destinationKind} does not take an in-reach service; only 'inreach' does`,
      extensions: badServiceId("is only for destinationKind 'inreach'"),
    });
  }
  const service = await services.hostedBy(manager, orgId, body.inreachServiceId);
  if (!service) {
    throw new ReferralError('INREACH_SERVICE_UNKNOWN', {
      detail: `No in-reach service ${body.inreachServiceId} is hosted by your organisation`,
      extensions: badServiceId('is not an in-reach service of your organisation'),
    });
  }
  return { destinationName: body.destinationName ?? service.name, inreachServiceId: service.serviceId };
}
