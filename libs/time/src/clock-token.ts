/** Nest injection token for the {@link Clock}: the system clock in services, a manual one in tests. */
export const CLOCK = Symbol('CLOCK');
