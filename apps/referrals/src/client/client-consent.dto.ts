import { z } from 'zod';
import { CONSENT_PURPOSES, consentPurposeSchema, type ConsentPurpose } from '@careloop/contracts';
import type { ClientConsent } from './client-consent.entity';

export const recordConsentBody = z.object({ purpose: consentPurposeSchema }).strict();
export type RecordConsentBody = z.output<typeof recordConsentBody>;

export const consentPurposeParam = consentPurposeSchema;

export interface ConsentState {
  given: boolean;
  recordedBy: string | null;
  recordedAt: string | null;
}
export type CurrentConsents = Record<ConsentPurpose, ConsentState>;

export interface ConsentRecordView {
  purpose: ConsentPurpose;
  given: boolean;
  recordedBy: string;
  recordedAt: string;
}

/**
 * The current state per purpose from a client's consent history: the latest record of each purpose
 * (highest seq) wins; a purpose with no record is not given.
 */
export function currentConsents(history: readonly ClientConsent[]): CurrentConsents {
  const latest = new Map<ConsentPurpose, ClientConsent>();
  for (const record of history) {
    const seen = latest.get(record.purpose);
    if (!seen || BigInt(record.seq) > BigInt(seen.seq)) latest.set(record.purpose, record);
  }
  return Object.fromEntries(
    CONSENT_PURPOSES.map((purpose) => {
      const record = latest.get(purpose);
      return [
        purpose,
        record
          ? {
              given: record.given,
              recordedBy: record.recordedBy,
              recordedAt: record.recordedAt.toISOString(),
            }
          : { given: false, recordedBy: null, recordedAt: null },
      ];
    }),
  ) as CurrentConsents;
}

export function toConsentRecordView(c: ClientConsent): ConsentRecordView {
  return {
    purpose: c.purpose,
    given: c.given,
    recordedBy: c.recordedBy,
    recordedAt: c.recordedAt.toISOString(),
  };
}
