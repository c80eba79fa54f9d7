export { remindersService } from './reminders.service';
