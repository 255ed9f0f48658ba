// One thing doctor found: what, where, what happens because of it, and how to fix it.
export type Severity = 'error' | 'warning';

export interface Finding {
  /** Stable id, for tools and for looking it up in the README. */
  id: FindingId;
  severity: Severity;
  /** The CloudFormation resource it concerns, as `<stack>/<logical id>` (plus a property path where it helps). */
  resource: string;
  /** What goes wrong, and when: at deployment or at sign-in. */
  problem: string;
  fix: string;
}

export const FINDING_IDS = [
  'pre-token-config-incomplete',
  'pre-token-legacy-mismatch',
  'trigger-not-in-lambda-config',
  'trigger-permission-missing',
  'trigger-permission-unscoped',
  'plan-too-low-for-version',
  'plan-too-low-for-feature',
  'threat-protection-plan',
  'threat-protection-custom-auth',
  'plan-not-explicit',
  'handler-response-shape',
  'handler-failed',
  'claim-from-writable-attribute',
  'reserved-claim',
  'claim-value-not-accepted',
  'data-claim-not-in-access-token',
  'data-tenant-reassignable',
] as const;
export type FindingId = (typeof FINDING_IDS)[number];

/** The rules that need the pre token generation handler's answers. */
export const HANDLER_RULE_IDS = [
  'handler-response-shape',
  'handler-failed',
  'claim-from-writable-attribute',
  'reserved-claim',
  'claim-value-not-accepted',
] as const satisfies readonly FindingId[];

/** Rules doctor could not apply, and why: reported, so a clean report is not mistaken for a checked one. */
export interface NotChecked {
  rules: readonly FindingId[];
  resource: string;
  reason: string;
}
