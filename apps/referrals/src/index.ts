export { referralsService } from './referrals.service';
