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

export const providerNameSchema = z.string().trim().min(1).max(200);

export const saveProviderLocationBody = z
  .object({
    /** As appointments name the provider ("Chest clinic", "Dr Sam Patel"). */
    providerName: providerNameSchema,
    /** What clients are told: "Outpatients B, St Elsewhere Hospital". As typed, like a template's body. */
    text: z.string().max(LOCATION_TEXT_MAX_CHARACTERS),
  })
  .strict();
export type SaveProviderLocationBody = z.output<typeof saveProviderLocationBody>;

export const providerLocationQuery = z.object({ providerName: providerNameSchema }).strict();
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
  providerName: string;
  /** The organisation's text for the provider; null when texts use the appointment's own location. */
  text: string | null;
  updatedBy: string | null;
  updatedAt: string | null;
  /** The location of the provider's next booked appointment, as booking gave it. */
  upcomingLocation: string | null;
  /**
   * True when, with no text set, that location names the service: clients who did not agree to that
   * are told "the address you were given" instead. Set a text to fix it.
   */
  locationWithheld: boolean;
}

export interface SavedProviderLocationView extends ProviderLocationView {
  warnings: WordingWarning[];
}

/** The body of a 422: every problem with its position, and the warnings, so an editor can show all at once. */
export interface WordingRefusal {
  problems: WordingProblem[];
  warnings: WordingWarning[];
}
