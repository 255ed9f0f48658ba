// A project synthesized into a scratch directory for one inspection (doctor, preview, the data
// check), and the scratch directory removed after it. Its own module: all three synthesize this
// way.
import { join } from 'node:path';
import type { InvokeOptions } from './invoke.js';
import { locateProject } from './project.js';
import { withScratch } from './scratch.js';
import { synthesizeOrFail } from './synthesize.js';

export interface ProjectRunOptions {
  env?: Record<string, string | undefined>;
  /** Synthesis time limit. */
  timeoutMs?: number;
  signal?: AbortSignal;
  /** Where the run's scratch directory goes; default the system temporary directory. */
  scratchParent?: string;
}

/** Synthesizes the project into a scratch directory, inspects it, and removes the scratch directory. */
export async function withSynthesis<T>(directory: string, cwd: string, options: ProjectRunOptions, work: (cdkOut: string, invoke: InvokeOptions) => Promise<T>): Promise<T> {
  const project = locateProject(directory, cwd);
  return withScratch(options.scratchParent, 'create-amplify-token-app-', async (scratch) => {
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
