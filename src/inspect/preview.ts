// preview: the ID and access token payloads after sign-in, from the bundled pre token generation
// handler's answer and Cognito's rules (src/core/tokens).
import { rmSync } from 'node:fs';
import type { PreTokenVersion } from '../core/cognito.js';
import { schemaAttributes } from '../core/stack.js';
import {
  applyOverrides,
  CLIENT_CREDENTIALS_SOURCE,
  readOverrides,
  sampleUser,
  standardAccessToken,
  standardIdToken,
  type TokenContext,
  type TokenPreview,
  type TokenUser,
  triggerSourcesFor,
} from '../core/tokens/index.js';
import { dataRuleVerdicts, type RuleVerdict } from '../core/data/rule-check.js';
import { readAuthStack } from './auth-stack.js';
import { readDataSchemaIn } from './data/schema.js';
import { InspectError } from './errors.js';
import type { InvokeOptions } from './invoke.js';
import { invokePreToken, preTokenEvent, preTokenFunction } from './pre-token.js';
import { locateProject } from './project.js';
import { synthesizeOrFail } from './synthesize.js';

export interface PreviewRequest {
  user?: [string, string][];
  triggerSource?: string;
}

export interface PreviewResult {
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
  const fn = preTokenFunction(stack, cdkOut);
  if (!fn) throw new InspectError('the user pool has no pre token generation trigger: the tokens carry only what Cognito puts in them.');
  const triggerSource = request.triggerSource ?? 'TokenGeneration_Authentication';
  const allowed = triggerSourcesFor(fn.version);
  if (!allowed.includes(triggerSource)) {
    throw new InspectError(`--trigger-source ${triggerSource} is not one Cognito sends to a ${fn.version} trigger. Allowed: ${allowed.join(', ')}.`);
  }
  const user = sampleUser(schemaAttributes(stack), request.user ?? []);
  const event = preTokenEvent(fn.version, user, triggerSource);
  const answer = await invokePreToken(fn, event, options);
  const overrides = readOverrides(fn.version, answer);
  const clientId = String(event.callerContext?.clientId ?? 'client');
  const context: TokenContext = {
    user,
    userPoolId: String(event.userPoolId),
    region: String(event.region),
    clientId,
    scopes: event.request.scopes ?? ['aws.cognito.signin.user.admin'],
    ...(stack.client.ReadAttributes ? { readAttributes: stack.client.ReadAttributes as string[] } : {}),
  };
  const machine = triggerSource === CLIENT_CREDENTIALS_SOURCE;
  const standard = {
    idToken: standardIdToken(context),
    accessToken: machine ? machineAccessToken(context) : standardAccessToken(context),
  };
  const tokens = applyOverrides(standard, overrides);
  const dataSchema = readDataSchemaIn(cdkOut);
  return {
    functionId: fn.functionId,
    version: fn.version,
    triggerSource,
    userAttributes: machine ? {} : user.attributes,
    idToken: machine ? null : tokens.idToken,
    accessToken: tokens.accessToken,
    shapeMismatch: !overrides.shapeMatches,
    dataRules: dataSchema ? dataRuleVerdicts(dataSchema.rules, tokens.accessToken.payload) : [],
  };
}

/** A client-credentials access token: the client is the subject, no user claims. */
function machineAccessToken(context: TokenContext): Record<string, unknown> {
  const client: TokenUser = { attributes: { sub: context.clientId }, username: context.clientId, groups: [] };
  const { username: _noUser, ...claims } = standardAccessToken({ ...context, user: client });
  return claims;
}

export async function previewProject(directory: string, cwd: string, request: PreviewRequest, env: Record<string, string | undefined> = process.env): Promise<PreviewResult> {
  const project = locateProject(directory, cwd);
  const synth = await synthesizeOrFail(project, { env });
  try {
    return await previewCdkOut(synth.cdkOut, request, { env });
  } finally {
    rmSync(synth.cdkOut, { recursive: true, force: true });
  }
}
