/** The recalled checks a CDAS runs at intervals: a physical health check and blood-borne virus screens. */
export const CHECK_TYPES = [
  'physical_health_check',
  'hepatitis_c_screen',
  'hepatitis_b_screen',
  'hiv_screen',
] as const;
export type CheckType = (typeof CHECK_TYPES)[number];

export interface CheckPolicy {
  checkType: CheckType;
  applies: boolean;
  intervalMonths: number;
}

/**
 * Used until an organisation sets its own: every service checks physical health and screens for
 * hepatitis C; hepatitis B and HIV screening are offered only by some services, so they start off.
 */
export const DEFAULT_POLICY: Readonly<Record<CheckType, CheckPolicy>> = {
  physical_health_check: { checkType: 'physical_health_check', applies: true, intervalMonths: 12 },
  hepatitis_c_screen: { checkType: 'hepatitis_c_screen', applies: true, intervalMonths: 12 },
  hepatitis_b_screen: { checkType: 'hepatitis_b_screen', applies: false, intervalMonths: 12 },
  hiv_screen: { checkType: 'hiv_screen', applies: false, intervalMonths: 12 },
};
