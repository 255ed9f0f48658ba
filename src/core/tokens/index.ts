export { readOverrides, type HandlerOverrides, type TokenOverrides, type GroupOverride, type ClaimValue } from './overrides.js';
export { standardIdToken, standardAccessToken, type TokenContext, type TokenUser } from './standard-claims.js';
export { applyOverrides, type ApplyContext, type ClaimChange, type TokenPreview } from './apply.js';
export { sampleUser, SampleUserError } from './sample-user.js';
export { triggerSourcesFor, userAccessTokenScopes, API_SIGN_IN_SCOPE, CLIENT_CREDENTIALS_SOURCE, USER_TRIGGER_SOURCES } from './trigger-sources.js';
export { DEFAULT_TRIGGER_SOURCE, preTokenEvent, signInTokens, type IssuedTokens } from './sign-in.js';
