import { z } from 'zod';

/**
 * A path parameter's schema whose issues carry the parameter's name, so a 400 says which part of
 * the path was wrong ("needId: Invalid UUID"). Work-around: @careloop/http's SchemaValidationPipe
 * reports a scalar parameter's issues with an empty path; once it fills in the name, drop this.
 */
export function namedParam<T extends z.ZodType>(name: string, schema: T) {
  return z.unknown().transform((value, ctx): z.output<T> => {
    const parsed = schema.safeParse(value);
    if (parsed.success) return parsed.data;
    for (const issue of parsed.error.issues) {
      ctx.addIssue({ code: 'custom', message: issue.message, path: [name, ...issue.path] });
    }
    return z.NEVER;
  });
}
