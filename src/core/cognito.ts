// Cognito facts that are not about one trigger: plans, threat protection, attribute limits.
// Every rule that validation enforces reads from here (what a trigger may do to each claim: claims.ts).

export const PRE_TOKEN_VERSIONS = ['V1_0', 'V2_0', 'V3_0'] as const;
export type PreTokenVersion = (typeof PRE_TOKEN_VERSIONS)[number];

/** What one pre token generation event version is: every rule and template about versions reads it here. */
export interface PreTokenVersionInfo {
  /** The event's `version` field as Cognito sends it. */
  eventVersion: '1' | '2' | '3';
  /** Where Cognito reads the answer (`event.response[responseKey]`); it ignores the other version's key. */
  responseKey: 'claimsOverrideDetails' | 'claimsAndScopeOverrideDetails';
  /** The answer's type, declared in the generated handler and used as its return type. */
  responseType: 'ClaimsOverrideResponse' | 'ClaimsAndScopeOverrideResponse';
  /** Whether it can change the access token's claims and scopes (V1_0: the ID token only). */
  customizesAccessToken: boolean;
  /** Whether machine-to-machine (client credentials) token requests reach the trigger too. */
  clientCredentials: boolean;
  /** The lowest feature plan that allows it. */
  minimumPlan: FeaturePlan;
  /** What it customizes, in words (prompts, generated README and comments). */
  customizes: string;
}

export const PRE_TOKEN_VERSION_INFO: Record<PreTokenVersion, PreTokenVersionInfo> = {
  V1_0: {
    eventVersion: '1',
    responseKey: 'claimsOverrideDetails',
    responseType: 'ClaimsOverrideResponse',
    customizesAccessToken: false,
    clientCredentials: false,
    minimumPlan: 'LITE',
    customizes: 'the ID token only (claims, groups)',
  },
  V2_0: {
    eventVersion: '2',
    responseKey: 'claimsAndScopeOverrideDetails',
    responseType: 'ClaimsAndScopeOverrideResponse',
    customizesAccessToken: true,
    clientCredentials: false,
    minimumPlan: 'ESSENTIALS',
    customizes: 'ID and access tokens (claims, scopes, groups)',
  },
  V3_0: {
    eventVersion: '3',
    responseKey: 'claimsAndScopeOverrideDetails',
    responseType: 'ClaimsAndScopeOverrideResponse',
    customizesAccessToken: true,
    clientCredentials: true,
    minimumPlan: 'ESSENTIALS',
    customizes: 'ID and access tokens, machine-to-machine access tokens too',
  },
};

/**
 * The version Amplify's `defineAuth` attaches pre token generation as (it calls CDK's addTrigger
 * without one): any other version must be attached in backend.ts.
 */
export const DEFINE_AUTH_PRE_TOKEN_VERSION: PreTokenVersion = 'V1_0';

export type ResponseKey = PreTokenVersionInfo['responseKey'];

/** Every response key, once: V1_0's and V2_0/V3_0's. */
export const RESPONSE_KEYS: readonly ResponseKey[] = [...new Set(PRE_TOKEN_VERSIONS.map((version) => PRE_TOKEN_VERSION_INFO[version].responseKey))];

/** The response key Cognito ignores for this version: the other versions' shape. */
export function otherResponseKey(version: PreTokenVersion): ResponseKey {
  return RESPONSE_KEYS.find((key) => key !== PRE_TOKEN_VERSION_INFO[version].responseKey)!;
}

/** The versions whose answer is read from this response key, e.g. "V2_0/V3_0". */
export function versionsAnsweringWith(responseKey: ResponseKey): PreTokenVersion[] {
  return PRE_TOKEN_VERSIONS.filter((version) => PRE_TOKEN_VERSION_INFO[version].responseKey === responseKey);
}

export function isPreTokenVersion(value: unknown): value is PreTokenVersion {
  return (PRE_TOKEN_VERSIONS as readonly unknown[]).includes(value);
}

export const FEATURE_PLANS = ['LITE', 'ESSENTIALS', 'PLUS'] as const;
export type FeaturePlan = (typeof FEATURE_PLANS)[number];

/** What each plan adds over the one below it; higher plans cost more per monthly active user. */
export const FEATURE_PLAN_INFO: Record<FeaturePlan, { unlocks: string }> = {
  LITE: { unlocks: 'sign-in, pre token generation V1_0 (ID token only)' },
  ESSENTIALS: { unlocks: 'access-token customization (V2_0/V3_0), passwordless, managed login' },
  PLUS: { unlocks: 'ESSENTIALS plus threat protection (risk detection)' },
};

export const THREAT_PROTECTION_MODES = ['OFF', 'AUDIT', 'ENFORCED'] as const;
export type ThreatProtectionMode = (typeof THREAT_PROTECTION_MODES)[number];

