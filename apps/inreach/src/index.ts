export { inreachService } from './inreach.service';
