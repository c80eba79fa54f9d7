/** Postgres codes of the constraints in-reach answers with a domain error. */
export const UNIQUE_VIOLATION = '23505';
export const EXCLUSION_VIOLATION = '23P01';

/** True when Postgres refused a statement with `code` on the named constraint (TypeORM wraps the driver's error). */
export function violates(error: unknown, code: string, constraint: string): boolean {
  const e = error as {
    code?: unknown;
    constraint?: unknown;
    driverError?: { code?: unknown; constraint?: unknown };
  } | null;
  return (
    (e?.driverError?.code ?? e?.code) === code && (e?.driverError?.constraint ?? e?.constraint) === constraint
  );
}
