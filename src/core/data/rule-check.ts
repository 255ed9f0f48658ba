// Amplify Data rules against a user's tokens. AppSync authorizes a user-pool request with the
// token the client sends, and Amplify JS v6 sends the access token: a rule that compares a claim
// the access token does not carry never matches, whatever the ID token holds.
import { claimsRead, type DataRule, describeRule, type Operation, OPERATIONS, ruleLocation, shown } from './auth-rules.js';

export interface SignInTokens {
  /** Null for a machine (client credentials) token. */
  idToken: Record<string, unknown> | null;
  accessToken: Record<string, unknown>;
}

/**
 * Whether a token carries a claim. cognito:groups counts as carried (Cognito adds it to both
 * tokens whenever the user is in a group); username and cognito:username name one value, which
 * Amplify's resolvers read under either name.
 */
export function carries(token: Record<string, unknown> | null, claim: string): boolean {
  if (!token) return false;
  if (claim === 'cognito:groups') return true;
  if (claim === 'username' || claim === 'cognito:username') return 'username' in token || 'cognito:username' in token;
  return claim in token;
}

export interface ClaimGap {
  claim: string;
  /** The rules that read it. */
  rules: DataRule[];
  /** The ID token carries it (so the rule would match if the client sent that token instead). */
  inIdToken: boolean;
}

/** Claims user-pool rules compare that the access token does not carry, one entry per claim. */
export function claimsMissingFromAccessToken(rules: DataRule[], tokens: SignInTokens): ClaimGap[] {
  const gaps = new Map<string, ClaimGap>();
  for (const rule of rules) {
    for (const claim of claimsRead(rule)) {
      if (carries(tokens.accessToken, claim)) continue;
      const gap = gaps.get(claim) ?? { claim, rules: [], inIdToken: carries(tokens.idToken, claim) };
      gap.rules.push(rule);
      gaps.set(claim, gap);
    }
  }
  return [...gaps.values()];
}

export type Verdict = 'allowed' | 'own records' | 'denied';

export interface RuleVerdict {
  /** Model, or model.field for a field with its own rules. */
  location: string;
  operation: Operation;
  verdict: Verdict;
  /** Why: the rules that grant it (and on which records), or why each one does not. */
  because: string[];
}

/**
 * For a user-pool sign-in with this access token: may the user perform each operation on each
 * model (and on each field that has rules of its own)? Owner and dynamic-group rules allow it on
 * the records whose field matches the token ("own records").
 */
export function dataRuleVerdicts(rules: DataRule[], accessToken: Record<string, unknown>): RuleVerdict[] {
  const locations = [...new Set(rules.map(ruleLocation))];
  const verdicts: RuleVerdict[] = [];
  for (const location of locations) {
    const here = rules.filter((rule) => ruleLocation(rule) === location);
    for (const operation of OPERATIONS) {
      const granting = here.filter((rule) => rule.operations.includes(operation));
      if (granting.length === 0) {
        verdicts.push({ location, operation, verdict: 'denied', because: [`no rule grants ${operation}`] });
        continue;
      }
      const outcomes = granting.map((rule) => outcomeFor(rule, operation, accessToken));
      const verdict: Verdict = outcomes.some((outcome) => outcome.verdict === 'allowed')
        ? 'allowed'
        : outcomes.some((outcome) => outcome.verdict === 'own records')
          ? 'own records'
          : 'denied';
      const because = outcomes.filter((outcome) => verdict === 'denied' || outcome.verdict === verdict).map((outcome) => outcome.because);
      verdicts.push({ location, operation, verdict, because });
    }
  }
  return verdicts;
}

function outcomeFor(rule: DataRule, operation: Operation, token: Record<string, unknown>): { verdict: Verdict; because: string } {
  const rule_ = describeRule(rule);
  if (rule.provider !== 'userPools') {
    return { verdict: 'denied', because: `${rule_}: for ${PROVIDER_REQUESTS[rule.provider] ?? `${shown(rule.provider)} requests`}, not a user-pool sign-in` };
  }
  const missing = claimsRead(rule).filter((claim) => !carries(token, claim));
  if (missing.length > 0) return { verdict: 'denied', because: `${rule_}: the access token has no ${missing.map(shown).join(' or ')} claim` };
  if (rule.allow === 'private') return { verdict: 'allowed', because: `${rule_}: any signed-in user` };
  if (rule.allow === 'owner') {
    const value = claimsRead(rule).map((claim) => String(claimValue(token, claim))).join('::');
    const field = rule.ownerField ?? 'owner';
    const which = rule.ownersList ? `records whose ${shown(field)} lists ${JSON.stringify(value)}` : `records whose ${shown(field)} is ${JSON.stringify(value)}`;
    const filled = operation === 'create' && !rule.ownersList ? ` (or left out: filled from the token)` : '';
    return { verdict: 'own records', because: `${rule_}: ${which}${filled}` };
  }
  if (rule.allow === 'groups') {
    const claim = rule.groupClaim ?? 'cognito:groups';
    const held = groupsIn(claimValue(token, claim));
    if (rule.groupsField) {
      return held.length > 0
        ? { verdict: 'own records', because: `${rule_}: records whose ${shown(rule.groupsField)} holds ${held.map((group) => JSON.stringify(group)).join(' or ')}` }
        : { verdict: 'denied', because: `${rule_}: the user is in no group (${shown(claim)} empty)` };
    }
    const shared = (rule.groups ?? []).filter((group) => held.includes(group));
    return shared.length > 0
      ? { verdict: 'allowed', because: `${rule_}: the user is in ${shared.map(shown).join(', ')}` }
      : { verdict: 'denied', because: `${rule_}: the user is not in ${(rule.groups ?? []).map(shown).join(' or ')} (${shown(claim)}: ${held.map(shown).join(', ') || 'none'})` };
  }
  return { verdict: 'denied', because: `${rule_}: decided by your own authorizer, not by the token` };
}

const PROVIDER_REQUESTS: Record<string, string> = {
  apiKey: 'API key requests',
  iam: 'IAM (identity pool) requests',
  identityPool: 'identity pool (IAM) requests',
  oidc: 'OpenID Connect tokens',
  function: 'requests your Lambda authorizer admits',
};

function claimValue(token: Record<string, unknown>, claim: string): unknown {
  if (claim === 'username' || claim === 'cognito:username') return token.username ?? token['cognito:username'];
  return token[claim];
}

/** A group claim: a list, a JSON list in a string, or one group name. */
function groupsIn(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String);
  if (typeof value === 'string') {
    try {
      const parsed = JSON.parse(value) as unknown;
      if (Array.isArray(parsed)) return parsed.map(String);
    } catch {
      // one group name
    }
    return value === '' ? [] : [value];
  }
  return [];
}
