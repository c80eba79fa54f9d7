import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Principal } from '@careloop/auth';
import type { ReminderStep } from '@careloop/contracts';
import { Template } from './template.entity';

/** Removes the organisation's template for a step: its texts go back to the default. Repeating it is harmless. */
@Injectable()
export class ResetTemplate {
  constructor(private readonly dataSource: DataSource) {}

  async execute(principal: Principal, step: ReminderStep): Promise<void> {
    await this.dataSource.manager.delete(Template, { orgId: principal.orgId, step });
  }
}
