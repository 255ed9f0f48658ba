// Offline synthesis (no AWS account): `tsx amplify/backend.ts` with the CDK output directory and
// the context `ampx sandbox` passes, as in shared/domain.md. Trigger bundling included.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { execa } from 'execa';
import { InspectError } from './errors.js';
import type { AmplifyProject } from './project.js';

/** What `ampx sandbox` passes to the CDK app; any namespace and name will do offline. */
export const SANDBOX_CONTEXT = {
  'amplify-backend-namespace': 'app',
  'amplify-backend-name': 'sandbox',
  'amplify-backend-type': 'sandbox',
};

export interface SynthResult {
  exitCode: number;
  output: string;
  cdkOut: string;
}

export interface SynthOptions {
  /** Where the CloudFormation goes; default a fresh temporary directory. */
  cdkOut?: string;
  env?: Record<string, string | undefined>;
}

export async function synthesize(project: AmplifyProject, options: SynthOptions = {}): Promise<SynthResult> {
  const cdkOut = options.cdkOut ?? mkdtempSync(join(tmpdir(), 'amplify-doctor-cdk-'));
  rmSync(cdkOut, { recursive: true, force: true });
  const args = [...(project.tsconfig ? ['--tsconfig', relative(project.dir, project.tsconfig)] : []), relative(project.dir, project.backendFile)];
  const result = await execa(project.tsx, args, {
    cwd: project.dir,
    reject: false,
    all: true,
    extendEnv: false,
    env: { ...(options.env ?? process.env), CDK_OUTDIR: cdkOut, CDK_CONTEXT_JSON: JSON.stringify(SANDBOX_CONTEXT) },
  });
  return { exitCode: result.exitCode ?? -1, output: result.all ?? '', cdkOut };
}

/** Synthesizes, or explains why not: the backend's own error, last lines first to read. */
export async function synthesizeOrFail(project: AmplifyProject, options: SynthOptions = {}): Promise<SynthResult> {
  const result = await synthesize(project, options);
  if (result.exitCode !== 0) {
    const tail = result.output.trim().split('\n').slice(-30).join('\n');
    throw new InspectError(`amplify/backend.ts does not synthesize (tsx exited ${result.exitCode}):\n${tail}`);
  }
  return result;
}
