import { get } from './http';

/** A referral as referrals shows it over HTTP. */
export interface ReferralView {
  id: string;
  clientId: string;
  needId: string;
  destinationKind: string;
  destinationName: string;
  urgency: string;
  reason: string;
  accompaniment: { needed: boolean; by: string | null; transportArranged: boolean };
  status: string;
  statusChangedAt: string;
  overdue: boolean;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  version: number;
  history?: {
    fromStatus: string | null;
    toStatus: string;
    action: string;
    source: string;
    changedBy: string;
  }[];
  availableActions?: string[];
}

/** GET /referrals/:id as the environment's keyworker. */
export async function readReferral(
  env: { referrals: { url: string }; tokens: { keyworker: string } },
  id: string,
): Promise<ReferralView> {
  const read = await get<ReferralView>(`${env.referrals.url}/referrals/${id}`, {
    token: env.tokens.keyworker,
  });
  expect(read.status).toBe(200);
  return read.body;
}
