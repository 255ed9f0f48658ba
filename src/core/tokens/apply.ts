// Cognito's rules for a pre token generation response, applied to the standard claims:
// claims are added or overridden, a claim both overridden and suppressed is suppressed, reserved
// claims stay as Cognito set them, groupOverrideDetails replaces cognito:groups in both tokens,
// scopes are added then suppressed. V1_0 changes the ID token only (readOverrides leaves the
// access token empty for it).
import { isReservedClaim } from '../cognito.js';
import type { HandlerOverrides, TokenOverrides } from './overrides.js';

export type ClaimChange = 'added' | 'overridden' | 'suppressed' | 'ignored (reserved)';

export interface TokenPreview {
  payload: Record<string, unknown>;
  /** Claims the trigger changed (or tried to), and how. */
  changes: Record<string, ClaimChange>;
}

export function applyOverrides(
  standard: { idToken: Record<string, unknown>; accessToken: Record<string, unknown> },
  overrides: HandlerOverrides,
): { idToken: TokenPreview; accessToken: TokenPreview } {
  const idToken = applyClaims(standard.idToken, overrides.idToken, overrides.groupsToOverride);
  const accessToken = applyClaims(standard.accessToken, overrides.accessToken, overrides.groupsToOverride);
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

function applyClaims(standard: Record<string, unknown>, overrides: TokenOverrides, groups: string[] | undefined): TokenPreview {
  // Claim names come from the handler. Records without a prototype keep any name an ordinary
  // claim: on a plain object, payload['__proto__'] = v would set the prototype, and `in` would
  // find "constructor" or "toString" there before the handler added them.
  const payload: Record<string, unknown> = Object.assign(Object.create(null), standard);
  const changes: Record<string, ClaimChange> = Object.create(null);
  for (const [claim, value] of Object.entries(overrides.claimsToAddOrOverride)) {
    if (isReservedClaim(claim)) {
      changes[claim] = 'ignored (reserved)';
      continue;
    }
    changes[claim] = claim in payload ? 'overridden' : 'added';
    payload[claim] = value;
  }
  if (groups !== undefined) {
    if (groups.length > 0) payload['cognito:groups'] = groups;
    else delete payload['cognito:groups'];
    changes['cognito:groups'] = 'overridden';
  }
  // Suppression wins over an override of the same claim.
  for (const claim of overrides.claimsToSuppress) {
    if (isReservedClaim(claim)) {
      changes[claim] = 'ignored (reserved)';
      continue;
    }
    if (claim in payload || claim in changes) {
      delete payload[claim];
      changes[claim] = 'suppressed';
    }
  }
  return { payload, changes };
}
