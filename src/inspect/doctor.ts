// doctor over a project directory (synthesize, then inspect) or over an existing cdk.out.
import { join } from 'node:path';
import { diagnose, type Finding, HANDLER_RULE_IDS, type NotChecked } from '../core/doctor/index.js';
import { schemaAttributes } from '../core/stack.js';
import { sampleUser } from '../core/tokens/index.js';
import { readAuthStack } from './auth-stack.js';
import type { InvokeOptions } from './invoke.js';
import { preTokenFunction, probePreToken } from './pre-token.js';
import { locateProject } from './project.js';
import { withScratch } from './scratch.js';
import { synthesizeOrFail } from './synthesize.js';

export interface DoctorReport {
  /** The template that declares the user pool. */
  stack: string;
  findings: Finding[];
  /** Rules doctor could not apply (a handler it cannot run), and why. */
  notChecked: NotChecked[];
}

export interface ProjectRunOptions {
  env?: Record<string, string | undefined>;
  /** Synthesis time limit. */
  timeoutMs?: number;
  signal?: AbortSignal;
  /** Where the run's scratch directory goes; default the system temporary directory. */
  scratchParent?: string;
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
  return { stack: stack.file, findings: diagnose(stack, probe), notChecked };
}

/** Synthesizes the project into a scratch directory, inspects it, and removes the scratch directory. */
export async function withSynthesis<T>(directory: string, cwd: string, options: ProjectRunOptions, work: (cdkOut: string, invoke: InvokeOptions) => Promise<T>): Promise<T> {
  const project = locateProject(directory, cwd);
  return withScratch(options.scratchParent, async (scratch) => {
    const synth = await synthesizeOrFail(project, {
      cdkOut: join(scratch, 'cdk.out'),
      tmpDir: join(scratch, 'tmp'),
      ...(options.env ? { env: options.env } : {}),
      ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
    });
    return work(synth.cdkOut, { scratchParent: scratch, ...(options.env ? { env: options.env } : {}), ...(options.signal ? { signal: options.signal } : {}) });
  });
}

export async function doctorProject(directory: string, cwd: string, options: ProjectRunOptions = {}): Promise<DoctorReport> {
  return withSynthesis(directory, cwd, options, (cdkOut, invoke) => inspectCdkOut(cdkOut, invoke));
}
