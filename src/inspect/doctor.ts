// doctor over a project directory (synthesize, then inspect) or over an existing cdk.out.
import { rmSync } from 'node:fs';
import { diagnose, type Finding } from '../core/doctor/index.js';
import { schemaAttributes } from '../core/stack.js';
import { sampleUser } from '../core/tokens/index.js';
import { readAuthStack } from './auth-stack.js';
import { readDataSchemaIn } from './data/schema.js';
import { sampleSignInTokens } from './data/sign-in-tokens.js';
import type { InvokeOptions } from './invoke.js';
import { preTokenFunction, probePreToken } from './pre-token.js';
import { locateProject } from './project.js';
import { synthesizeOrFail } from './synthesize.js';

export interface DoctorReport {
  /** The auth stack's template file. */
  stack: string;
  findings: Finding[];
}

export async function inspectCdkOut(cdkOut: string, options: InvokeOptions = {}): Promise<DoctorReport> {
  const stack = readAuthStack(cdkOut);
  const fn = preTokenFunction(stack, cdkOut);
  const probe = fn ? await probePreToken(stack, fn, sampleUser(schemaAttributes(stack)), options) : undefined;
  // Amplify Data rules, checked against the tokens the sample user gets (doctor's data rules).
  const schema = readDataSchemaIn(cdkOut);
  const tokens = schema && schema.rules.length > 0 ? await sampleSignInTokens(cdkOut, stack, options) : undefined;
  const data = schema ? { schema, ...(tokens ? { tokens } : {}) } : undefined;
  return { stack: stack.file, findings: diagnose(stack, probe, data) };
}

export async function doctorProject(directory: string, cwd: string, env: Record<string, string | undefined> = process.env): Promise<DoctorReport> {
  const project = locateProject(directory, cwd);
  const synth = await synthesizeOrFail(project, { env });
  try {
    return await inspectCdkOut(synth.cdkOut, { env });
  } finally {
    rmSync(synth.cdkOut, { recursive: true, force: true });
  }
}
