import { Module } from '@nestjs/common';
import { MessagingModule } from '@careloop/messaging';
import { INREACH_SCHEMA } from '../inreach-schema';
import { AddSeriesException } from './add-series-exception';
import { CreateSeries } from './create-series';
import { EditSeries } from './edit-series';
import { ExtendSeriesHorizon } from './extend-series-horizon';
import { GetSeries } from './get-series';
import { PublishSeries } from './publish-series';
import { SeriesController } from './series.controller';

/**
 * Session series: recurrence, exceptions, edits and publication, and the sessions made from them.
 * Exports ExtendSeriesHorizon, run by the horizon job. Needs INREACH_POLICY (global).
 */
@Module({
  imports: [MessagingModule.forService(INREACH_SCHEMA)],
  controllers: [SeriesController],
  providers: [CreateSeries, GetSeries, EditSeries, AddSeriesException, PublishSeries, ExtendSeriesHorizon],
  exports: [ExtendSeriesHorizon],
})
export class SeriesModule {}
