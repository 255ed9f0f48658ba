// One thing doctor found: what, where, what happens because of it, and how to fix it.
export type Severity = 'error' | 'warning';

export interface Finding {
  /** Stable id, for tools and for looking it up in the README. */
  id: FindingId;
  severity: Severity;
  /** The CloudFormation resource (logical id, and property path where it helps) it concerns. */
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
  'threat-protection-plan',
  'plan-not-explicit',
  'handler-response-shape',
  'handler-failed',
  'claim-from-writable-attribute',
  'reserved-claim',
  'data-claim-not-in-access-token',
  'data-tenant-reassignable',
] as const;
export type FindingId = (typeof FINDING_IDS)[number];
