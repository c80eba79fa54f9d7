import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { composeWording, type ComposeRequest, type ComposedSms } from './compose-wording';
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
    const location = await manager.findOneBy(ProviderLocation, {
      orgId: request.orgId,
      providerName: request.appointment.providerName,
    });
    return composeWording(request, {
      template: template ? { body: template.body, namesService: template.namesService } : null,
      locationText: location?.text ?? null,
    });
  }
}
