// Invokes bundled handlers with the product's own invoker (src/inspect/invoke.ts: a child Node
// process, a local stand-in for the Cognito API that records every request), in the test
// environment and with scratch files under test/.work.
import { type HandlerCall, type Invocation, invokeHandlers as invoke } from '../../src/inspect/index.js';
import { childEnv, WORK_DIR } from './deps.js';

export type { CallResult, CognitoRequest, HandlerCall, Invocation } from '../../src/inspect/index.js';

export function invokeHandlers(calls: HandlerCall[]): Promise<Invocation> {
  return invoke(calls, { env: childEnv(), scratchParent: WORK_DIR });
}
