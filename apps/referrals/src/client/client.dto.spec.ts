import { registerClientBody, updateClientBody } from './client.dto';
import { contactBody } from './client-contact.dto';
import { nameSearchPatterns, searchClientsQuery } from './search-clients.dto';

const aClient = (overrides: Record<string, unknown> = {}) => ({
  name: { given: 'Joanne', family: 'Smith' },
  dateOfBirth: '1978-04-02',
  siteId: 'site-hub',
  ...overrides,
});

/** The dotted paths of every issue, as the problem document lists them. */
function issuePaths(result: { success: boolean; error?: { issues: { path: PropertyKey[] }[] } }): string[] {
  expect(result.success).toBe(false);
  return (result.error?.issues ?? []).map((i) => i.path.map(String).join('.')).sort();
}

describe('registerClientBody', () => {
  it('fills defaults and normalises the NHS number and ODS code', () => {
    const body = registerClientBody.parse(aClient({ nhsNumber: '943 476 5919', gpPracticeOds: ' a81001 ' }));
    expect(body).toMatchObject({
      nhsNumber: '9434765919',
      gpPracticeOds: 'A81001',
      flags: { noFixedAbode: false, interpreterNeeded: false, interpreterLanguage: null },
      attendancePattern: [],
    });
  });

  it('names every bad field at once', () => {
    const result = registerClientBody.safeParse({
      name: { given: ' ', family: '' },
      dateOfBirth: '02/04/1978',
      nhsNumber: '943 476 5918',
      siteId: '',
      gpPracticeOds: 'A8-1001',
      orgId: 'someone-else',
    });
    expect(issuePaths(result)).toEqual(
      ['', 'dateOfBirth', 'gpPracticeOds', 'name.family', 'name.given', 'nhsNumber', 'siteId'].sort(),
    );
  });

  it('needs an interpreter language exactly when an interpreter is needed', () => {
    const flags = (f: Record<string, unknown>) => registerClientBody.safeParse(aClient({ flags: f }));
    expect(issuePaths(flags({ interpreterNeeded: true }))).toEqual(['flags.interpreterLanguage']);
    expect(issuePaths(flags({ interpreterNeeded: false, interpreterLanguage: 'Polish' }))).toEqual([
      'flags.interpreterLanguage',
    ]);
    expect(flags({ interpreterNeeded: true, interpreterLanguage: 'Polish' }).success).toBe(true);
  });

  it('sorts the attendance pattern and refuses backwards or overlapping windows', () => {
    const pattern = (p: unknown[]) => registerClientBody.safeParse(aClient({ attendancePattern: p }));
    const ok = pattern([
      { day: 'thu', from: '09:00', to: '10:00' },
      { day: 'mon', from: '14:00', to: '15:00' },
      { day: 'mon', from: '09:00', to: '10:00' },
    ]);
    expect(ok.success && ok.data.attendancePattern.map((w) => `${w.day} ${w.from}`)).toEqual([
      'mon 09:00',
      'mon 14:00',
      'thu 09:00',
    ]);
    expect(issuePaths(pattern([{ day: 'mon', from: '10:00', to: '09:30' }]))).toEqual([
      'attendancePattern.0.to',
    ]);
    expect(issuePaths(pattern([{ day: 'funday', from: '9am', to: '24:00' }]))).toEqual(
      ['attendancePattern.0.day', 'attendancePattern.0.from', 'attendancePattern.0.to'].sort(),
    );
    expect(
      issuePaths(
        pattern([
          { day: 'tue', from: '09:00', to: '11:00' },
          { day: 'tue', from: '10:30', to: '12:00' },
          { day: 'wed', from: '10:30', to: '12:00' },
        ]),
      ),
    ).toEqual(['attendancePattern.1']);
  });
});

describe('updateClientBody', () => {
  it('requires the version read and at least one change', () => {
    expect(issuePaths(updateClientBody.safeParse({ preferredName: 'Jo' }))).toEqual(['version']);
    expect(issuePaths(updateClientBody.safeParse({ version: 3 }))).toEqual(['']);
    expect(updateClientBody.parse({ version: 3, nhsNumber: null })).toEqual({ version: 3, nhsNumber: null });
  });
});

describe('contactBody', () => {
  it('stores an own mobile in E.164', () => {
    expect(contactBody.parse({ purpose: 'own_mobile', phone: '07700 900123', safeToText: true })).toEqual({
      purpose: 'own_mobile',
      phone: '+447700900123',
      label: null,
      safeToText: true,
      verified: false,
    });
  });

  it('refuses a landline as the client’s own mobile, saying why', () => {
    const result = contactBody.safeParse({ purpose: 'own_mobile', phone: '0161 496 0000' });
    expect(issuePaths(result)).toEqual(['phone']);
    expect(result.error?.issues[0]?.message).toMatch(/landline/);
  });

  it('accepts a hostel landline but never marks it safe to text', () => {
    expect(contactBody.parse({ purpose: 'hostel', phone: '0161 496 0000', label: 'St Anne’s' }).phone).toBe(
      '+441614960000',
    );
    expect(
      issuePaths(contactBody.safeParse({ purpose: 'hostel', phone: '0161 496 0000', safeToText: true })),
    ).toEqual(['safeToText']);
    expect(contactBody.parse({ purpose: 'family', phone: '+44 7700 900456', safeToText: true }).phone).toBe(
      '+447700900456',
    );
  });

  it.each(['0909 879 0000', '0161 496 00', '+353 85 123 4567', 'call the hostel'])('refuses %j', (phone) => {
    expect(issuePaths(contactBody.safeParse({ purpose: 'pharmacy', phone }))).toEqual(['phone']);
  });
});

describe('client search', () => {
  it('needs at least one criterion and caps the page size', () => {
    expect(searchClientsQuery.safeParse({}).success).toBe(false);
    expect(issuePaths(searchClientsQuery.safeParse({ name: 'jo', limit: '500' }))).toEqual(['limit']);
    expect(searchClientsQuery.parse({ name: 'jo', limit: '5', offset: '10' })).toEqual({
      name: 'jo',
      limit: 5,
      offset: 10,
    });
    expect(searchClientsQuery.parse({ nhsNumber: '943-476-5919' }).nhsNumber).toBe('9434765919');
  });

  it('matches each word anywhere, with LIKE wildcards typed by the user taken literally', () => {
    expect(nameSearchPatterns('  jo   smi ')).toEqual(['%jo%', '%smi%']);
    expect(nameSearchPatterns('50%_off\\')).toEqual(['%50\\%\\_off\\\\%']);
  });
});
