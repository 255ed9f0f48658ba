// The options every front end collects (flags, --config file, prompts, projen), before validation.
// Lists may be comma-separated strings or arrays; validation normalizes both.

export interface RawOptions {
  /** Project directory name; also the package name. */
  projectName?: string;
  triggers?: string | string[];
  preTokenVersion?: string;
  featurePlan?: string;
  threatProtection?: string;
  /** `name:Type[:immutable][:min-max]` specs. */
  attributes?: string | string[];
  idTokenClaims?: string | string[];
  accessTokenClaims?: string | string[];
  suppressClaims?: string | string[];
  /** OAuth scopes added to access tokens (V2_0/V3_0). */
  scopesToAdd?: string | string[];
  /**
   * The custom attribute whose access-token claim partitions Amplify Data (one tenant per user);
   * empty for none.
   */
  tenantClaim?: string;
}

/** The option keys, in the order the interactive session asks them. */
export const OPTION_KEYS = [
  'projectName',
  'triggers',
  'preTokenVersion',
  'featurePlan',
  'threatProtection',
  'attributes',
  'idTokenClaims',
  'accessTokenClaims',
  'suppressClaims',
  'scopesToAdd',
  'tenantClaim',
] as const satisfies readonly (keyof RawOptions)[];

export const DEFAULTS = {
  projectName: 'amplify-token-app',
  triggers: ['preSignUp', 'preTokenGeneration'],
  preTokenVersion: 'V2_0',
  featurePlan: 'ESSENTIALS',
  threatProtection: 'OFF',
  attributes: ['tenant_id:String'],
} as const;

/** Bad input: the message names the value and what is allowed. */
export class OptionsError extends Error {
  override name = 'OptionsError';
}

export function splitList(value: string | string[] | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  const items = Array.isArray(value) ? value : value.split(',');
  return items.map((item) => String(item).trim()).filter((item) => item !== '');
}
