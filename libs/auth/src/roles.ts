import { z } from 'zod';

/** What a member of staff may do. A user may hold several; routes name the roles they accept. */
export const ROLES = [
  'drug_worker',
  'nurse',
  'clinician',
  'clinic_admin',
  'inreach_coordinator',
  'service_manager',
  'admin',
] as const;
export const roleSchema = z.enum(ROLES);
export type Role = z.infer<typeof roleSchema>;

/** The kind of organisation a user works for; it decides which screens and records make sense. */
export const ORGANISATION_KINDS = [
  'cdas',
  'gp_practice',
  'hospital',
  'specialist_service',
  'commissioner',
] as const;
export const organisationKindSchema = z.enum(ORGANISATION_KINDS);
export type OrganisationKind = z.infer<typeof organisationKindSchema>;
