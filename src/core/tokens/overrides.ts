// What a pre token generation handler asked for, read from its response in the shape of the
// configured event version. V1_0 reads `claimsOverrideDetails` (ID token only); V2_0/V3_0 read
// `claimsAndScopeOverrideDetails` (both tokens, scopes). The other shape is ignored by Cognito.
import type { PreTokenVersion } from '../cognito.js';

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

const V1_KEY = 'claimsOverrideDetails';
const V2_KEY = 'claimsAndScopeOverrideDetails';

export function responseKeyFor(version: PreTokenVersion): string {
  return version === 'V1_0' ? V1_KEY : V2_KEY;
}

export function readOverrides(version: PreTokenVersion, handlerResult: unknown): HandlerOverrides {
  const response = record(record(handlerResult).response);
  const own = response[responseKeyFor(version)];
  const other = response[version === 'V1_0' ? V2_KEY : V1_KEY];
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
  if (version === 'V1_0') {
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
  if (!('groupOverrideDetails' in details) || details.groupOverrideDetails === undefined) return undefined;
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
