import type { EntityManager } from 'typeorm';
import { CHECK_TYPES, DEFAULT_POLICY } from './check-type';
import type { CheckPolicyView } from './recall.dto';
import { RecallPolicy } from './recall-policy.entity';

/** The organisation's recall policy for every check type: its own setting, else the default. */
export async function loadRecallPolicy(manager: EntityManager, orgId: string): Promise<CheckPolicyView[]> {
  const rows = await manager.findBy(RecallPolicy, { orgId });
  return CHECK_TYPES.map((checkType) => {
    const own = rows.find((r) => r.checkType === checkType);
    return own
      ? { checkType, applies: own.applies, intervalMonths: own.intervalMonths, isDefault: false }
      : { ...DEFAULT_POLICY[checkType], isDefault: true };
  });
}
