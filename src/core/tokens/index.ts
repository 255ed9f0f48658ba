export { readOverrides, responseKeyFor, type HandlerOverrides, type TokenOverrides, type ClaimValue } from './overrides.js';
export { standardIdToken, standardAccessToken, type TokenContext, type TokenUser } from './standard-claims.js';
export { applyOverrides, type ClaimChange, type TokenPreview } from './apply.js';
