import { measureTemplate } from './template-lint';
import type { Template } from './template.entity';
import type { OrganisationTemplateView, WordingView } from './wording.dto';

export function wordingView(body: string, namesService: boolean): WordingView {
  return { body, namesService, ...measureTemplate(body) };
}

export function organisationTemplateView(template: Template): OrganisationTemplateView {
  return {
    ...wordingView(template.body, template.namesService),
    updatedBy: template.updatedBy,
    updatedAt: template.updatedAt.toISOString(),
  };
}
