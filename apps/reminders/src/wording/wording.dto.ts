import { z } from 'zod';
import { reminderStepSchema, type ReminderStep } from '@careloop/contracts';
import type { SmsEncoding } from './sms-segments';
import type { WordingProblem, WordingWarning } from './wording-problem';

export const stepParam = reminderStepSchema;

/** Generous: the lint, not the schema, tells an author their text is too long, and by how much. */
export const TEMPLATE_MAX_CHARACTERS = 1000;
/** A location replaces {where} in every text, so it must leave room for the rest. */
export const LOCATION_TEXT_MAX_CHARACTERS = 100;

export const saveTemplateBody = z
  .object({
    /** As typed: problem positions are offsets into it. Saved without surrounding spaces. */
    body: z.string().max(TEMPLATE_MAX_CHARACTERS),
    /** The template names the service: it goes only to clients who agreed to that. */
    namesService: z.boolean().default(false),
  })
  .strict();
export type SaveTemplateBody = z.output<typeof saveTemplateBody>;

const PROVIDER_NAME_NEEDED =
  'Give providerName: the provider (clinic) as appointments name it, such as "Fracture clinic"';
export const providerNameSchema = z
  .string({ error: PROVIDER_NAME_NEEDED })
  .trim()
  .min(1, { error: PROVIDER_NAME_NEEDED })
  .max(200);
export const providerOrgIdSchema = z
  .string({ error: 'providerOrgId is the provider organisation id as appointments give it, or left out' })
  .trim()
  .min(1, { error: 'providerOrgId cannot be blank: leave it out for appointments that carry none' })
  .max(200);

/** Which provider: a clinic by its name, within its organisation when appointments carry one. */
const providerFields = {
  /**
   * As appointment events give it ("org-st-elsewhere"): the whole organisation (a trust, a drug
   * service) that runs the clinic. Left out only for appointments from events that carry none.
   */
  providerOrgId: providerOrgIdSchema.optional(),
  /** As appointments name the provider: the clinic's name ("Fracture clinic"). */
  providerName: providerNameSchema,
};

export const saveProviderLocationBody = z
  .object({
    ...providerFields,
    /** What clients are told: "Outpatients B, St Elsewhere Hospital". As typed, like a template's body. */
    text: z.string().max(LOCATION_TEXT_MAX_CHARACTERS),
  })
  .strict();
export type SaveProviderLocationBody = z.output<typeof saveProviderLocationBody>;

export const providerLocationQuery = z.object(providerFields).strict();
export type ProviderLocationQuery = z.output<typeof providerLocationQuery>;

export interface WordingView {
  body: string;
  namesService: boolean;
  /** How it is sent, and what it costs, with a long name and a typical location. */
  encoding: SmsEncoding;
  segments: number;
}

export interface OrganisationTemplateView extends WordingView {
  updatedBy: string;
  updatedAt: string;
}

export interface StepWordingView {
  step: ReminderStep;
  /** Sent when the organisation has no template, and instead of one that names the service to clients who did not agree. */
  default: WordingView;
  organisation: OrganisationTemplateView | null;
}

export interface SavedTemplateView extends OrganisationTemplateView {
  step: ReminderStep;
  warnings: WordingWarning[];
}

export interface ProviderLocationView {
  /** The provider's organisation; null for a text kept by name alone, for appointments from events that carry none. */
  providerOrgId: string | null;
  /** As appointments name the provider: the clinic's name. */
  providerName: string;
  /** The organisation's text for the provider; null when texts use the appointment's own location. */
  text: string | null;
  updatedBy: string | null;
  updatedAt: string | null;
  /** The location of the provider's next booked appointment, as booking gave it. */
  upcomingLocation: string | null;
  /**
   * What {where} says in the next appointment's texts to clients who did not agree to naming the
   * service: the text, else the booked location if it is plainly safe, else "the address you were
   * given". Null with neither a text nor an upcoming appointment. Clients who agreed are told the
   * text, else the booked location.
   */
  whereInTexts: string | null;
  /** True when whereInTexts is "the address you were given": set a plain text to fix it. */
  locationWithheld: boolean;
  /** Why the location is withheld (a word that names the service, a department name), else null. */
  withheldBecause: string | null;
}

export interface SavedProviderLocationView extends ProviderLocationView {
  warnings: WordingWarning[];
}

/** The body of a 422: every problem with its position, and the warnings, so an editor can show all at once. */
export interface WordingRefusal {
  problems: WordingProblem[];
  warnings: WordingWarning[];
}
