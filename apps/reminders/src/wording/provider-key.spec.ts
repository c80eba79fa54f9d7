import { IsNull } from 'typeorm';
import { providerKeyOf, providerLocationWhere } from './provider-key';
import { providerLocationQuery, saveProviderLocationBody } from './wording.dto';

const TRUST = 'org-st-elsewhere';

describe('which provider a location text is for', () => {
  it('is the clinic by name within its organisation, or by name alone when the appointment has no organisation', () => {
    expect(providerKeyOf({ providerOrgId: TRUST, providerName: 'Fracture clinic' })).toEqual({
      providerOrgId: TRUST,
      providerName: 'Fracture clinic',
    });
    expect(providerKeyOf({ providerOrgId: null, providerName: 'Fracture clinic' })).toEqual({
      providerOrgId: null,
      providerName: 'Fracture clinic',
    });
    expect(providerKeyOf({ providerName: 'Fracture clinic' })).toEqual({
      providerOrgId: null,
      providerName: 'Fracture clinic',
    });
  });

  it("finds only that clinic's text: never a sibling clinic's, nor a text kept by name alone for one with an organisation", () => {
    expect(
      providerLocationWhere('org-cdas', { providerOrgId: TRUST, providerName: 'Fracture clinic' }),
    ).toEqual({
      orgId: 'org-cdas',
      providerOrgId: TRUST,
      providerName: 'Fracture clinic',
    });
    expect(
      providerLocationWhere('org-cdas', { providerOrgId: null, providerName: 'Fracture clinic' }),
    ).toEqual({
      orgId: 'org-cdas',
      providerOrgId: IsNull(),
      providerName: 'Fracture clinic',
    });
  });

  it('is asked for by providerName, with providerOrgId when appointments carry one', () => {
    const text = 'Level 2, Lower Road';
    expect(
      saveProviderLocationBody.parse({
        providerOrgId: ` ${TRUST} `,
        providerName: ' Fracture clinic ',
        text,
      }),
    ).toEqual({ providerOrgId: TRUST, providerName: 'Fracture clinic', text });
    expect(providerLocationQuery.parse({ providerName: 'Chest clinic' })).toEqual({
      providerName: 'Chest clinic',
    });
  });

  it('refuses a provider without a name, a blank organisation id and unknown fields, saying what to give', () => {
    const text = 'Level 2, Lower Road';
    const needsName = expect.objectContaining({
      path: ['providerName'],
      message: 'Give providerName: the provider (clinic) as appointments name it, such as "Fracture clinic"',
    });
    expect(saveProviderLocationBody.safeParse({ providerOrgId: TRUST, text }).error?.issues).toEqual([
      needsName,
    ]);
    expect(providerLocationQuery.safeParse({}).error?.issues).toEqual([needsName]);
    expect(providerLocationQuery.safeParse({ providerName: '  ' }).error?.issues).toEqual([needsName]);
    expect(
      saveProviderLocationBody.safeParse({ providerOrgId: ' ', providerName: 'Chest clinic', text }).error
        ?.issues,
    ).toEqual([
      expect.objectContaining({
        path: ['providerOrgId'],
        message: 'providerOrgId cannot be blank: leave it out for appointments that carry none',
      }),
    ]);
    expect(
      saveProviderLocationBody.safeParse({ providerName: 'Chest clinic', providerId: TRUST, text }).success,
    ).toBe(false);
  });
});
