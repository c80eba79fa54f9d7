import { Module } from '@nestjs/common';
import { MessagingModule } from '@careloop/messaging';
import { BOOKING_SCHEMA } from '../booking-schema';
import { CreateSite } from './create-site';
import { ListSites } from './list-sites';
import { OrganisationController } from './organisation.controller';
import { RegisterOrganisation } from './register-organisation';
import { SiteController } from './site.controller';

/** Provider organisations and their sites, as booking's own data. */
@Module({
  imports: [MessagingModule.forService(BOOKING_SCHEMA)],
  controllers: [OrganisationController, SiteController],
  providers: [RegisterOrganisation, CreateSite, ListSites],
})
export class OrganisationModule {}
