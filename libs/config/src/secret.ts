import { z } from 'zod';

// Schemas produced by secret(). A WeakSet rather than zod metadata because metadata lives on one
// schema instance and is silently lost by a later `.min()`; wrapping in a pipe returns a schema with
// no string refinements, so the compiler forces `secret(...)` to be the last call in the chain.
const secretSchemas = new WeakSet<z.ZodType>();

/** Marks a configuration key as secret: its value is never printed by ConfigError or redactConfig. */
export function secret<T extends z.ZodType>(schema: T) {
  const marked = schema.pipe(z.transform((value: z.output<T>) => value));
  secretSchemas.add(marked);
  return marked;
}

/** True when the field schema, or anything it wraps (optional, default, nullable, pipe), is secret. */
export function isSecretSchema(schema: z.ZodType): boolean {
  if (secretSchemas.has(schema)) return true;
  if (schema instanceof z.ZodOptional || schema instanceof z.ZodNullable || schema instanceof z.ZodDefault) {
    return isSecretSchema(schema.unwrap() as z.ZodType);
  }
  if (schema instanceof z.ZodPipe) return isSecretSchema(schema.in as z.ZodType);
  return false;
}

/** Names of the secret keys of a config schema: objects, and their intersections and unions. */
export function secretKeys(schema: z.ZodType): Set<string> {
  const keys = new Set<string>();
  const visit = (node: z.ZodType): void => {
    if (node instanceof z.ZodObject) {
      for (const [key, field] of Object.entries(node.shape as Record<string, z.ZodType>)) {
        if (isSecretSchema(field)) keys.add(key);
      }
    } else if (node instanceof z.ZodIntersection) {
      visit(node.def.left as z.ZodType);
      visit(node.def.right as z.ZodType);
    } else if (node instanceof z.ZodUnion) {
      for (const option of node.options as readonly z.ZodType[]) visit(option);
    } else if (node instanceof z.ZodPipe) {
      visit(node.in as z.ZodType);
    }
  };
  visit(schema);
  return keys;
}
