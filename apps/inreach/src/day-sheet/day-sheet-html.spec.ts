import { longDate, nhsNumber, renderDaySheetHtml } from './day-sheet-html';
import type { DaySheetView } from './day-sheet.view';

const hostile = `<script>alert("x")</script>&'`;

function aSheet(overrides: Partial<DaySheetView> = {}): DaySheetView {
  return {
    session: {
      id: '0b1c2d3e-0000-4000-8000-000000000001',
      date: '2026-07-08',
      startsAt: '2026-07-08T09:00:00.000Z',
      endsAt: '2026-07-08T12:00:00.000Z',
      status: 'published',
      cancelReason: null,
      slotMinutes: 20,
      walkInAllowance: 2,
    },
    service: {
      id: '0b1c2d3e-0000-4000-8000-000000000002',
      name: 'Hepatitis C treatment',
      serviceType: 'hepatitis_c',
      providerName: 'St Elsewhere Hepatology',
    },
    site: { id: '0b1c2d3e-0000-4000-8000-000000000003', name: 'Riverside Hub', address: '12 High Street' },
    room: { id: '0b1c2d3e-0000-4000-8000-000000000004', name: 'Clinic room 2' },
    booked: [
      {
        appointmentId: '0b1c2d3e-0000-4000-8000-000000000005',
        clientId: '0b1c2d3e-0000-4000-8000-000000000006',
        startsAt: '2026-07-08T09:20:00.000Z',
        endsAt: '2026-07-08T09:40:00.000Z',
        client: {
          givenName: 'Sam',
          familyName: 'Taylor',
          preferredName: 'Sammy',
          dateOfBirth: '1979-04-12',
          nhsNumber: '9434765919',
          keyworkerId: 'alex.morgan',
        },
        attendance: 'attended',
      },
    ],
    walkIns: [],
    generatedAt: '2026-07-08T07:30:00.000Z',
    ...overrides,
  };
}

describe('the printable day sheet', () => {
  it('shows the session in London time and each booked client with what the clinician needs', () => {
    const html = renderDaySheetHtml(aSheet());
    expect(html).toContain('<h1>Hepatitis C treatment</h1>');
    expect(html).toContain('Wednesday 8 July 2026, 10:00–13:00');
    expect(html).toContain(
      '<td>10:20–10:40</td><td>TAYLOR, Sam (known as Sammy)</td><td>12 Apr 1979</td><td>943 476 5919</td><td>alex.morgan</td><td>Attended</td>',
    );
    expect(html).toContain('Walk-ins (0 of 2)');
    expect(html).toContain('No walk-ins recorded.');
  });

  it('escapes every value, so a hostile name or note prints as text and runs nothing', () => {
    const sheet = aSheet();
    sheet.service.name = hostile;
    sheet.booked[0]!.client!.familyName = hostile;
    sheet.walkIns = [
      {
        walkInId: '0b1c2d3e-0000-4000-8000-000000000007',
        clientId: '0b1c2d3e-0000-4000-8000-000000000008',
        seenAt: '2026-07-08T10:00:00.000Z',
        client: null,
        note: `"><img src=x onerror=alert(1)>`,
      },
    ];
    const html = renderDaySheetHtml(sheet);
    expect(html).not.toMatch(/<script|<img|onerror=alert\(1\)>/i);
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;&#39;');
    expect(html).toContain('&quot;&gt;&lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('Client 0b1c2d3e-0000-4000-8000-000000000008 (details not yet received)');
  });

  it('is self-contained: print styles inline, nothing loaded from elsewhere', () => {
    const html = renderDaySheetHtml(aSheet());
    expect(html).toContain('@media print');
    expect(html).not.toMatch(/<link|<script|src=|href=/i);
  });

  it('says when the session is cancelled, and why', () => {
    const sheet = aSheet();
    sheet.session.status = 'cancelled';
    sheet.session.cancelReason = 'Specialist off sick';
    expect(renderDaySheetHtml(sheet)).toContain('<p class="cancelled">Cancelled: Specialist off sick</p>');
  });
});

describe('values as printed', () => {
  it('writes dates of birth with the month in words and NHS numbers in 3-3-4 groups', () => {
    expect(longDate('2001-12-05')).toBe('5 Dec 2001');
    expect(nhsNumber('9434765919')).toBe('943 476 5919');
  });
});
