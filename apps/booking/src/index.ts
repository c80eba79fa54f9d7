export { bookingService } from './booking.service';
