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

export function triggerSourcesFor(version: PreTokenVersion): string[] {
  return PRE_TOKEN_VERSION_INFO[version].clientCredentials ? [...USER_TRIGGER_SOURCES, CLIENT_CREDENTIALS_SOURCE] : [...USER_TRIGGER_SOURCES];
}
