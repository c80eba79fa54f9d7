import { STATUS_CODES } from 'node:http';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

export interface ValidationIssue {
  /** Where the bad value is, dotted from the part of the request named by `in` ("address.postcode"). */
  path: string;
  message: string;
  in?: 'body' | 'query' | 'path' | 'header';
}

/** RFC 9457 problem document, with our `code` (and `errors` for validation) as extension members. */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  code: string;
  errors?: ValidationIssue[];
  errorId?: string;
  correlationId?: string;
  [extension: string]: unknown;
}

/** "about:blank" problems take the HTTP reason phrase as title (RFC 9457 §4.2.1). */
export function titleForStatus(status: number): string {
  return STATUS_CODES[status] ?? 'Error';
}

/** NOT_FOUND, UNPROCESSABLE_ENTITY: a machine-readable code for errors that are only a status. */
export function codeForStatus(status: number): string {
  return titleForStatus(status)
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, '_')
    .replace(/^_|_$/g, '');
}

/** Problem type URI for a domain error: stable, not dereferenceable, one per context and code. */
export function problemType(context: string, code: string): string {
  return `urn:careloop:problem:${context}:${code.toLowerCase().replace(/_/g, '-')}`;
}
