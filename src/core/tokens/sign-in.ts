// A user's sign-in, as preview, doctor and the data check model it: the pre token generation event
// Cognito sends for a trigger source, and the tokens it then issues for Amplify's app client (the
// pool's first, the one its frontend signs in with), with the handler's answer applied.
import { PRE_TOKEN_VERSION_INFO, type PreTokenVersion } from '../cognito.js';
import type { AuthStack } from '../stack.js';
import { TRIGGERS, clientCredentialsEvent } from '../triggers.js';
import { applyOverrides, type TokenPreview } from './apply.js';
import { readOverrides } from './overrides.js';
import { standardAccessToken, standardIdToken, type TokenContext, type TokenUser } from './standard-claims.js';
import { CLIENT_CREDENTIALS_SOURCE, userAccessTokenScopes } from './trigger-sources.js';

/** The trigger source of a sign-in with a password or SRP (InitiateAuth), preview's default. */
export const DEFAULT_TRIGGER_SOURCE = 'TokenGeneration_Authentication';

type AppClients = Pick<AuthStack, 'clients'>;

/** The event Cognito sends for this trigger source: an API sign-in's access token has one scope only. */
export function preTokenEvent(stack: AppClients, version: PreTokenVersion, user: TokenUser, triggerSource = DEFAULT_TRIGGER_SOURCE): Record<string, any> {
  if (triggerSource === CLIENT_CREDENTIALS_SOURCE) return clientCredentialsEvent() as Record<string, any>;
  const event = TRIGGERS.preTokenGeneration.sampleEvent({ userAttributes: user.attributes, preTokenVersion: version }) as Record<string, any>;
  event.userName = user.username;
  event.triggerSource = triggerSource;
  event.request.groupConfiguration.groupsToOverride = user.groups;
  if (PRE_TOKEN_VERSION_INFO[version].customizesAccessToken) event.request.scopes = userAccessTokenScopes(triggerSource, oauthScopes(stack));
  return event;
}

export interface IssuedTokens {
  idToken: TokenPreview;
  accessToken: TokenPreview;
  /** False when the handler answered only in the other version's shape: Cognito ignored it. */
  shapeMatches: boolean;
}

/**
 * The tokens Cognito issues after `event` (its pool, region, client, trigger source and scopes):
 * with the handler's answer applied, or as Cognito issues them without the trigger when `handler`
 * is left out.
 */
export function signInTokens(
  stack: AppClients,
  user: TokenUser,
  event: Record<string, any>,
  handler?: { version: PreTokenVersion; answer: unknown },
): IssuedTokens {
  const triggerSource = String(event.triggerSource);
  const clientId = String(event.callerContext?.clientId ?? 'client');
  const machine = triggerSource === CLIENT_CREDENTIALS_SOURCE;
  const readAttributes = stringList(stack.clients[0]?.properties.ReadAttributes);
  const context: TokenContext = {
    user,
    userPoolId: String(event.userPoolId),
    region: String(event.region),
    clientId,
    scopes: machine ? (event.request.scopes as string[]) : userAccessTokenScopes(triggerSource, oauthScopes(stack)),
    ...(readAttributes ? { readAttributes } : {}),
  };
  const standard = {
    idToken: standardIdToken(context),
    accessToken: machine ? machineAccessToken(context) : standardAccessToken(context),
  };
  if (!handler) return { idToken: { payload: standard.idToken, changes: {} }, accessToken: { payload: standard.accessToken, changes: {} }, shapeMatches: true };
  const overrides = readOverrides(handler.version, handler.answer);
  return { ...applyOverrides(standard, overrides, { version: handler.version, clientId }), shapeMatches: overrides.shapeMatches };
}

/** A client-credentials access token: the client is the subject, no user claims. */
function machineAccessToken(context: TokenContext): Record<string, unknown> {
  const client: TokenUser = { attributes: { sub: context.clientId }, username: context.clientId, groups: [] };
  const { username: _noUser, ...claims } = standardAccessToken({ ...context, user: client });
  return claims;
}

/** The OAuth scopes Amplify's app client allows (a managed-login sign-in asks for them). */
function oauthScopes(stack: AppClients): string[] | undefined {
  return stringList(stack.clients[0]?.properties.AllowedOAuthScopes);
}

function stringList(value: unknown): string[] | undefined {
  return Array.isArray(value) && value.every((item) => typeof item === 'string') ? value : undefined;
}
