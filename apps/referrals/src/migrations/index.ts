import { auditLogMigration } from '@careloop/auth';
import { idempotencyKeysMigration } from '@careloop/http';
import { messagingTablesMigration } from '@careloop/messaging';
import { REFERRALS_SCHEMA } from '../referrals-schema';
import { CreateClients1764400001100 } from './1764400001100-create-clients';
import { CreateNeedsAndRecall1764400001200 } from './1764400001200-create-needs-and-recall';
import { CreateReferrals1764400001300 } from './1764400001300-create-referrals';
import { CreateAdvocacyActions1764400001400 } from './1764400001400-create-advocacy-actions';
import { CreateClientSms1764400001500 } from './1764400001500-create-client-sms';
import { CreateClientCareEvents1764400001600 } from './1764400001600-create-client-care-events';
import { CreateInreachServices1764400001700 } from './1764400001700-create-inreach-services';
import { AddInreachOfferEvents1764400001800 } from './1764400001800-add-inreach-offer-events';
import { CreateTasks1764400001900 } from './1764400001900-create-tasks';
import { AddMissedSmsStep1764400002000 } from './1764400002000-add-missed-sms-step';
import { AddReportFacts1764400002100 } from './1764400002100-add-report-facts';
import { CreateReportShares1764400002200 } from './1764400002200-create-report-shares';
import { AddOfferTaskType1764400002300 } from './1764400002300-add-offer-task-type';

/** In order; a migration never changes once it has landed. */
export const referralsMigrations = [
  auditLogMigration(REFERRALS_SCHEMA),
  messagingTablesMigration(REFERRALS_SCHEMA),
  idempotencyKeysMigration(REFERRALS_SCHEMA),
  CreateClients1764400001100,
  CreateNeedsAndRecall1764400001200,
  CreateReferrals1764400001300,
  CreateAdvocacyActions1764400001400,
  CreateClientSms1764400001500,
  CreateClientCareEvents1764400001600,
  CreateInreachServices1764400001700,
  AddInreachOfferEvents1764400001800,
  CreateTasks1764400001900,
  AddMissedSmsStep1764400002000,
  AddReportFacts1764400002100,
  CreateReportShares1764400002200,
  AddOfferTaskType1764400002300,
];
