export * from './appointment-values';
export * from './appointment-booked.v1';
export * from './appointment-rescheduled.v1';
export * from './appointment-cancelled.v1';
export * from './appointment-attendance-recorded.v1';
export * from './appointment-outcome-overdue.v1';
export * from './appointment-held.v1';
export * from './appointment-hold-ended.v1';
