// The sample user's tokens after sign-in, for the data rules: what preview shows when the pool has
// a pre token generation trigger, else the tokens Cognito issues without one.
import type { SignInTokens } from '../../core/data/rule-check.js';
import { type AuthStack, schemaAttributes } from '../../core/stack.js';
import { sampleUser, standardAccessToken, standardIdToken } from '../../core/tokens/index.js';
import type { InvokeOptions } from '../invoke.js';
import { preTokenEvent, preTokenFunction } from '../pre-token.js';
import { previewCdkOut } from '../preview.js';

/** Undefined when the handler cannot be run (doctor reports that as handler-failed). */
export async function sampleSignInTokens(cdkOut: string, stack: AuthStack, options: InvokeOptions = {}): Promise<SignInTokens | undefined> {
  if (preTokenFunction(stack, cdkOut)) {
    try {
      const preview = await previewCdkOut(cdkOut, {}, options);
      return { idToken: preview.idToken?.payload ?? null, accessToken: preview.accessToken.payload };
    } catch {
      return undefined;
    }
  }
  const user = sampleUser(schemaAttributes(stack));
  const event = preTokenEvent('V1_0', user);
  const context = {
    user,
    userPoolId: String(event.userPoolId),
    region: String(event.region),
    clientId: String(event.callerContext?.clientId ?? 'client'),
    scopes: ['aws.cognito.signin.user.admin'],
    // Amplify's app client (the first), as a sign-in from its frontend.
    ...(stack.clients[0]?.properties.ReadAttributes ? { readAttributes: stack.clients[0].properties.ReadAttributes as string[] } : {}),
  };
  return { idToken: standardIdToken(context), accessToken: standardAccessToken(context) };
}
