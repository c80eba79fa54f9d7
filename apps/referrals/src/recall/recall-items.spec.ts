import { DEFAULT_POLICY } from './check-type';
import { factKey, recallItems } from './recall-items';

const A = '00000000-0000-4000-8000-00000000000a';
const B = '00000000-0000-4000-8000-00000000000b';
const policy = Object.values(DEFAULT_POLICY);

describe('recallItems', () => {
  it('lists only the checks the policy applies, most urgent first', () => {
    const items = recallItems(
      [B, A],
      policy,
      {
        lastDone: new Map([
          [factKey(A, 'physical_health_check'), '2025-06-01'],
          [factKey(A, 'hepatitis_c_screen'), '2025-05-01'],
          [factKey(B, 'physical_health_check'), '2026-01-01'],
        ]),
        firstSeen: new Map([
          [A, '2025-05-01'],
          [B, '2025-12-01'],
        ]),
      },
      '2026-05-20',
      30,
    );
    expect(items.map((i) => [i.clientId, i.checkType, i.status, i.dueOn])).toEqual([
      [B, 'hepatitis_c_screen', 'overdue', '2025-12-01'],
      [A, 'hepatitis_c_screen', 'overdue', '2026-05-01'],
      [A, 'physical_health_check', 'due_soon', '2026-06-01'],
      [B, 'physical_health_check', 'not_due', '2027-01-01'],
    ]);
  });

  it('uses each organisation interval and skips checks switched off', () => {
    const items = recallItems(
      [A],
      [
        { checkType: 'physical_health_check', applies: true, intervalMonths: 6 },
        { checkType: 'hiv_screen', applies: false, intervalMonths: 12 },
      ],
      { lastDone: new Map([[factKey(A, 'physical_health_check'), '2026-01-31']]), firstSeen: new Map() },
      '2026-07-01',
      30,
    );
    expect(items).toEqual([
      {
        clientId: A,
        checkType: 'physical_health_check',
        lastDoneOn: '2026-01-31',
        dueOn: '2026-07-31',
        daysUntilDue: 30,
        status: 'due_soon',
      },
    ]);
  });
});
