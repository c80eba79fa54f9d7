import type { ReminderStep } from '@careloop/contracts';
import { measureTemplate } from './template-lint';
import type { Template } from './template.entity';
import type { OrganisationTemplateView, WordingView } from './wording.dto';

export function wordingView(body: string, namesService: boolean, step: ReminderStep): WordingView {
  return { body, namesService, ...measureTemplate(body, step) };
}

export function organisationTemplateView(template: Template): OrganisationTemplateView {
  return {
    ...wordingView(template.body, template.namesService, template.step),
    updatedBy: template.updatedBy,
    updatedAt: template.updatedAt.toISOString(),
  };
}
