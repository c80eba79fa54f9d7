import { QueryFailedError } from 'typeorm';
import type { Principal } from '@careloop/auth';
import { toLondonWallClock } from '@careloop/time';
import { ClientError } from './client.errors';

/** The unique index that keeps an NHS number to one client per organisation. */
export const NHS_NUMBER_INDEX = 'client_org_nhs_number_key';

/** A client is registered at one of the caller's own CDAS sites. */
export function assertOwnSite(principal: Principal, siteId: string): void {
  if (!principal.siteIds.includes(siteId)) {
    throw new ClientError('CLIENT_SITE_NOT_ALLOWED', {
      detail: 'siteId must be one of the sites you work at',
      extensions: { field: 'siteId' },
    });
  }
}

/** A date of birth after today (in London) is a typing mistake. */
export function assertBornByToday(dateOfBirth: string, now: Date): void {
  if (dateOfBirth > toLondonWallClock(now).date) {
    throw new ClientError('CLIENT_DATE_OF_BIRTH_IN_FUTURE', {
      detail: 'dateOfBirth is after today',
      extensions: { field: 'dateOfBirth' },
    });
  }
}

/** Turns the NHS number index's violation into the context's 409; anything else is rethrown as is. */
export function translateNhsNumberConflict(error: unknown): never {
  const driverError =
    error instanceof QueryFailedError
      ? (error.driverError as { code?: string; constraint?: string })
      : undefined;
  if (driverError?.code === '23505' && driverError.constraint === NHS_NUMBER_INDEX) {
    throw new ClientError('CLIENT_NHS_NUMBER_IN_USE', {
      detail: 'Another client of this service is recorded with this NHS number; search for them instead',
      extensions: { field: 'nhsNumber' },
      cause: error,
    });
  }
  throw error;
}
