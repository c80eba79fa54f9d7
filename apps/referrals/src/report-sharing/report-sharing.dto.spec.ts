import { commissionerOrgIdParam, shareReportBody } from './report-sharing.dto';

type Schema = {
  safeParse(v: unknown): { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } };
};

const issues = (schema: Schema, value: unknown) => {
  const parsed = schema.safeParse(value);
  return parsed.success ? [] : (parsed.error?.issues ?? []).map((i) => `${i.path.join('.')}: ${i.message}`);
};

describe('sharing a report: the body', () => {
  it("takes the commissioner's organisation id, trimmed", () => {
    expect(shareReportBody.parse({ commissionerOrgId: ' org-council ' })).toEqual({
      commissionerOrgId: 'org-council',
    });
  });

  it('refuses a missing, blank, spaced or over-long id and unknown fields, listing each', () => {
    expect(issues(shareReportBody, {})).toEqual([
      'commissionerOrgId: Invalid input: expected string, received undefined',
    ]);
    expect(issues(shareReportBody, { commissionerOrgId: '   ' })).toEqual([
      'commissionerOrgId: must be an organisation id',
    ]);
    expect(issues(shareReportBody, { commissionerOrgId: 'Riverside Council' })).toEqual([
      'commissionerOrgId: must be an organisation id (no spaces): the id, not the name',
    ]);
    expect(issues(shareReportBody, { commissionerOrgId: 'x'.repeat(201) })).toEqual([
      'commissionerOrgId: must be at most 200 characters',
    ]);
    expect(issues(shareReportBody, { commissionerOrgId: 'org-council', until: '2027-01-01' })).toEqual([
      ': Unrecognized key: "until"',
    ]);
  });

  it("names the path parameter in a bad commissioner's id", () => {
    expect(issues(commissionerOrgIdParam, 'a b')).toEqual([
      'commissionerOrgId: must be an organisation id (no spaces): the id, not the name',
    ]);
    expect(commissionerOrgIdParam.parse('org-council')).toBe('org-council');
  });
});
