/**
 * Who sets up in-reach services, rooms, series and sessions, always for their own CDAS: its in-reach
 * coordinators, service managers and administrators. Any member of its staff may read them.
 */
export const INREACH_MANAGERS = ['inreach_coordinator', 'service_manager', 'admin'] as const;
