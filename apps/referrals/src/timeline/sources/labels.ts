import { words } from '../timeline-source';

const NEED_CATEGORIES: Record<string, string> = {
  respiratory_copd: 'respiratory / COPD',
  hepatitis_c: 'hepatitis C',
  hepatitis_b: 'hepatitis B',
  hiv: 'HIV',
  wound_or_leg_ulcer: 'wound or leg ulcer',
  dvt: 'DVT',
};

const CHECK_TYPES: Record<string, string> = {
  physical_health_check: 'Physical health check',
  hepatitis_c_screen: 'Hepatitis C screen',
  hepatitis_b_screen: 'Hepatitis B screen',
  hiv_screen: 'HIV screen',
};

const DESTINATION_KINDS: Record<string, string> = {
  gp: 'GP',
  outpatient: 'outpatient clinic',
  inreach: 'in-reach clinic',
  other: 'other service',
};

export const needCategoryLabel = (code: string) => NEED_CATEGORIES[code] ?? words(code);
export const checkTypeLabel = (code: string) => CHECK_TYPES[code] ?? words(code);
export const destinationKindLabel = (code: string) => DESTINATION_KINDS[code] ?? words(code);
