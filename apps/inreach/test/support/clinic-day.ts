import { randomUUID } from 'node:crypto';
import { AppointmentModule } from '../../src/appointment/appointment.module';
import { ClientModule } from '../../src/client/client.module';
import { DaySheetModule } from '../../src/day-sheet/day-sheet.module';
import { EvidenceModule } from '../../src/evidence/evidence.module';
import { ReferralModule } from '../../src/referral/referral.module';
import type { SessionView } from '../../src/session/session.dto';
import { WalkInModule } from '../../src/walk-in/walk-in.module';
import type { CoordinatorAtASite } from './coordinator-at-a-site';
import { aServiceBody, aWeeklySeriesBody } from './inreach-fixtures';

/** In-reach's on-the-day modules: the copies of other services' records, the day sheet, walk-ins, evidence. */
export const ON_THE_DAY_MODULES = [
  ClientModule,
  AppointmentModule,
  ReferralModule,
  DaySheetModule,
  WalkInModule,
  EvidenceModule,
];

export interface ClinicWithSessions {
  serviceId: string;
  seriesId: string;
  /** The series' session on a London date. */
  on(date: string): SessionView;
}

/**
 * A service of the coordinator's CDAS (run by `providerOrgId` when given) with a weekly series
 * (aWeeklySeriesBody with `series` overrides: Wednesdays 10:00-13:00 from 2 March 2026) in a room of
 * its own, and its sessions. Call it while the clock is before the sessions wanted.
 */
export async function aClinicWithSessions(
  clinic: CoordinatorAtASite,
  options: { name?: string; providerOrgId?: string; series?: Record<string, unknown> } = {},
): Promise<ClinicWithSessions> {
  const { api, coordinator, siteId } = clinic;
  const name = options.name ?? `Hepatitis C treatment ${randomUUID().slice(0, 6)}`;
  const service = await api.call(coordinator, 'POST', '/inreach/services', {
    ...aServiceBody(siteId, { name }),
    ...(options.providerOrgId ? { providerOrgId: options.providerOrgId } : {}),
  });
  const room = await api.call(coordinator, 'POST', '/inreach/rooms', { siteId, name: `Room for ${name}` });
  const serviceId = service.body['id'] as string;
  const series = await api.call(
    coordinator,
    'POST',
    `/inreach/services/${serviceId}/series`,
    aWeeklySeriesBody(room.body['id'] as string, options.series),
  );
  if (series.status !== 201)
    throw new Error(`The series answered ${series.status}: ${JSON.stringify(series.body)}`);
  const sessions = (
    await api.call<SessionView[]>(
      coordinator,
      'GET',
      `/inreach/sessions?serviceId=${serviceId}&from=2026-01-01&to=2026-03-31`,
    )
  ).body.concat(
    (
      await api.call<SessionView[]>(
        coordinator,
        'GET',
        `/inreach/sessions?serviceId=${serviceId}&from=2026-04-01&to=2026-06-30`,
      )
    ).body,
  );
  return {
    serviceId,
    seriesId: (series.body['series'] as { id: string }).id,
    on(date) {
      const session = sessions.find((s) => s.date === date);
      if (!session) throw new Error(`No session on ${date}`);
      return session;
    },
  };
}

/** Publishes the session (booking would then make its slots). */
export async function published(clinic: CoordinatorAtASite, session: SessionView): Promise<SessionView> {
  const answer = await clinic.api.call<SessionView>(
    clinic.coordinator,
    'POST',
    `/inreach/sessions/${session.id}/publish`,
  );
  if (answer.status !== 200)
    throw new Error(`Publishing answered ${answer.status}: ${JSON.stringify(answer.body)}`);
  return answer.body;
}
