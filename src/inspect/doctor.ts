// doctor over a project directory (synthesize, then inspect) or over an existing cdk.out.
import { diagnose, type Finding, HANDLER_RULE_IDS, type NotChecked, type PreTokenProbe } from '../core/doctor/index.js';
import type { SignInTokens } from '../core/data/rule-check.js';
import { type AuthStack, schemaAttributes } from '../core/stack.js';
import { DEFINE_AUTH_PRE_TOKEN_VERSION } from '../core/cognito.js';
import { preTokenEvent, sampleUser, signInTokens, type TokenUser } from '../core/tokens/index.js';
import { readAuthStack } from './auth-stack.js';
import { readDataSchemaIn } from './data/schema.js';
import type { InvokeOptions } from './invoke.js';
import { type PreTokenFunction, preTokenFunction, probePreToken } from './pre-token.js';
import { type ProjectRunOptions, withSynthesis } from './with-synthesis.js';

export { type ProjectRunOptions, withSynthesis } from './with-synthesis.js';

export interface DoctorReport {
  /** The template that declares the user pool. */
  stack: string;
  findings: Finding[];
  /** Rules doctor could not apply (a handler it cannot run), and why. */
  notChecked: NotChecked[];
}

export async function inspectCdkOut(cdkOut: string, options: InvokeOptions = {}): Promise<DoctorReport> {
  const stack = readAuthStack(cdkOut);
  const fn = preTokenFunction(stack, cdkOut);
  const user = sampleUser(schemaAttributes(stack));
  const notChecked: NotChecked[] = [];
  let probe;
  const handler = fn?.handler;
  if (fn && handler?.runnable) {
    probe = await probePreToken(stack, { ...fn, handler }, user, options);
  } else if (fn && handler && !handler.runnable) {
    notChecked.push({ rules: HANDLER_RULE_IDS, resource: fn.resource, reason: `doctor cannot run the pre token generation handler: ${handler.reason}.` });
  }
  // Amplify Data rules, checked against the tokens the sample user gets (doctor's data rules).
  const schema = readDataSchemaIn(cdkOut);
  const tokens = schema && schema.rules.length > 0 ? sampleSignInTokens(stack, user, fn, probe) : undefined;
  const data = schema ? { schema, ...(tokens ? { tokens } : {}) } : undefined;
  return { stack: stack.file, findings: diagnose(stack, probe, data), notChecked };
}

/**
 * The sample user's tokens after sign-in, as preview shows them: with the handler's answer to the
 * probe's sample event, or as Cognito issues them when the pool has no trigger. Undefined when
 * the handler could not be run or threw (handler-failed or notChecked says so).
 */
function sampleSignInTokens(stack: AuthStack, user: TokenUser, fn: PreTokenFunction | undefined, probe: PreTokenProbe | undefined): SignInTokens | undefined {
  if (fn && !probe?.sample.ok) return undefined;
  const version = fn?.version ?? DEFINE_AUTH_PRE_TOKEN_VERSION;
  const tokens = signInTokens(stack, user, preTokenEvent(stack, version, user), probe?.sample.ok ? { version, answer: probe.sample.value } : undefined);
  return { idToken: tokens.idToken.payload, accessToken: tokens.accessToken.payload };
}

export async function doctorProject(directory: string, cwd: string, options: ProjectRunOptions = {}): Promise<DoctorReport> {
  return withSynthesis(directory, cwd, options, (cdkOut, invoke) => inspectCdkOut(cdkOut, invoke));
}
