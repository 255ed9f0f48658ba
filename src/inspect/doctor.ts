// doctor over a project directory (synthesize, then inspect) or over an existing cdk.out.
import { diagnose, type Finding, HANDLER_RULE_IDS, type NotChecked } from '../core/doctor/index.js';
import { schemaAttributes } from '../core/stack.js';
import { sampleUser } from '../core/tokens/index.js';
import { readAuthStack } from './auth-stack.js';
import { readDataSchemaIn } from './data/schema.js';
import { sampleSignInTokens } from './data/sign-in-tokens.js';
import type { InvokeOptions } from './invoke.js';
import { preTokenFunction, probePreToken } from './pre-token.js';
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
  const notChecked: NotChecked[] = [];
  let probe;
  const handler = fn?.handler;
  if (fn && handler?.runnable) {
    probe = await probePreToken(stack, { ...fn, handler }, sampleUser(schemaAttributes(stack)), options);
  } else if (fn && handler && !handler.runnable) {
    notChecked.push({ rules: HANDLER_RULE_IDS, resource: fn.resource, reason: `doctor cannot run the pre token generation handler: ${handler.reason}.` });
  }
  // Amplify Data rules, checked against the tokens the sample user gets (doctor's data rules).
  const schema = readDataSchemaIn(cdkOut);
  const tokens = schema && schema.rules.length > 0 ? await sampleSignInTokens(cdkOut, stack, options) : undefined;
  const data = schema ? { schema, ...(tokens ? { tokens } : {}) } : undefined;
  return { stack: stack.file, findings: diagnose(stack, probe, data), notChecked };
}

export async function doctorProject(directory: string, cwd: string, options: ProjectRunOptions = {}): Promise<DoctorReport> {
  return withSynthesis(directory, cwd, options, (cdkOut, invoke) => inspectCdkOut(cdkOut, invoke));
}
