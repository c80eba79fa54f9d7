import { Module } from '@nestjs/common';
import { CdasOnlyGuard } from './cdas-only.guard';
import { ListProviderLocations } from './list-provider-locations';
import { ListTemplates } from './list-templates';
import { ProviderLocationController } from './provider-location.controller';
import { ReminderWording } from './reminder-wording';
import { RemoveProviderLocation } from './remove-provider-location';
import { ResetTemplate } from './reset-template';
import { SaveProviderLocation } from './save-provider-location';
import { SaveTemplate } from './save-template';
import { TemplateController } from './template.controller';

/** Wording: templates and provider location texts per organisation, and composing each text from them. */
@Module({
  controllers: [TemplateController, ProviderLocationController],
  providers: [
    CdasOnlyGuard,
    ListTemplates,
    SaveTemplate,
    ResetTemplate,
    ListProviderLocations,
    SaveProviderLocation,
    RemoveProviderLocation,
    ReminderWording,
  ],
  exports: [ReminderWording],
})
export class WordingModule {}
