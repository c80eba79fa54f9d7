import { composeWording, type ComposeRequest, type SavedWording } from './compose-wording';
import { DEFAULT_TEMPLATES, WITHHELD_LOCATION, WITHHELD_OFFER_LOCATION } from './default-templates';

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

describe('composing an offer', () => {
  /** Sam is offered Wednesday 9 December 2026 at 10:20, to answer by 17:00 on Monday 7 December. */
  const offer = (overrides: { consent?: boolean; location?: string } = {}) =>
    ({
      client: { givenName: 'Sam', preferredName: null, nameServiceConsent: overrides.consent ?? false },
      appointment: {
        startsAt: new Date('2026-12-09T10:20:00Z'),
        location: overrides.location ?? 'Hillside Surgery, 4 Mill Lane',
        providerOrgId: 'org-riverside-cdas',
        providerName: 'Hep C nurse',
        offerExpiresAt: new Date('2026-12-07T17:00:00Z'),
      },
      orgId: 'org-riverside-cdas',
      step: 'offer',
    }) satisfies ComposeRequest;

  it('says the day, time and place, and asks for YES by the expiry or NO, in two GSM-7 segments at most', () => {
    expect(composeWording(offer(), nothingSaved)).toEqual({
      body:
        'Hi Sam, an appointment is free for you on Wed 9 Dec at 10:20 at Hillside Surgery, 4 Mill Lane. ' +
        'Reply YES by 17:00 Mon 7 Dec to take it, or NO if it does not suit.',
      encoding: 'GSM-7',
      segments: 2,
      namesService: false,
      source: 'default',
      locationWithheld: false,
    });
  });

  it('never names the drug service to a client who did not agree: neither its place nor a naming template', () => {
    const location = 'Riverside Recovery Centre, 12 Mill Lane';
    const naming = {
      body: 'Hi {name}, a drug service appointment is free {when} at {where}. {reply}.',
      namesService: true,
    };
    const composed = composeWording(offer({ location }), { template: naming, locationText: null });
    expect(composed).toMatchObject({ source: 'default', namesService: false, locationWithheld: true });
    expect(composed.body).toBe(
      // Nobody gave the client an address for an appointment only offered.
      `Hi Sam, an appointment is free for you on Wed 9 Dec at 10:20 at ${WITHHELD_OFFER_LOCATION}. ` +
        'Reply YES by 17:00 Mon 7 Dec to take it, or NO if it does not suit.',
    );
    expect(
      composeWording(offer({ location, consent: true }), { template: naming, locationText: null }),
    ).toMatchObject({
      body: expect.stringContaining(
        'a drug service appointment is free Wed 9 Dec at 10:20 at Riverside Recovery',
      ),
      namesService: true,
    });
  });

  it("fills the organisation's offer template, {expires} included", () => {
    const own = {
      body: 'Hi {name}, slot free {when}, {where}. Text YES before {expires} or NO.',
      namesService: false,
    };
    expect(composeWording(offer(), { template: own, locationText: 'Level 2, Lower Road' }).body).toBe(
      'Hi Sam, slot free Wed 9 Dec at 10:20, Level 2, Lower Road. Text YES before 17:00 Mon 7 Dec or NO.',
    );
  });
});

describe('composing "sorry we missed you"', () => {
  /** Sam missed Tuesday 10 November 2026 at 14:30 at a place that names the drug service. */
  const missed = (consent = false) =>
    ({
      client: { givenName: 'Sam', preferredName: null, nameServiceConsent: consent },
      appointment: {
        startsAt: new Date('2026-11-10T14:30:00Z'),
        location: 'Riverside Recovery Centre, 12 Mill Lane',
        providerOrgId: 'org-riverside-cdas',
        providerName: 'Recovery worker',
      },
      orgId: 'org-riverside-cdas',
      step: 'missed',
    }) satisfies ComposeRequest;

  it('says sorry and offers help to book again, in one GSM-7 segment, naming no place', () => {
    expect(composeWording(missed(), nothingSaved)).toMatchObject({
      body:
        'Hi Sam, sorry we missed you on Tue 10 Nov at 14:30. Would you like a new appointment? ' +
        'Reply YES and we will help you book one.',
      encoding: 'GSM-7',
      segments: 1,
      namesService: false,
      source: 'default',
    });
  });

  it("uses the organisation's own wording, and its naming one only for a client who agreed", () => {
    const plain = { body: 'Hi {name}, we missed you {when} at {where}. {reply}.', namesService: false };
    expect(composeWording(missed(), { template: plain, locationText: null }).body).toBe(
      `Hi Sam, we missed you Tue 10 Nov at 14:30 at ${WITHHELD_LOCATION}. Reply YES and we will help you book one.`,
    );
    const naming = { body: 'Hi {name}, the drug service missed you {when}. {reply}.', namesService: true };
    expect(composeWording(missed(), { template: naming, locationText: null })).toMatchObject({
      source: 'default',
      body: expect.stringMatching(/^Hi Sam, sorry we missed you on Tue 10 Nov/),
    });
    expect(composeWording(missed(true), { template: naming, locationText: null }).body).toBe(
      'Hi Sam, the drug service missed you Tue 10 Nov at 14:30. Reply YES and we will help you book one.',
    );
  });
});
