import { Column, Entity, PrimaryColumn } from 'typeorm';
import { INREACH_SCHEMA } from '../inreach-schema';

/** A London date a series holds no session: a bank holiday, the specialist's leave. */
@Entity({ schema: INREACH_SCHEMA, name: 'series_exception' })
export class SeriesException {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ name: 'series_id', type: 'uuid' })
  seriesId!: string;

  @Column({ type: 'date' })
  date!: string;

  @Column({ type: 'text' })
  reason!: string;

  @Column({ name: 'created_by', type: 'text' })
  createdBy!: string;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
