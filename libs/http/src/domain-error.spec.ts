import type { ConsumerDecision } from '@careloop/messaging';
import { defineErrors, DomainError } from './domain-error';

class BookingError extends defineErrors('booking', {
  SLOT_NOT_FOUND: { status: 404, title: 'Slot not found', consumer: 'dead-letter' },
  SLOT_ALREADY_BOOKED: { status: 409, title: 'Slot already booked', consumer: 'ignore' },
}) {}
type BookingErrorCode = BookingError['code'];

describe('defineErrors', () => {
  it('builds errors carrying their context, code, status and title', () => {
    const error = new BookingError('SLOT_ALREADY_BOOKED', {
      detail: 'Slot s-1 was booked at 10:02',
      extensions: { slotId: 's-1' },
    });

    expect(error).toBeInstanceOf(BookingError);
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toBeInstanceOf(Error);
    expect(error).toMatchObject({
      context: 'booking',
      code: 'SLOT_ALREADY_BOOKED',
      status: 409,
      title: 'Slot already booked',
      extensions: { slotId: 's-1' },
    });
    expect(error.message).toBe('Slot s-1 was booked at 10:02');
    expect(error.name).toBe('booking:SLOT_ALREADY_BOOKED');
    expect(BookingError.codes).toEqual(['SLOT_NOT_FOUND', 'SLOT_ALREADY_BOOKED']);
  });

  it("carries its code's consumer decision, where the messaging library's decideOnError reads it", () => {
    expect(new BookingError('SLOT_NOT_FOUND').consumerDecision).toBe('dead-letter');
    expect(new BookingError('SLOT_ALREADY_BOOKED')).toHaveProperty('consumerDecision', 'ignore');
  });

  it('requires every code to say what a consumer does with it', () => {
    class Incomplete extends defineErrors('booking', {
      // @ts-expect-error `consumer` is missing: every code must choose retry, dead-letter or ignore
      SLOT_NOT_FOUND: { status: 404, title: 'Slot not found' },
    }) {}
    class Unknown extends defineErrors('booking', {
      // @ts-expect-error not a consumer decision
      SLOT_NOT_FOUND: { status: 404, title: 'Slot not found', consumer: 'drop' },
    }) {}
    expect([Incomplete, Unknown]).toHaveLength(2);
  });

  it('uses the title as the message when there is no detail', () => {
    expect(new BookingError('SLOT_NOT_FOUND').message).toBe('Slot not found');
  });

  it('lets the compiler check that every code is mapped', () => {
    const decisions = {
      SLOT_NOT_FOUND: 'ignore',
      SLOT_ALREADY_BOOKED: 'ignore',
    } satisfies Record<BookingErrorCode, ConsumerDecision>;

    // @ts-expect-error SLOT_ALREADY_BOOKED is not mapped
    const incomplete: Record<BookingErrorCode, ConsumerDecision> = { SLOT_NOT_FOUND: 'retry' };
    // @ts-expect-error not one of the booking codes
    const unknown = () => new BookingError('REFERRAL_NOT_FOUND');

    expect(decisions[new BookingError('SLOT_NOT_FOUND').code]).toBe('ignore');
    expect([incomplete, unknown]).toHaveLength(2);
  });
});
