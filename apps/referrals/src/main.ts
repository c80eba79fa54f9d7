import 'reflect-metadata';
import { runService } from '@careloop/runtime';
import { referralsService } from './referrals.service';

runService(referralsService, process.env);
