import { auditLogMigration } from '@careloop/auth';
import { idempotencyKeysMigration } from '@careloop/http';
import { messagingTablesMigration } from '@careloop/messaging';
import { BOOKING_SCHEMA } from '../booking-schema';
import { CreateReferralAwaitingBooking1764400002000 } from './1764400002000-create-referral-awaiting-booking';
import { AddReferralStatus1764400002100 } from './1764400002100-add-referral-status';
import { CreateSlotsAndAppointments1764400002200 } from './1764400002200-create-slots-and-appointments';
import { SupplyReservationsHoldsAttendance1764400002300 } from './1764400002300-supply-reservations-holds-attendance';
import { SeatWithinSlotCapacity1764400002400 } from './1764400002400-seat-within-slot-capacity';
import { HoldEndedReason1764400002500 } from './1764400002500-hold-ended-reason';
import { InreachSlots1764400002600 } from './1764400002600-inreach-slots';
import { InreachSessionMoves1764400002700 } from './1764400002700-inreach-session-moves';
import { InreachOfferHolds1764400002800 } from './1764400002800-inreach-offer-holds';

/** In order; a migration never changes once it has landed. */
export const bookingMigrations = [
  auditLogMigration(BOOKING_SCHEMA),
  messagingTablesMigration(BOOKING_SCHEMA),
  idempotencyKeysMigration(BOOKING_SCHEMA),
  CreateReferralAwaitingBooking1764400002000,
  AddReferralStatus1764400002100,
  CreateSlotsAndAppointments1764400002200,
  SupplyReservationsHoldsAttendance1764400002300,
  SeatWithinSlotCapacity1764400002400,
  HoldEndedReason1764400002500,
  InreachSlots1764400002600,
  InreachSessionMoves1764400002700,
  InreachOfferHolds1764400002800,
];
