import type { OrganisationKind, Principal } from '@careloop/auth';
import { reportReading } from './report-access';
import { audienceRefusal } from './report-audience';
import { ReportSharingError } from './report-sharing.errors';

const staffOf = (orgKind: OrganisationKind, orgId = 'org-own'): Principal => ({
  userId: 'user-1',
  name: 'Sam Lee',
  roles: ['service_manager'],
  orgId,
  orgKind,
  siteIds: [],
});

const refusalOf = (read: () => unknown) => {
  try {
    read();
  } catch (error) {
    if (error instanceof ReportSharingError) return error.code;
    throw error;
  }
  throw new Error('not refused');
};

describe('whose report a request reads', () => {
  it("gives a drug service's staff their own service's, with no orgId or their own", () => {
    expect(reportReading(staffOf('cdas'), undefined)).toEqual({ orgId: 'org-own', via: 'own' });
    expect(reportReading(staffOf('cdas'), 'org-own')).toEqual({ orgId: 'org-own', via: 'own' });
  });

  it("refuses a drug service's staff another organisation's, named or not", () => {
    expect(refusalOf(() => reportReading(staffOf('cdas'), 'org-other'))).toBe('OTHER_ORGANISATION_REPORT');
  });

  it('gives a commissioner the service it names, whose share is then checked, and none when it names none', () => {
    expect(reportReading(staffOf('commissioner', 'org-council'), 'org-cdas')).toEqual({
      orgId: 'org-cdas',
      via: 'share',
    });
    expect(refusalOf(() => reportReading(staffOf('commissioner'), undefined))).toBe('REPORT_NOT_SHARED');
  });

  it('gives GP practice, hospital and specialist service staff nothing', () => {
    for (const kind of ['gp_practice', 'hospital', 'specialist_service'] as const) {
      expect(refusalOf(() => reportReading(staffOf(kind), undefined))).toBe('NOT_FOR_YOUR_ORGANISATION');
      expect(refusalOf(() => reportReading(staffOf(kind), 'org-cdas'))).toBe('NOT_FOR_YOUR_ORGANISATION');
    }
  });
});

describe('who may use a reports route', () => {
  it('lets in the kinds the route names', () => {
    expect(audienceRefusal('cdas', ['cdas'])).toBeNull();
    expect(audienceRefusal('commissioner', ['cdas', 'commissioner'])).toBeNull();
  });

  it("points a commissioner on a service's own route to the export", () => {
    expect(audienceRefusal('commissioner', ['cdas'])).toContain(
      "GET /reports/referrals/export?orgId=<the service's organisation id>",
    );
  });

  it("points a drug service on a commissioner's route to its own shares", () => {
    expect(audienceRefusal('cdas', ['commissioner'])).toContain('GET /reports/shares');
  });

  it('refuses anyone else, and a request with no principal', () => {
    for (const kind of ['gp_practice', 'hospital', undefined] as const) {
      expect(audienceRefusal(kind, ['cdas', 'commissioner'])).toMatch(/^Referrals reports are for/);
    }
  });
});
