import 'reflect-metadata';
import { runService } from '@careloop/runtime';
import { remindersService } from './reminders.service';

runService(remindersService, process.env);
