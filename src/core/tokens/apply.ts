// Cognito's rules for a pre token generation response, applied to the standard claims (the
// claims table is claims.ts): claims are added or overridden where Cognito allows it and with
// values it takes, a claim both overridden and suppressed is suppressed, groupOverrideDetails
// replaces the group configuration of both tokens (V1_0 too: the one change V1_0 makes to the
// access token), scopes are added then suppressed. V1_0 changes no other access-token claim
// (readOverrides leaves the access token empty for it).
import { claimValueProblem, mayAddClaim, maySuppressClaim, suppressedWith, type TokenKind } from '../claims.js';
import type { PreTokenVersion } from '../cognito.js';
import type { GroupOverride, HandlerOverrides, TokenOverrides } from './overrides.js';

export type ClaimChange = 'added' | 'overridden' | 'suppressed' | 'ignored (reserved)' | 'ignored (value not accepted)';

export interface TokenPreview {
  payload: Record<string, unknown>;
  /** Claims the trigger changed (or tried to), and how. */
  changes: Record<string, ClaimChange>;
}

export interface ApplyContext {
  version: PreTokenVersion;
  /** The app client the tokens are for: `aud` may be added to the access token with this value. */
  clientId: string;
}

export function applyOverrides(
  standard: { idToken: Record<string, unknown>; accessToken: Record<string, unknown> },
  overrides: HandlerOverrides,
  context: ApplyContext,
): { idToken: TokenPreview; accessToken: TokenPreview } {
  const idToken = applyClaims('id', standard.idToken, overrides.idToken, overrides.groupOverride, context);
  const accessToken = applyClaims('access', standard.accessToken, overrides.accessToken, overrides.groupOverride, context);
  const { scopesToAdd, scopesToSuppress } = overrides.accessToken;
  if (scopesToAdd.length > 0 || scopesToSuppress.length > 0) {
    const before = String(accessToken.payload.scope ?? '').split(' ').filter(Boolean);
    const after = [...new Set([...before, ...scopesToAdd])].filter((scope) => !scopesToSuppress.includes(scope));
    if (after.join(' ') !== before.join(' ')) {
      accessToken.payload.scope = after.join(' ');
      accessToken.changes.scope = 'overridden';
    }
  }
  return { idToken, accessToken };
}

function applyClaims(
  token: TokenKind,
  standard: Record<string, unknown>,
  overrides: TokenOverrides,
  group: GroupOverride | undefined,
  context: ApplyContext,
): TokenPreview {
  // Claim names come from the handler. Records without a prototype keep any name an ordinary
  // claim: on a plain object, payload['__proto__'] = v would set the prototype, and `in` would
  // find "constructor" or "toString" there before the handler added them.
  const payload: Record<string, unknown> = Object.assign(Object.create(null), standard);
  const changes: Record<string, ClaimChange> = Object.create(null);
  for (const [claim, value] of Object.entries(overrides.claimsToAddOrOverride)) {
    if (!mayAddClaim(claim, token, value, context.clientId)) {
      changes[claim] = 'ignored (reserved)';
      continue;
    }
    if (claimValueProblem(context.version, token, claim, value)) {
      changes[claim] = 'ignored (value not accepted)';
      continue;
    }
    changes[claim] = claim in payload ? 'overridden' : 'added';
    payload[claim] = value;
  }
  if (group) replaceGroupConfiguration(payload, changes, group);
  // Suppression wins over an override of the same claim.
  for (const claim of overrides.claimsToSuppress) {
    if (!maySuppressClaim(claim)) {
      changes[claim] = 'ignored (reserved)';
      continue;
    }
    for (const gone of [claim, ...suppressedWith(claim)]) {
      if (gone in payload || gone in changes) {
        delete payload[gone];
        changes[gone] = 'suppressed';
      }
    }
  }
  return { payload, changes };
}

/** A group override replaces all three group claims: what it leaves empty is removed. */
function replaceGroupConfiguration(payload: Record<string, unknown>, changes: Record<string, ClaimChange>, group: GroupOverride): void {
  const replaced: [string, unknown][] = [
    ['cognito:groups', group.groups.length > 0 ? group.groups : undefined],
    ['cognito:roles', group.roles.length > 0 ? group.roles : undefined],
    ['cognito:preferred_role', group.preferredRole],
  ];
  for (const [claim, value] of replaced) {
    const had = claim in payload;
    if (value === undefined) {
      if (!had) continue;
      delete payload[claim];
      changes[claim] = 'suppressed';
    } else if (JSON.stringify(payload[claim]) !== JSON.stringify(value)) {
      changes[claim] = had ? 'overridden' : 'added';
      payload[claim] = value;
    }
  }
}