export const THREAT_PROTECTION_INFO: Record<ThreatProtectionMode, { means: string }> = {
  OFF: { means: 'no risk detection' },
  AUDIT: { means: 'detect and log risky sign-ins, block nothing' },
  ENFORCED: { means: 'detect risky sign-ins and act on them (MFA or block)' },
};

/** Threat protection (UserPoolAddOns.AdvancedSecurityMode) other than OFF needs this plan. */
export const PLAN_FOR_THREAT_PROTECTION: FeaturePlan = 'PLUS';

/**
 * Pool features that a plan gates, besides the pre token generation versions above: a pool on a
 * lower plan fails to deploy ("The following features need to be disabled for the LITE pricing
 * tier configured: …"). Each names the AWS::Cognito::UserPool property that turns it on.
 */
export const PLAN_GATED_FEATURES = {
  passwordless: {
    name: 'passwordless sign-in (email or SMS one-time codes)',
    plan: 'ESSENTIALS',
    property: 'Policies.SignInPolicy.AllowedFirstAuthFactors EMAIL_OTP or SMS_OTP',
  },
  passkeys: { name: 'passkeys (WebAuthn)', plan: 'ESSENTIALS', property: 'Policies.SignInPolicy.AllowedFirstAuthFactors WEB_AUTHN' },
  emailMfa: { name: 'email MFA', plan: 'ESSENTIALS', property: 'EnabledMfas EMAIL_OTP' },
  threatProtection: {
    name: 'threat protection for password and SRP sign-ins',
    plan: PLAN_FOR_THREAT_PROTECTION,
    property: 'UserPoolAddOns.AdvancedSecurityMode AUDIT or ENFORCED',
  },
  customAuthThreatProtection: {
    name: 'threat protection for custom-auth sign-ins',
    plan: PLAN_FOR_THREAT_PROTECTION,
    property: 'UserPoolAddOns.AdvancedSecurityAdditionalFlows.CustomAuthMode',
  },
} as const satisfies Record<string, { name: string; plan: FeaturePlan; property: string }>;
export type PlanGatedFeature = keyof typeof PLAN_GATED_FEATURES;

/**
 * The custom authentication triggers. Threat protection (AdvancedSecurityMode) covers password and
 * SRP sign-ins only; custom-auth sign-ins need AdvancedSecurityAdditionalFlows.CustomAuthMode too.
 */
export const CUSTOM_AUTH_TRIGGERS = ['defineAuthChallenge', 'createAuthChallenge', 'verifyAuthChallengeResponse'] as const;

export function planAllows(plan: FeaturePlan, needed: FeaturePlan): boolean {
  return FEATURE_PLANS.indexOf(plan) >= FEATURE_PLANS.indexOf(needed);
}

export const ATTRIBUTE_TYPES = ['String', 'Number', 'Boolean', 'DateTime'] as const;
export type AttributeType = (typeof ATTRIBUTE_TYPES)[number];

export const MAX_CUSTOM_ATTRIBUTES = 50;
export const MAX_ATTRIBUTE_NAME_LENGTH = 20;
export const MAX_STRING_ATTRIBUTE_LENGTH = 2048;

/**
 * Characters Cognito allows in a custom attribute name, less the two that our
 * `name:Type` and comma-list syntax use as separators.
 */
export const ATTRIBUTE_NAME_PATTERN = /^[\p{L}\p{M}\p{S}\p{N}\p{P}]+$/u;
export const ATTRIBUTE_NAME_FORBIDDEN = /[:,]/;

/**
 * Standard attributes an app client may be allowed to write. The generated client lists these
 * plus the custom attributes that feed no claim, so sign-up and profile updates keep working.
 */
export const WRITABLE_STANDARD_ATTRIBUTES = [
  'address',
  'birthdate',
  'email',
  'family_name',
  'gender',
  'given_name',
  'locale',
  'middle_name',
  'name',
  'nickname',
  'phone_number',
  'picture',
  'preferred_username',
  'profile',
  'updated_at',
  'website',
  'zoneinfo',
] as const;

/**
 * Every standard attribute, as a pool's Schema names it: the writable ones above, plus `sub` and
 * the verification flags. Any other name in a Schema is a custom attribute.
 */
export const STANDARD_ATTRIBUTES = [...WRITABLE_STANDARD_ATTRIBUTES, 'email_verified', 'phone_number_verified', 'sub'] as const;
export type StandardAttribute = (typeof STANDARD_ATTRIBUTES)[number];

/**
 * A claim name this tool writes (suppressed claims): printable characters, as for attribute names,
 * so no spaces, line breaks, control or format characters; and no ",", which separates list items.
 */
export const CLAIM_NAME_PATTERN = /^[\p{L}\p{M}\p{S}\p{N}\p{P}]+$/u;
export const CLAIM_NAME_FORBIDDEN = /,/;

/** OAuth scope token characters (RFC 6749 §3.3). */
export const SCOPE_PATTERN = /^[\x21\x23-\x5b\x5d-\x7e]+$/;
