import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { composeWording, type ComposeRequest, type ComposedSms } from './compose-wording';
import { providerKeyOf, providerLocationWhere } from './provider-key';
import { ProviderLocation } from './provider-location.entity';
import { Template } from './template.entity';

/**
 * The words of a reminder: the organisation's template for the step or the safe default, filled in
 * for one client and appointment (see composeWording for who may be told what).
 */
@Injectable()
export class ReminderWording {
  constructor(private readonly dataSource: DataSource) {}

  /** Pass the caller's transaction manager to read the wording inside it. */
  async compose(
    request: ComposeRequest,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<ComposedSms> {
    // One after the other: a transaction's manager has a single connection.
    const template = await manager.findOneBy(Template, { orgId: request.orgId, step: request.step });
    // The clinic's own text within its organisation; by name alone only for appointments without one.
    const location = await manager.findOneBy(
      ProviderLocation,
      providerLocationWhere(request.orgId, providerKeyOf(request.appointment)),
    );
    return composeWording(request, {
      template: template ? { body: template.body, namesService: template.namesService } : null,
      locationText: location?.text ?? null,
    });
  }
}
