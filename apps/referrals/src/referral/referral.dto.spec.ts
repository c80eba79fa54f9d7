import { randomUUID } from 'node:crypto';
import { createReferralBody } from './referral.dto';

const aBody = (overrides: Record<string, unknown> = {}) => ({
  needId: randomUUID(),
  destinationKind: 'gp',
  destinationName: 'Hillside Surgery',
  urgency: 'routine',
  reason: 'Breathless on stairs: COPD review',
  ...overrides,
});

/** The dotted paths of every issue, as the problem document lists them. */
function issuePaths(result: { success: boolean; error?: { issues: { path: PropertyKey[] }[] } }): string[] {
  expect(result.success).toBe(false);
  return (result.error?.issues ?? []).map((i) => i.path.map(String).join('.')).sort();
}

describe('createReferralBody', () => {
  const serviceId = randomUUID();

  it('takes an in-reach service, and lets an in-reach referral naming one leave its name out', () => {
    const body = createReferralBody.parse(
      aBody({ destinationKind: 'inreach', destinationName: undefined, inreachServiceId: serviceId }),
    );
    expect(body).toMatchObject({ destinationKind: 'inreach', inreachServiceId: serviceId, send: true });
    expect(body.destinationName).toBeUndefined();
    expect(createReferralBody.parse(aBody()).inreachServiceId).toBeUndefined();
  });

  it('requires a destination name otherwise, saying when it may be left out', () => {
    for (const without of [
      aBody({ destinationName: undefined }),
      aBody({ destinationKind: 'inreach', destinationName: undefined }),
      aBody({ destinationName: undefined, inreachServiceId: serviceId }),
    ]) {
      const result = createReferralBody.safeParse(without);
      expect(issuePaths(result)).toEqual(['destinationName']);
      expect(result.error?.issues[0]?.message).toBe(
        'is required, unless an in-reach referral names its service (inreachServiceId)',
      );
    }
  });

  it('lists a missing name with every other bad field at once', () => {
    expect(issuePaths(createReferralBody.safeParse({}))).toEqual(
      ['needId', 'destinationKind', 'destinationName', 'urgency', 'reason'].sort(),
    );
    expect(
      issuePaths(
        createReferralBody.safeParse(
          aBody({
            destinationKind: 'inreach',
            destinationName: '  ',
            inreachServiceId: 'svc-1',
            urgency: 'now',
          }),
        ),
      ),
    ).toEqual(['destinationName', 'inreachServiceId', 'urgency']);
  });
});
