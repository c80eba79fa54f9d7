import { Body, Controller, Delete, Get, HttpCode, Param, Put, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles, type Principal } from '@careloop/auth';
import type { ReminderStep } from '@careloop/contracts';
import { CdasOnlyGuard, WORDING_MANAGERS } from './cdas-only.guard';
import { ListTemplates } from './list-templates';
import { ResetTemplate } from './reset-template';
import { SaveTemplate } from './save-template';
import {
  saveTemplateBody,
  stepParam,
  type SaveTemplateBody,
  type SavedTemplateView,
  type StepWordingView,
} from './wording.dto';

@ApiTags('reminders')
@ApiBearerAuth()
@UseGuards(CdasOnlyGuard)
@Controller('templates')
export class TemplateController {
  constructor(
    private readonly listTemplates: ListTemplates,
    private readonly saveTemplate: SaveTemplate,
    private readonly resetTemplate: ResetTemplate,
  ) {}

  @Get()
  @Roles(...WORDING_MANAGERS)
  @ApiOperation({
    summary: "Each reminder step's wording: the organisation's template, if any, and the default",
  })
  list(@CurrentPrincipal() principal: Principal): Promise<StepWordingView[]> {
    return this.listTemplates.execute(principal);
  }

  @Put(':step')
  @Roles(...WORDING_MANAGERS)
  @ApiOperation({
    summary: 'Save the template for a step',
    description:
      'Placeholders: {name}, {when}, {where}, {reply}; in the offer text also {expires} (when the offer ' +
      'lapses), and its {reply} asks for YES by then or NO. Refused with 422 and every problem and its ' +
      'position when it names the service (unless namesService: then only clients who agreed get it), ' +
      'asks for a carrier opt-out word, or takes more than 3 segments; more segments than the default ' +
      '(one, two for the offer) are saved with a warning.',
  })
  save(
    @CurrentPrincipal() principal: Principal,
    @Param('step', { schema: stepParam }) step: ReminderStep,
    @Body({ schema: saveTemplateBody }) body: SaveTemplateBody,
  ): Promise<SavedTemplateView> {
    return this.saveTemplate.execute(principal, step, body);
  }

  @Delete(':step')
  @HttpCode(204)
  @Roles(...WORDING_MANAGERS)
  @ApiOperation({ summary: "Remove the organisation's template for a step: texts go back to the default" })
  async reset(
    @CurrentPrincipal() principal: Principal,
    @Param('step', { schema: stepParam }) step: ReminderStep,
  ): Promise<void> {
    await this.resetTemplate.execute(principal, step);
  }
}
