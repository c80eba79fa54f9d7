import { Registry } from 'prom-client';
import type { DataSource } from 'typeorm';
import { AuditTrail } from '@careloop/auth';
import { Outbox } from '@careloop/messaging';
import { createLogger, Metrics } from '@careloop/observability';
import type { Clock } from '@careloop/time';
import { BOOKING_SCHEMA } from '../../src/booking-schema';
import { CascadeMetrics } from '../../src/inreach/cascade-metrics';
import { MoveAppointmentsOutOfCancelledSessions } from '../../src/inreach/move-appointments-out-of-cancelled-sessions';

export interface SessionMoveRow {
  appointment_id: string;
  status: string;
  new_slot_id: string | null;
  attempts: number;
  last_error: string | null;
}

/** The cascade's rows for a withdrawn session, by appointment id. */
export function movesOfSession(dataSource: DataSource, sessionId: string): Promise<SessionMoveRow[]> {
  return dataSource.query(
    `SELECT appointment_id, status, new_slot_id, attempts, last_error
       FROM booking.session_move WHERE session_id = $1 ORDER BY appointment_id`,
    [sessionId],
  );
}

/** The cascade working at most `rows` rows a run. */
function workingAtMost(rows: number) {
  return class extends MoveAppointmentsOutOfCancelledSessions {
    protected override readonly movesPerRun: number = rows;
  };
}

/**
 * A cascade task as the module builds it, on its own outbox, audit trail and metrics registry, so a
 * spec can run several (processes) over one database and read what each counted. `movesPerRun`
 * limits the rows it works in one run.
 */
export function aCascade(dataSource: DataSource, clock: Clock, options: { movesPerRun?: number } = {}) {
  const registry = new Registry();
  const Task =
    options.movesPerRun === undefined
      ? MoveAppointmentsOutOfCancelledSessions
      : workingAtMost(options.movesPerRun);
  const task = new Task(
    dataSource,
    new Outbox(BOOKING_SCHEMA, clock),
    new AuditTrail(),
    new CascadeMetrics(new Metrics(registry)),
    createLogger({ service: 'booking', level: 'silent' }),
  );
  const counted = async (outcome: string) => {
    const metric = await registry.getSingleMetric('careloop_booking_inreach_cascade_rows_total')?.get();
    return metric?.values.find((v) => v.labels['outcome'] === outcome)?.value ?? 0;
  };
  return { task, counted };
}
