import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Principal } from '@careloop/auth';
import { CLOCK, type Clock } from '@careloop/time';
import { toOrganisationView, type OrganisationView, type RegisterOrganisationBody } from './organisation.dto';
import { Organisation, PROVIDER_KINDS, type ProviderKind } from './organisation.entity';
import { OrganisationError } from './organisation.errors';

const isProviderKind = (kind: string): kind is ProviderKind =>
  (PROVIDER_KINDS as readonly string[]).includes(kind);

/**
 * Registers (or renames) the caller's own organisation. Its id and kind come from the token, never
 * from the body, so nobody registers or re-kinds another organisation. Registering twice is a rename.
 */
@Injectable()
export class RegisterOrganisation {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(principal: Principal, body: RegisterOrganisationBody): Promise<OrganisationView> {
    const kind = principal.orgKind;
    if (!isProviderKind(kind)) {
      throw new OrganisationError('NOT_A_PROVIDER', {
        detail: `A ${kind} organisation does not offer slots`,
      });
    }
    const now = this.clock.now();
    await this.dataSource.query(
      `INSERT INTO "booking"."organisation" ("id", "name", "kind", "updated_by", "updated_at")
       VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT ("id") DO UPDATE SET "name" = EXCLUDED."name", "kind" = EXCLUDED."kind",
         "updated_by" = EXCLUDED."updated_by", "updated_at" = EXCLUDED."updated_at"`,
      [principal.orgId, body.name, kind, principal.userId, now],
    );
    return toOrganisationView(
      Object.assign(new Organisation(), {
        id: principal.orgId,
        name: body.name,
        kind,
        updatedBy: principal.userId,
        updatedAt: now,
      }),
    );
  }
}
