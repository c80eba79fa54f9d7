import { bookingService } from '@careloop/booking';
import { inreachService } from '@careloop/inreach';
import { referralsService } from '@careloop/referrals';
import { remindersService } from '@careloop/reminders';

/** Every service, hosted in one process for the zero-setup start. */
export const platformServices = [referralsService, bookingService, remindersService, inreachService];
