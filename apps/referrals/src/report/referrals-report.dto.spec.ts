import { referralsReportQuery } from './referrals-report.dto';

/** The issues of a refused query as the problem document lists them: path and message. */
function problems(query: Record<string, unknown>): [string, string][] {
  const result = referralsReportQuery.safeParse(query);
  expect(result.success).toBe(false);
  return (result.error?.issues ?? []).map((i) => [i.path.map(String).join('.'), i.message]);
}

describe('the referrals report query', () => {
  it('takes a period and filters, trimmed; no days at all means the default period', () => {
    expect(
      referralsReportQuery.parse({
        from: '2026-10-01',
        to: '2026-10-31',
        destinationKind: 'inreach',
        destination: '  Riverside Hub ',
        serviceType: 'Hepatitis C clinic',
      }),
    ).toEqual({
      from: '2026-10-01',
      to: '2026-10-31',
      destinationKind: 'inreach',
      destination: 'Riverside Hub',
      serviceType: 'Hepatitis C clinic',
    });
    expect(referralsReportQuery.parse({})).toEqual({});
  });

  it('reads filters left empty in a form as no filter', () => {
    expect(referralsReportQuery.parse({ destinationKind: '', destination: ' ', serviceType: '' })).toEqual(
      {},
    );
  });

  it('takes a leap year of 366 days, not one day more', () => {
    expect(referralsReportQuery.safeParse({ from: '2028-01-01', to: '2028-12-31' }).success).toBe(true);
    expect(problems({ from: '2028-01-01', to: '2029-01-01' })).toEqual([
      ['to', 'must be at most 366 days from from (both included)'],
    ]);
  });

  it('refuses a period ending before it starts, and one end without the other', () => {
    expect(problems({ from: '2026-10-02', to: '2026-10-01' })).toEqual([['to', 'must be on or after from']]);
    expect(problems({ from: '2026-10-01' })).toEqual([
      ['to', 'give from and to together, or neither for the previous calendar month'],
    ]);
    expect(problems({ to: '2026-10-01' })).toEqual([
      ['from', 'give from and to together, or neither for the previous calendar month'],
    ]);
  });

  it('refuses malformed and impossible dates, naming each', () => {
    expect(problems({ from: '2026-02-30', to: '1/10/2026' })).toEqual([
      ['from', 'must be a London date YYYY-MM-DD'],
      ['to', 'must be a London date YYYY-MM-DD'],
    ]);
  });

  it('refuses an unknown destination kind, over-long text and parameters it does not know', () => {
    const paths = problems({
      destinationKind: 'hospital',
      destination: 'x'.repeat(201),
      serviceType: 'x'.repeat(101),
      clientId: 'a-client',
    }).map(([path]) => path);
    expect(paths.sort()).toEqual(['', 'destination', 'destinationKind', 'serviceType']);
    expect(
      referralsReportQuery.safeParse({ destination: 'x'.repeat(200), serviceType: 'x'.repeat(100) }).success,
    ).toBe(true);
  });

  it("names whose report by organisation id, trimmed; left empty, none (the caller's own)", () => {
    expect(referralsReportQuery.parse({ orgId: ' org-riverside ' })).toEqual({ orgId: 'org-riverside' });
    expect(referralsReportQuery.parse({ orgId: '' })).toEqual({});
    expect(problems({ orgId: 'Riverside CDAS' })).toEqual([
      ['orgId', 'must be an organisation id (no spaces): the id, not the name'],
    ]);
    expect(problems({ orgId: 'x'.repeat(201) })).toEqual([['orgId', 'must be at most 200 characters']]);
  });
});
