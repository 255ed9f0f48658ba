// What Cognito puts in the tokens before any trigger, for a user-pool sign-in (domain.md: "What
// the tokens carry before any trigger"). Times and ids are fixed sample values: preview shows
// which claims exist and what the trigger changes, not a real token.
import { clientMayRead } from './readable.js';

export interface TokenUser {
  /** As Cognito passes them to triggers: every value a string, custom ones as `custom:<name>`. */
  attributes: Record<string, string>;
  username: string;
  groups: string[];
}

export interface TokenContext {
  user: TokenUser;
  userPoolId: string;
  region: string;
  clientId: string;
  /** The app client's ReadAttributes; undefined = every attribute. */
  readAttributes?: string[];
  /** Scopes of the access token before the trigger. */
  scopes: string[];
}

const ISSUED_AT = 1_767_225_600; // 2026-01-01T00:00:00Z
const LIFETIME = 3600;

export function standardIdToken(context: TokenContext): Record<string, unknown> {
  const { user } = context;
  const claims: Record<string, unknown> = {
    sub: user.attributes.sub,
    ...(user.groups.length > 0 ? { 'cognito:groups': user.groups } : {}),
    iss: issuer(context),
    'cognito:username': user.username,
    aud: context.clientId,
    event_id: 'e7c1f0a2-0000-4000-8000-000000000001',
    token_use: 'id',
    auth_time: ISSUED_AT,
    exp: ISSUED_AT + LIFETIME,
    iat: ISSUED_AT,
    jti: 'a9f3c2d1-0000-4000-8000-000000000002',
    origin_jti: 'b4e5d6c7-0000-4000-8000-000000000003',
  };
  for (const [name, value] of Object.entries(user.attributes)) {
    if (name === 'sub' || !clientMayRead(context.readAttributes, name)) continue;
    claims[name] = name === 'email_verified' || name === 'phone_number_verified' ? value === 'true' : value;
  }
  return claims;
}

export function standardAccessToken(context: TokenContext): Record<string, unknown> {
  const { user } = context;
  return {
    sub: user.attributes.sub,
    ...(user.groups.length > 0 ? { 'cognito:groups': user.groups } : {}),
    iss: issuer(context),
    client_id: context.clientId,
    origin_jti: 'b4e5d6c7-0000-4000-8000-000000000003',
    event_id: 'e7c1f0a2-0000-4000-8000-000000000001',
    token_use: 'access',
    scope: context.scopes.join(' '),
    auth_time: ISSUED_AT,
    exp: ISSUED_AT + LIFETIME,
    iat: ISSUED_AT,
    jti: 'c1d2e3f4-0000-4000-8000-000000000004',
    username: user.username,
    version: 2,
  };
}

function issuer(context: TokenContext): string {
  return `https://cognito-idp.${context.region}.amazonaws.com/${context.userPoolId}`;
}
