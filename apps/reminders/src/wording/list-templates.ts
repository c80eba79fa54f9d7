import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Principal } from '@careloop/auth';
import { REMINDER_STEPS } from '@careloop/contracts';
import { DEFAULT_TEMPLATES } from './default-templates';
import { organisationTemplateView, wordingView } from './template-views';
import { Template } from './template.entity';
import type { StepWordingView } from './wording.dto';

/** Every step's wording in the caller's organisation: its own template, if any, beside the default. */
@Injectable()
export class ListTemplates {
  constructor(private readonly dataSource: DataSource) {}

  async execute(principal: Principal): Promise<StepWordingView[]> {
    const saved = await this.dataSource.manager.findBy(Template, { orgId: principal.orgId });
    return REMINDER_STEPS.map((step) => {
      const own = saved.find((template) => template.step === step);
      return {
        step,
        default: wordingView(DEFAULT_TEMPLATES[step], false, step),
        organisation: own ? organisationTemplateView(own) : null,
      };
    });
  }
}
