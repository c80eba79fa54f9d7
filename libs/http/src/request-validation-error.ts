import { BadRequestException } from '@nestjs/common';
import type { ValidationIssue } from './problem-details';

/** Bad input at the edge: every issue found, so the caller can fix them all in one go. */
export class RequestValidationError extends BadRequestException {
  constructor(readonly issues: readonly ValidationIssue[]) {
    super(`${issues.length} invalid ${issues.length === 1 ? 'value' : 'values'} in the request`);
  }
}
