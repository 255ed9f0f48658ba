// What a pre token generation handler asked for, read from its response in the shape of the
// configured event version. V1_0 reads `claimsOverrideDetails` (ID token only); V2_0/V3_0 read
// `claimsAndScopeOverrideDetails` (both tokens, scopes). The other shape is ignored by Cognito.
import { otherResponseKey, PRE_TOKEN_VERSION_INFO, type PreTokenVersion } from '../cognito.js';

export type ClaimValue = string | number | boolean | unknown[] | Record<string, unknown>;

export interface TokenOverrides {
  claimsToAddOrOverride: Record<string, ClaimValue>;
  claimsToSuppress: string[];
}

export interface GroupOverride {
  groups: string[];
  roles: string[];
  preferredRole?: string;
}

export interface HandlerOverrides {
  idToken: TokenOverrides;
  accessToken: TokenOverrides & { scopesToAdd: string[]; scopesToSuppress: string[] };
  /**
   * groupOverrideDetails, when the answer has one (null included): it replaces the whole group
   * configuration of both tokens, so what it leaves out (groups, roles, preferred role) is removed.
   */
  groupOverride?: GroupOverride;
  /** False when the answer is only in the other version's shape: Cognito ignores it. */
  shapeMatches: boolean;
}

export function readOverrides(version: PreTokenVersion, handlerResult: unknown): HandlerOverrides {
  const response = record(record(handlerResult).response);
  const { responseKey, customizesAccessToken } = PRE_TOKEN_VERSION_INFO[version];
  const own = response[responseKey];
  const other = response[otherResponseKey(version)];
  // Events arrive with an empty object under the version's own key, so a handler that only sets
  // the other key answers { own: {}, other: {...} }: that is the mismatch.
  const shapeMatches = !(isEmpty(own) && !isEmpty(other));
  const details = record(own);
  const empty: HandlerOverrides = {
    idToken: { claimsToAddOrOverride: {}, claimsToSuppress: [] },
    accessToken: { claimsToAddOrOverride: {}, claimsToSuppress: [], scopesToAdd: [], scopesToSuppress: [] },
    shapeMatches,
  };
  const groupOverride = readGroupOverride(details);
  if (!customizesAccessToken) {
    return {
      ...empty,
      idToken: tokenOverrides(details),
      ...(groupOverride ? { groupOverride } : {}),
    };
  }
  const access = record(details.accessTokenGeneration);
  return {
    ...empty,
    idToken: tokenOverrides(record(details.idTokenGeneration)),
    accessToken: { ...tokenOverrides(access), scopesToAdd: strings(access.scopesToAdd), scopesToSuppress: strings(access.scopesToSuppress) },
    ...(groupOverride ? { groupOverride } : {}),
  };
}

function readGroupOverride(details: Record<string, unknown>): GroupOverride | undefined {
  if (!Object.hasOwn(details, 'groupOverrideDetails') || details.groupOverrideDetails === undefined) return undefined;
  const group = record(details.groupOverrideDetails);
  const preferredRole = typeof group.preferredRole === 'string' ? group.preferredRole : undefined;
  return { groups: strings(group.groupsToOverride), roles: strings(group.iamRolesToOverride), ...(preferredRole ? { preferredRole } : {}) };
}

function tokenOverrides(details: Record<string, unknown>): TokenOverrides {
  return { claimsToAddOrOverride: record(details.claimsToAddOrOverride) as Record<string, ClaimValue>, claimsToSuppress: strings(details.claimsToSuppress) };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function isEmpty(value: unknown): boolean {
  return !isRecord(value) || Object.keys(value).length === 0;
}

function record(value: unknown): Record<string, unknown> {
  return isRecord(value) ? value : {};
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.map(String) : [];
}
