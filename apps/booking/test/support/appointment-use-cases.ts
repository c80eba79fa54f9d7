import type { DataSource } from 'typeorm';
import { AuditTrail } from '@careloop/auth';
import { Outbox } from '@careloop/messaging';
import { ManualClock } from '@careloop/time';
import { BookAppointment } from '../../src/appointment/book-appointment';
import { CancelAppointment } from '../../src/appointment/cancel-appointment';
import { ConfirmHold } from '../../src/appointment/confirm-hold';
import { ExpireLapsedHolds } from '../../src/appointment/expire-lapsed-holds';
import { FlagOverdueOutcomes } from '../../src/appointment/flag-overdue-outcomes';
import { GetAppointment } from '../../src/appointment/get-appointment';
import { HoldAppointment } from '../../src/appointment/hold-appointment';
import { ListClientAppointments } from '../../src/appointment/list-client-appointments';
import { RecordAttendance } from '../../src/appointment/record-attendance';
import { ReleaseHold } from '../../src/appointment/release-hold';
import { RescheduleAppointment } from '../../src/appointment/reschedule-appointment';
import { DEFAULT_BOOKING_POLICY } from '../../src/booking-policy';
import { BOOKING_SCHEMA } from '../../src/booking-schema';

/**
 * The appointment use cases wired as the module wires them, on one clock: a spec takes the ones it
 * tests, and builds another set at a later instant to act after time has passed.
 */
export function appointmentsAt(dataSource: DataSource, at: ManualClock | string) {
  const clock = typeof at === 'string' ? new ManualClock(at) : at;
  const outbox = new Outbox(BOOKING_SCHEMA, clock);
  const audit = new AuditTrail();
  return {
    clock,
    book: new BookAppointment(dataSource, outbox, audit, clock),
    hold: new HoldAppointment(dataSource, outbox, audit, clock, DEFAULT_BOOKING_POLICY),
    confirm: new ConfirmHold(dataSource, outbox, audit, clock),
    release: new ReleaseHold(dataSource, outbox, audit, clock),
    reschedule: new RescheduleAppointment(dataSource, outbox, audit, clock),
    cancel: new CancelAppointment(dataSource, outbox, audit, clock),
    record: new RecordAttendance(dataSource, outbox, audit, clock),
    get: new GetAppointment(dataSource, audit),
    listForClient: new ListClientAppointments(dataSource, audit),
    expire: new ExpireLapsedHolds(dataSource, outbox, audit),
    flag: new FlagOverdueOutcomes(dataSource, outbox, audit, DEFAULT_BOOKING_POLICY),
  };
}
