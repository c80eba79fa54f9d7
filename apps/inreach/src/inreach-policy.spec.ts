import { loadRuntimeConfig } from '@careloop/runtime';
import { DEFAULT_INREACH_POLICY, inreachPolicyFrom } from './inreach-policy';

const external = {
  PORT: '3004',
  AUTH_ISSUER: 'https://id.example.nhs.uk',
  AUTH_JWKS_URL: 'https://id.example.nhs.uk/jwks.json',
};

describe('in-reach’s policy from configuration', () => {
  it('is the defaults when nothing is configured: 48-hour offers, the job every 30 seconds', () => {
    expect(inreachPolicyFrom(loadRuntimeConfig(external))).toEqual(DEFAULT_INREACH_POLICY);
    expect(DEFAULT_INREACH_POLICY).toMatchObject({ offerHours: 48, offerTickSeconds: 30 });
  });

  it('takes the offer hours and the offer job’s tick from INREACH_OFFER_HOURS and INREACH_OFFER_TICK_SECONDS', () => {
    const config = loadRuntimeConfig({
      ...external,
      INREACH_OFFER_HOURS: '24',
      INREACH_OFFER_TICK_SECONDS: '1',
    });
    expect(inreachPolicyFrom(config)).toEqual({
      ...DEFAULT_INREACH_POLICY,
      offerHours: 24,
      offerTickSeconds: 1,
    });
  });
});
