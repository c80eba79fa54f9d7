import type { ReminderStep } from '@careloop/contracts';
import { DEFAULT_TEMPLATES, WITHHELD_NAME, withheldLocationFor } from './default-templates';
import { formatWhen, greetingName, renderTemplate, replyValues, type PlaceholderValues } from './render';
import { findSensitiveWords } from './sensitive-words';
import { measureSms, type SmsEncoding } from './sms-segments';
import { whereWithoutConsent } from './where-without-consent';

export interface ComposeRequest {
  client: { givenName: string; preferredName: string | null; nameServiceConsent: boolean };
  appointment: {
    startsAt: Date;
    location: string;
    /** The provider's organisation (a trust, a drug service); null from events that carry none. */
    providerOrgId: string | null;
    /** The clinic, as booking names it: with providerOrgId, whose location text applies. */
    providerName: string;
    /** When the in-reach offer lapses: needed for the `offer` step, which asks for a reply by then. */
    offerExpiresAt?: Date | null;
  };
  /** The client's organisation (the CDAS), whose templates and location texts apply. */
  orgId: string;
  step: ReminderStep;
}

export interface ComposedSms {
  body: string;
  encoding: SmsEncoding;
  segments: number;
  /** The text names the service: only ever for a client who agreed to that. */
  namesService: boolean;
  /** Whose wording: the organisation's template for the step or the safe default. */
  source: 'organisation' | 'default';
  /**
   * The location might have told a reader what the appointment is for, so the text says
   * WITHHELD_LOCATION (WITHHELD_OFFER_LOCATION in an offer, whose client was given no address).
   */
  locationWithheld: boolean;
}

/** What the organisation saved that applies to this text, if anything. */
export interface SavedWording {
  template: { body: string; namesService: boolean } | null;
  /** The organisation's location text for the appointment's provider (its organisation and name). */
  locationText: string | null;
}

const reveals = (text: string) => findSensitiveWords(text).length > 0;

/**
 * The text for one reminder. A client who agreed to naming the service gets the organisation's
 * template as saved. Anyone else never gets a word that names the service, whatever was saved or
 * booked: a template saved as naming the service, or one a grown word list now catches, gives way to
 * the default; the location is the organisation's text for the provider, else the booked location
 * only if it is plainly safe (whereWithoutConsent), else withheld; and the finished text is checked
 * once more.
 */
export function composeWording(request: ComposeRequest, saved: SavedWording): ComposedSms {
  const { client, appointment, step } = request;
  const consented = client.nameServiceConsent;
  const values: PlaceholderValues = {
    name: greetingName(client) || WITHHELD_NAME,
    when: formatWhen(appointment.startsAt),
    where: saved.locationText ?? appointment.location,
    ...replyValues(step, appointment.offerExpiresAt ?? null),
  };
  let template = saved.template;
  let locationWithheld = false;
  if (!consented) {
    if (template && (template.namesService || reveals(template.body.replace(/\{[^{}]*\}/g, ' ')))) {
      template = null;
    }
    const where = whereWithoutConsent(saved.locationText, appointment.location);
    locationWithheld = where.withheldBecause !== null;
    values.where = locationWithheld ? withheldLocationFor(step) : where.where;
    if (reveals(values.name)) values.name = WITHHELD_NAME;
  }

  let body = renderTemplate(template?.body ?? DEFAULT_TEMPLATES[step], values);
  if (!consented && reveals(body)) {
    // Words formed across the parts: fall back to what is safe by construction.
    template = null;
    locationWithheld = true;
    body = renderTemplate(DEFAULT_TEMPLATES[step], {
      ...values,
      where: withheldLocationFor(step),
      name: WITHHELD_NAME,
    });
  }
  const { encoding, segments } = measureSms(body);
  return {
    body,
    encoding,
    segments,
    namesService: template?.namesService ?? false,
    source: template ? 'organisation' : 'default',
    locationWithheld,
  };
}
