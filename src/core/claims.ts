// What a pre token generation trigger may do to each claim: AWS's "Pre token generation Lambda
// trigger" claims table and its footnotes, as one table. The scaffolder's validation (model.ts),
// doctor's handler rules and preview's token model all read it from here.
import type { PreTokenVersion } from './cognito.js';

export type TokenKind = 'id' | 'access';

export interface ClaimRule {
  /** May claimsToAddOrOverride set it: always, never, or in the access token with the app client's id only. */
  add: 'yes' | 'no' | 'access token, app client id only';
  /** May claimsToSuppress remove it. */
  suppress: boolean;
  /** Why, or how it changes instead, for messages. */
  note: string;
}

const PROTECTED: ClaimRule = { add: 'no', suppress: false, note: 'Cognito sets it and a trigger cannot add, override or suppress it' };

/** Claims with a rule of their own. Any other `cognito:` name is protected; `dev:` names can only be suppressed. */
export const CLAIM_RULES: Readonly<Record<string, ClaimRule>> = {
  acr: PROTECTED,
  amr: PROTECTED,
  at_hash: PROTECTED,
  auth_time: PROTECTED,
  azp: PROTECTED,
  client_id: PROTECTED,
  device_key: PROTECTED,
  event_id: PROTECTED,
  exp: PROTECTED,
  iat: PROTECTED,
  identities: PROTECTED,
  iss: PROTECTED,
  jti: PROTECTED,
  nbf: PROTECTED,
  nonce: PROTECTED,
  origin_jti: PROTECTED,
  sub: PROTECTED,
  token_use: PROTECTED,
  username: PROTECTED,
  version: PROTECTED,
  'cognito:username': PROTECTED,
  scope: { add: 'no', suppress: false, note: 'scopes change only through scopesToAdd and scopesToSuppress (V2_0/V3_0)' },
  aud: {
    add: 'access token, app client id only',
    suppress: false,
    note: "it can be added to the access token only with the app client's id as its value; the ID token's aud is Cognito's",
  },
  'cognito:groups': {
    add: 'no',
    suppress: true,
    note: 'change groups with groupOverrideDetails; suppressing cognito:groups also removes cognito:roles and cognito:preferred_role',
  },
  'cognito:roles': { add: 'yes', suppress: false, note: 'it can be set; it goes away when cognito:groups is suppressed' },
  'cognito:preferred_role': { add: 'yes', suppress: false, note: 'it can be set; it goes away when cognito:groups is suppressed' },
};

const COGNITO_PREFIX_RULE: ClaimRule = { ...PROTECTED, note: 'cognito: names belong to Cognito (only cognito:groups, cognito:roles and cognito:preferred_role have other rules)' };
const DEV_PREFIX_RULE: ClaimRule = { add: 'no', suppress: true, note: 'dev: claims can be suppressed but not added or changed' };
const FREE: ClaimRule = { add: 'yes', suppress: true, note: 'a claim of your own' };

export function claimRule(claim: string): ClaimRule {
  // Own properties only: a claim named "constructor" or "__proto__" is an ordinary claim.
  if (Object.hasOwn(CLAIM_RULES, claim)) return CLAIM_RULES[claim]!;
  return claim.startsWith('cognito:') ? COGNITO_PREFIX_RULE : claim.startsWith('dev:') ? DEV_PREFIX_RULE : FREE;
}

/** Whether Cognito takes `claim: value` from claimsToAddOrOverride in this token. */
export function mayAddClaim(claim: string, token: TokenKind, value?: unknown, clientId?: string): boolean {
  const { add } = claimRule(claim);
  if (add === 'access token, app client id only') return token === 'access' && value !== undefined && value === clientId;
  return add === 'yes';
}

/** Whether Cognito takes the claim from claimsToSuppress. */
export function maySuppressClaim(claim: string): boolean {
  return claimRule(claim).suppress;
}

/** Claims that go away with a suppressed one. */
export function suppressedWith(claim: string): string[] {
  return claim === 'cognito:groups' ? ['cognito:roles', 'cognito:preferred_role'] : [];
}

/** The table in one sentence, for error messages. */
export function describeClaimRules(): string {
  const protectedNames = Object.entries(CLAIM_RULES)
    .filter(([, rule]) => rule === PROTECTED)
    .map(([claim]) => claim);
  return (
    `Cognito protects ${protectedNames.join(', ')}, scope and any cognito: name; ` +
    'cognito:groups can only be suppressed, cognito:roles and cognito:preferred_role only set; ' +
    "aud can be added to the access token only as the app client's id; dev: names can only be suppressed."
  );
}

/** ID-token claims that take no JSON object even under V2_0/V3_0. */
const NO_OBJECT_IN_ID_TOKEN = ['email_verified', 'phone_number_verified', 'updated_at', 'address'];

/**
 * Why Cognito does not take this value for the claim, or undefined when it does. V1_0 takes
 * strings only; V2_0/V3_0 take strings, numbers, booleans, arrays and JSON objects (no object for
 * a few standard ID-token claims).
 */
export function claimValueProblem(version: PreTokenVersion, token: TokenKind, claim: string, value: unknown): string | undefined {
  if (version === 'V1_0') return typeof value === 'string' ? undefined : `V1_0 takes string values only, got ${describeValue(value)}`;
  if (value === null || value === undefined) return `a claim value cannot be ${String(value)}`;
  const isObject = typeof value === 'object' && !Array.isArray(value);
  if (isObject && token === 'id' && NO_OBJECT_IN_ID_TOKEN.includes(claim)) return `${claim} cannot be a JSON object in the ID token`;
  return undefined;
}

function describeValue(value: unknown): string {
  if (Array.isArray(value)) return 'an array';
  if (value === null) return 'null';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}
