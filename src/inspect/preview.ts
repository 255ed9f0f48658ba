// preview: the ID and access token payloads after sign-in, from the bundled pre token generation
// handler's answer and Cognito's rules (src/core/tokens).
import type { PreTokenVersion } from '../core/cognito.js';
import { schemaAttributes } from '../core/stack.js';
import {
  CLIENT_CREDENTIALS_SOURCE,
  DEFAULT_TRIGGER_SOURCE,
  preTokenEvent,
  sampleUser,
  signInTokens,
  type TokenPreview,
  triggerSourcesFor,
} from '../core/tokens/index.js';
import { dataRuleVerdicts, type RuleVerdict } from '../core/data/rule-check.js';
import { readAuthStack } from './auth-stack.js';
import { readDataSchemaIn } from './data/schema.js';
import { InspectError } from './errors.js';
import type { InvokeOptions } from './invoke.js';
import { type ProjectRunOptions, withSynthesis } from './with-synthesis.js';
import { invokePreToken, runnablePreTokenFunction } from './pre-token.js';

export interface PreviewRequest {
  user?: [string, string][];
  triggerSource?: string;
}

export interface PreviewResult {
  /** The pre token generation function, as `<stack>/<logical id>`. */
  functionId: string;
  version: PreTokenVersion;
  triggerSource: string;
  /** The event the handler got. */
  userAttributes: Record<string, string>;
  /** Null for client credentials: there is no user, so no ID token. */
  idToken: TokenPreview | null;
  accessToken: TokenPreview;
  /** The handler answered in the other version's shape, so nothing was applied. */
  shapeMismatch: boolean;
  /** Amplify Data: what each rule lets this access token do (empty without data). */
  dataRules: RuleVerdict[];
}

export async function previewCdkOut(cdkOut: string, request: PreviewRequest = {}, options: InvokeOptions = {}): Promise<PreviewResult> {
  const stack = readAuthStack(cdkOut);
  const fn = runnablePreTokenFunction(stack, cdkOut);
  const triggerSource = request.triggerSource ?? DEFAULT_TRIGGER_SOURCE;
  const allowed = triggerSourcesFor(fn.version);
  if (!allowed.includes(triggerSource)) {
    throw new InspectError(`--trigger-source ${triggerSource} is not one Cognito sends to a ${fn.version} trigger. Allowed: ${allowed.join(', ')}.`);
  }
  const user = sampleUser(schemaAttributes(stack), request.user ?? []);
  const event = preTokenEvent(stack, fn.version, user, triggerSource);
  const [answer] = await invokePreToken(fn, [event], options);
  const tokens = signInTokens(stack, user, event, { version: fn.version, answer });
  const machine = triggerSource === CLIENT_CREDENTIALS_SOURCE;
  const dataSchema = readDataSchemaIn(cdkOut);
  return {
    functionId: fn.resource,
    version: fn.version,
    triggerSource,
    userAttributes: machine ? {} : user.attributes,
    idToken: machine ? null : tokens.idToken,
    accessToken: tokens.accessToken,
    shapeMismatch: !tokens.shapeMatches,
    dataRules: dataSchema ? dataRuleVerdicts(dataSchema.rules, tokens.accessToken.payload) : [],
  };
}

export async function previewProject(directory: string, cwd: string, request: PreviewRequest, options: ProjectRunOptions = {}): Promise<PreviewResult> {
  return withSynthesis(directory, cwd, options, (cdkOut, invoke) => previewCdkOut(cdkOut, request, invoke));
}
