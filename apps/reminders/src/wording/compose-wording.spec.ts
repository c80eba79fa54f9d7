import { composeWording, type ComposeRequest, type SavedWording } from './compose-wording';
import { DEFAULT_TEMPLATES, WITHHELD_LOCATION } from './default-templates';

const request = (overrides: { consent?: boolean; location?: string; preferredName?: string | null } = {}) =>
  ({
    client: {
      givenName: 'Robert',
      preferredName: overrides.preferredName === undefined ? 'Bobby' : overrides.preferredName,
      nameServiceConsent: overrides.consent ?? false,
    },
    appointment: {
      startsAt: new Date('2026-06-02T09:30:00Z'),
      location: overrides.location ?? 'Outpatients B, St Elsewhere Hospital',
      providerOrgId: 'org-st-elsewhere',
      providerName: 'Chest clinic',
    },
    orgId: 'org-riverside-cdas',
    step: 'three_days_before',
  }) satisfies ComposeRequest;

const nothingSaved: SavedWording = { template: null, locationText: null };
const plainTemplate = { body: 'Morning {name}! {when}, {where}. {reply}.', namesService: false };
const namingTemplate = {
  body: 'Hi {name}, your drug service appointment: {when} at {where}. {reply}.',
  namesService: true,
};

describe('composing a reminder', () => {
  it('uses the safe default when the organisation has no template, with the preferred name', () => {
    expect(composeWording(request(), nothingSaved)).toEqual({
      body:
        'Hi Bobby, your appointment is on Tue 2 Jun at 10:30 at Outpatients B, St Elsewhere Hospital. ' +
        'Reply Y to confirm or N to change it.',
      encoding: 'GSM-7',
      segments: 1,
      namesService: false,
      source: 'default',
      locationWithheld: false,
    });
    expect(composeWording(request({ preferredName: null }), nothingSaved).body).toMatch(/^Hi Robert,/);
    const nameless = request({ preferredName: null });
    nameless.client.givenName = ' ';
    expect(composeWording(nameless, nothingSaved).body).toMatch(/^Hi there, your appointment/);
  });

  it("uses the organisation's plain template for every client", () => {
    for (const consent of [false, true]) {
      expect(
        composeWording(request({ consent }), { ...nothingSaved, template: plainTemplate }),
      ).toMatchObject({
        body: 'Morning Bobby! Tue 2 Jun at 10:30, Outpatients B, St Elsewhere Hospital. Reply Y to confirm or N to change it.',
        source: 'organisation',
        namesService: false,
      });
    }
  });

  it('sends a template that names the service to a client who agreed to that', () => {
    expect(
      composeWording(request({ consent: true }), { ...nothingSaved, template: namingTemplate }),
    ).toMatchObject({
      body: expect.stringContaining('your drug service appointment'),
      source: 'organisation',
      namesService: true,
    });
  });

  it('sends the default instead to a client who did not agree', () => {
    const composed = composeWording(request({ consent: false }), {
      ...nothingSaved,
      template: namingTemplate,
    });
    expect(composed).toMatchObject({ source: 'default', namesService: false });
    expect(composed.body).toBe(
      DEFAULT_TEMPLATES.three_days_before
        .replace('{name}', 'Bobby')
        .replace('{when}', 'Tue 2 Jun at 10:30')
        .replace('{where}', 'Outpatients B, St Elsewhere Hospital')
        .replace('{reply}', 'Reply Y to confirm or N to change it'),
    );
  });

  it("puts the organisation's location text for the provider in place of the appointment's", () => {
    const composed = composeWording(request(), {
      template: null,
      locationText: 'Level 2, Northgate Health Centre',
    });
    expect(composed.body).toContain('at Level 2, Northgate Health Centre.');
    expect(composed.body).not.toContain('Outpatients B');
  });

  it('withholds a location that names the service from a client who did not agree, and says so', () => {
    const location = 'Riverside Recovery Centre, 12 Mill Lane';
    const composed = composeWording(request({ location }), nothingSaved);
    expect(composed.body).toContain(`at ${WITHHELD_LOCATION}.`);
    expect(composed.body).not.toContain('Recovery');
    expect(composed.locationWithheld).toBe(true);
    expect(composeWording(request({ location, consent: true }), nothingSaved)).toMatchObject({
      body: expect.stringContaining(location),
      locationWithheld: false,
    });
  });

  it('withholds a booked location that reads like a hospital department unless the client agreed', () => {
    const location = 'Bluebell Ward, St Elsewhere Hospital';
    expect(composeWording(request({ location }), nothingSaved)).toMatchObject({
      body: expect.stringContaining(`at ${WITHHELD_LOCATION}.`),
      locationWithheld: true,
    });
    expect(composeWording(request({ location, consent: true }), nothingSaved)).toMatchObject({
      body: expect.stringContaining(`at ${location}.`),
      locationWithheld: false,
    });
    // The organisation's own text for the provider is said instead, whatever booking called the place.
    expect(
      composeWording(request({ location }), { template: null, locationText: 'Level 2, Lower Road' }),
    ).toMatchObject({ body: expect.stringContaining('at Level 2, Lower Road.'), locationWithheld: false });
  });

  it('withholds a saved location text that a grown word list now catches', () => {
    const composed = composeWording(request(), { template: null, locationText: 'The Lung Centre' });
    expect(composed).toMatchObject({ locationWithheld: true });
    expect(composed.body).toContain(`at ${WITHHELD_LOCATION}.`);
  });

  it('falls back to the default when a template saved for everyone now trips the word list', () => {
    const stale = { body: 'Hi {name}, liver scan {when} at {where}. {reply}.', namesService: false };
    expect(composeWording(request(), { template: stale, locationText: null })).toMatchObject({
      source: 'default',
      body: expect.not.stringContaining('liver'),
    });
  });

  it('reports UCS-2 and its segments when the name needs it', () => {
    const composed = composeWording(request({ preferredName: 'Zoë 🌼' }), nothingSaved);
    expect(composed).toMatchObject({ encoding: 'UCS-2', segments: 2 });
  });
});
