import { PRE_TOKEN_VERSION_INFO, type PreTokenVersion } from '../cognito.js';

/** triggerSource values of pre token generation events; ClientCredentials is V3_0 only. */
export const USER_TRIGGER_SOURCES = [
  'TokenGeneration_HostedAuth',
  'TokenGeneration_Authentication',
  'TokenGeneration_NewPasswordChallenge',
  'TokenGeneration_AuthenticateDevice',
  'TokenGeneration_RefreshTokens',
] as const;
export const CLIENT_CREDENTIALS_SOURCE = 'TokenGeneration_ClientCredentials';

/** The one scope of an access token from a user-pool API sign-in (InitiateAuth, AdminInitiateAuth). */
export const API_SIGN_IN_SCOPE = 'aws.cognito.signin.user.admin';

/** Managed login when the client lists no OAuth scopes: what Amplify's sign-in asks for. */
const DEFAULT_OAUTH_SCOPES = ['openid', 'email', 'profile', API_SIGN_IN_SCOPE];

export function triggerSourcesFor(version: PreTokenVersion): string[] {
  return PRE_TOKEN_VERSION_INFO[version].clientCredentials ? [...USER_TRIGGER_SOURCES, CLIENT_CREDENTIALS_SOURCE] : [...USER_TRIGGER_SOURCES];
}

/**
 * The access token's scopes before the trigger, for a user sign-in. Managed login (HostedAuth)
 * carries the OAuth scopes requested, taken here as every scope the app client allows; an API
 * sign-in carries only aws.cognito.signin.user.admin, and so does a refresh of one (the refreshed
 * token keeps the scopes of the sign-in; preview assumes an API sign-in).
 */
export function userAccessTokenScopes(triggerSource: string, clientOAuthScopes?: string[]): string[] {
  if (triggerSource === 'TokenGeneration_HostedAuth') return clientOAuthScopes && clientOAuthScopes.length > 0 ? clientOAuthScopes : DEFAULT_OAUTH_SCOPES;
  return [API_SIGN_IN_SCOPE];
}
