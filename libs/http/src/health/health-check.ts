/** One dependency readiness depends on. `check` resolves when it is usable and rejects otherwise. */
export interface HealthCheck {
  name: string;
  check(): Promise<void>;
}

/**
 * Token apps provide their checks under. Nest has no multi-providers, so each module may provide
 * this token once, with one check or an array, and HealthModule gathers them from every module:
 *
 *   { provide: HEALTH_CHECKS, inject: [DataSource], useFactory: (db: DataSource): HealthCheck =>
 *       ({ name: 'database', check: async () => { await db.query('select 1'); } }) }
 */
export const HEALTH_CHECKS = Symbol('HEALTH_CHECKS');

export type HealthChecksProvision = HealthCheck | readonly HealthCheck[];

export const HEALTH_OPTIONS = Symbol('HEALTH_OPTIONS');

export interface HealthModuleOptions {
  /** Per check; checks run in parallel. Default 2000. */
  timeoutMs?: number;
}
