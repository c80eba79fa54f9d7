import {
  StandardSchemaValidationPipe,
  type ArgumentMetadata,
  type StandardSchemaValidationPipeOptions,
} from '@nestjs/common';
import type { ValidationIssue } from './problem-details';
import { RequestValidationError } from './request-validation-error';

const locationOf: Partial<Record<ArgumentMetadata['type'], ValidationIssue['in']>> = {
  body: 'body',
  query: 'query',
  param: 'path',
};

// The Standard Schema issue type, taken from Nest's pipe options rather than a direct dependency.
type SchemaIssues = Parameters<NonNullable<StandardSchemaValidationPipeOptions['exceptionFactory']>>[0];

function toIssues(issues: SchemaIssues): ValidationIssue[] {
  return issues.map((issue) => ({
    path: (issue.path ?? [])
      .map((segment) => String(typeof segment === 'object' ? segment.key : segment))
      .join('.'),
    message: issue.message,
  }));
}

/**
 * Nest 12's Standard Schema pipe, which zod 4 schemas satisfy, answering with our validation
 * problem. Handlers declare the schema on the parameter and get the parsed, typed value:
 *
 *   create(@Body({ schema: CreateReferral }) body: z.output<typeof CreateReferral>)
 *
 * Installed globally by configureHttpApp; a parameter with no schema passes through untouched.
 */
export class SchemaValidationPipe extends StandardSchemaValidationPipe {
  constructor() {
    super({ exceptionFactory: (issues) => new RequestValidationError(toIssues(issues)) });
  }

  override async transform<T>(value: T, metadata: ArgumentMetadata): Promise<T> {
    try {
      return await super.transform(value, metadata);
    } catch (error) {
      const where = locationOf[metadata.type];
      if (error instanceof RequestValidationError && where) {
        // A single named parameter (`@Param('id', { schema })`) fails at the root: name it.
        const named = (path: string) => (path === '' && metadata.data ? metadata.data : path);
        throw new RequestValidationError(
          error.issues.map((issue) => ({ ...issue, path: named(issue.path), in: where })),
        );
      }
      throw error;
    }
  }
}
