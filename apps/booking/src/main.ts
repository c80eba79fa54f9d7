import 'reflect-metadata';
import { runService } from '@careloop/runtime';
import { bookingService } from './booking.service';

runService(bookingService, process.env);
