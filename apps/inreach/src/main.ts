import 'reflect-metadata';
import { runService } from '@careloop/runtime';
import { inreachService } from './inreach.service';

runService(inreachService, process.env);
