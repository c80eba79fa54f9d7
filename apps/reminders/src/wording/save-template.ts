import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Principal } from '@careloop/auth';
import type { ReminderStep } from '@careloop/contracts';
import { CLOCK, type Clock } from '@careloop/time';
import { lintTemplate } from './template-lint';
import { organisationTemplateView } from './template-views';
import { Template } from './template.entity';
import type { SaveTemplateBody, SavedTemplateView, WordingRefusal } from './wording.dto';
import { WordingError } from './wording.errors';

/**
 * Saves the caller's organisation's template for a step, replacing any before it, once the lint finds
 * no problem (positions refer to the body as sent). Templates hold no client data, so the change is
 * not audited; who changed it and when are kept on the row.
 */
@Injectable()
export class SaveTemplate {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(
    principal: Principal,
    step: ReminderStep,
    input: SaveTemplateBody,
  ): Promise<SavedTemplateView> {
    const sent = lintTemplate(input.body, { namesService: input.namesService, step });
    if (sent.problems.length > 0) {
      const refusal: WordingRefusal = { problems: sent.problems, warnings: sent.warnings };
      throw new WordingError('TEMPLATE_REFUSED', {
        detail: sent.problems.map((problem) => problem.message).join('; '),
        extensions: { ...refusal },
      });
    }
    const body = input.body.trim();
    const template = this.dataSource.manager.create(Template, {
      orgId: principal.orgId,
      step,
      body,
      namesService: input.namesService,
      updatedBy: principal.userId,
      updatedAt: this.clock.now(),
    });
    await this.dataSource.getRepository(Template).upsert(template, ['orgId', 'step']);
    const saved = lintTemplate(body, { namesService: input.namesService, step });
    return { step, ...organisationTemplateView(template), warnings: saved.warnings };
  }
}
