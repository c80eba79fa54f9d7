import { randomUUID } from 'node:crypto';
import type { Principal } from '@careloop/auth';

/** Who a person of an environment's cast is; whatever else is left out takes the builders' defaults. */
export type Person = Pick<Principal, 'name'> & Partial<Principal>;

/**
 * Someone at an organisation of their own: a CDAS with one site of its own, unless `person` says
 * otherwise; always a user id of their own.
 */
export function aPrincipal(person: Person & Pick<Principal, 'roles'>): Principal {
  return { userId: randomUUID(), orgId: randomUUID(), orgKind: 'cdas', siteIds: [randomUUID()], ...person };
}

/** Someone else with `principal`'s roles at its organisation and sites, unless `person` says otherwise. */
export function colleagueOf(principal: Principal, person: Person): Principal {
  return { ...principal, userId: randomUUID(), ...person };
}
