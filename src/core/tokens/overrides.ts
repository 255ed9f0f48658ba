// What a pre token generation handler asked for, read from its response in the shape of the
// configured event version. V1_0 reads `claimsOverrideDetails` (ID token only); V2_0/V3_0 read
// `claimsAndScopeOverrideDetails` (both tokens, scopes). The other shape is ignored by Cognito.
import { otherResponseKey, PRE_TOKEN_VERSION_INFO, type PreTokenVersion } from '../cognito.js';

export type ClaimValue = string | number | boolean | unknown[] | Record<string, unknown>;

export interface TokenOverrides {
  claimsToAddOrOverride: Record<string, ClaimValue>;
  claimsToSuppress: string[];
}

export interface HandlerOverrides {
  idToken: TokenOverrides;
  accessToken: TokenOverrides & { scopesToAdd: string[]; scopesToSuppress: string[] };
  /** groupOverrideDetails.groupsToOverride, when given: replaces cognito:groups in both tokens. */
  groupsToOverride?: string[];
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
  const groups = record(details.groupOverrideDetails).groupsToOverride;
  const groupsToOverride = Array.isArray(groups) ? groups.map(String) : undefined;
  if (!customizesAccessToken) {
    return {
      ...empty,
      idToken: tokenOverrides(details),
      ...(groupsToOverride ? { groupsToOverride } : {}),
    };
  }
  const access = record(details.accessTokenGeneration);
  return {
    ...empty,
    idToken: tokenOverrides(record(details.idTokenGeneration)),
    accessToken: { ...tokenOverrides(access), scopesToAdd: strings(access.scopesToAdd), scopesToSuppress: strings(access.scopesToSuppress) },
    ...(groupsToOverride ? { groupsToOverride } : {}),
  };
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
