import { referralConditions } from './referral-filters';

const now = new Date('2026-11-20T12:00:00Z');

describe('referral list filters', () => {
  it('always scopes to the organisation, as a parameter', () => {
    expect(referralConditions('org-1', {}, now)).toEqual({ where: 'r.org_id = $1', params: ['org-1'] });
  });

  it('adds each filter given, each value a parameter', () => {
    const { where, params } = referralConditions(
      'org-1',
      { status: 'sent', destinationKind: 'gp', clientId: 'c-1', keyworkerId: "kw'; DROP" },
      now,
    );
    expect(where).toBe(
      'r.org_id = $1 AND r.status = $2 AND r.destination_kind = $3 AND r.client_id = $4 AND ' +
        'EXISTS (SELECT 1 FROM "referrals"."client" c WHERE c.id = r.client_id AND c.keyworker_id = $5)',
    );
    expect(params).toEqual(['org-1', 'sent', 'gp', 'c-1', "kw'; DROP"]);
  });

  it('leaves the status out for the counts, keeping the other filters', () => {
    const { where, params } = referralConditions('org-1', { status: 'sent', destinationKind: 'gp' }, now, {
      withStatus: false,
    });
    expect(where).toBe('r.org_id = $1 AND r.destination_kind = $2');
    expect(params).toEqual(['org-1', 'gp']);
  });

  it('compares each urgency with its own cutoff for overdue, and negates it for overdue=false', () => {
    const { where, params } = referralConditions('org-1', { overdue: true }, now);
    expect(where).toContain('r.status = ANY($2::text[])');
    expect(params).toEqual([
      'org-1',
      ['sent', 'accepted', 'rejected', 'did_not_attend', 'outcome_unknown'],
      'urgent',
      '2026-11-18T12:00:00.000Z',
      'soon',
      '2026-11-13T12:00:00.000Z',
      'routine',
      '2026-11-06T12:00:00.000Z',
    ]);
    expect(referralConditions('org-1', { overdue: false }, now).where).toMatch(/AND NOT \(r\.status/);
  });
});
