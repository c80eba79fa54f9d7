import { defineErrors } from '@careloop/http';

/**
 * The report sharing context's errors. Every refusal to read a report is a 403 whose detail is the
 * same whether or not the organisation named exists, so no caller learns which organisations do.
 */
export class ReportSharingError extends defineErrors('report-sharing', {
  SHARE_NOT_FOUND: {
    status: 404,
    title: 'Your organisation does not share its reports with that organisation',
    consumer: 'dead-letter',
  },
  SHARE_WITH_OWN_ORGANISATION: {
    status: 422,
    title: 'A service shares its reports with another organisation, not itself',
    consumer: 'dead-letter',
  },
  NOT_FOR_YOUR_ORGANISATION: {
    status: 403,
    title: 'Not available to your organisation',
    consumer: 'dead-letter',
  },
  REPORT_NOT_SHARED: {
    status: 403,
    title: "This organisation's report is not shared with yours",
    consumer: 'dead-letter',
  },
  OTHER_ORGANISATION_REPORT: {
    status: 403,
    title: "A service reads its own organisation's reports only",
    consumer: 'dead-letter',
  },
}) {}
export type ReportSharingErrorCode = ReportSharingError['code'];
