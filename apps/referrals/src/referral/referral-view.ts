import type { ReferralStatusChangeView, ReferralView } from './referral.dto';
import type { Referral } from './referral.entity';
import type { ReferralStatusChange } from './referral-status-change.entity';
import { staffActionsFrom } from './lifecycle/referral-lifecycle';
import { isOverdue } from './overdue';

/** A referral as the API shows it; with its history (and what staff may do next) when read alone. */
export function toReferralView(r: Referral, now: Date, history?: ReferralStatusChange[]): ReferralView {
  return {
    id: r.id,
    clientId: r.clientId,
    needId: r.needId,
    destinationKind: r.destinationKind,
    destinationName: r.destinationName,
    inreachServiceId: r.inreachServiceId,
    urgency: r.urgency,
    reason: r.reason,
    accompaniment: r.accompaniment,
    status: r.status,
    statusChangedAt: r.statusChangedAt.toISOString(),
    overdue: isOverdue(r, now),
    createdBy: r.createdBy,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
    version: r.version,
    ...(history
      ? { history: history.map(toStatusChangeView), availableActions: staffActionsFrom(r.status) }
      : {}),
  };
}

function toStatusChangeView(c: ReferralStatusChange): ReferralStatusChangeView {
  return {
    fromStatus: c.fromStatus,
    toStatus: c.toStatus,
    action: c.action,
    reason: c.reason,
    appointmentId: c.appointmentId,
    source: c.source,
    changedBy: c.changedBy,
    changedAt: c.changedAt.toISOString(),
  };
}
