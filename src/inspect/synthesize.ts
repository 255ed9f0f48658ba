// Offline synthesis (no AWS account): `tsx amplify/backend.ts` with the CDK output directory and
// the context `ampx sandbox` passes, as in shared/domain.md. Trigger bundling included.
//
// It runs the way `ampx sandbox` would, whatever started doctor: in an environment without what
// npm exec adds (npm_config_package and the rest, which break CDK's own `npx --no-install esbuild`),
// with its temporary files under a directory the caller removes, in a process group of its own
// that is killed whole when the time limit passes or the run is cancelled.
import { mkdirSync, rmSync } from 'node:fs';
import { relative } from 'node:path';
import { execa } from 'execa';
import { CancelledError, InspectError } from './errors.js';
import { DEFAULT_SYNTH_TIMEOUT_S } from './limits.js';
import type { AmplifyProject } from './project.js';

/** What `ampx sandbox` passes to the CDK app; any namespace and name will do offline. */
export const SANDBOX_CONTEXT = {
  'amplify-backend-namespace': 'app',
  'amplify-backend-name': 'sandbox',
  'amplify-backend-type': 'sandbox',
};

const DEFAULT_SYNTH_TIMEOUT_MS = DEFAULT_SYNTH_TIMEOUT_S * 1000;

export interface SynthResult {
  exitCode: number;
  output: string;
  cdkOut: string;
  timedOut: boolean;
}

export interface SynthOptions {
  /** Where the CloudFormation goes (emptied first). */
  cdkOut: string;
  /** The synthesis' TMPDIR: its temporary files go there, for the caller to remove. Default: unchanged. */
  tmpDir?: string;
  env?: Record<string, string | undefined>;
  timeoutMs?: number;
  signal?: AbortSignal;
}

/**
 * The environment synthesis gets: the caller's, less npm's per-command settings. `npx
 * create-amplify-token-app doctor` runs us with npm_config_package=create-amplify-token-app, and
 * CDK's bundler runs `npx --no-install esbuild`, which would then look for esbuild in our package.
 */
export function synthesisEnv(env: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(env).filter(
      (entry): entry is [string, string] => entry[1] !== undefined && !/^npm_/i.test(entry[0]) && entry[0] !== 'INIT_CWD',
    ),
  );
}

export async function synthesize(project: AmplifyProject, options: SynthOptions): Promise<SynthResult> {
  const { cdkOut } = options;
  rmSync(cdkOut, { recursive: true, force: true });
  if (options.tmpDir) mkdirSync(options.tmpDir, { recursive: true });
  if (options.signal?.aborted) throw new CancelledError();
  const args = [...(project.tsconfig ? ['--tsconfig', relative(project.dir, project.tsconfig)] : []), relative(project.dir, project.backendFile)];
  const child = execa(project.tsx, args, {
    cwd: project.dir,
    reject: false,
    all: true,
    extendEnv: false,
    // Its own process group: tsx runs node, CDK runs esbuild; a timeout or Ctrl-C kills them all.
    detached: true,
    env: {
      ...synthesisEnv(options.env ?? process.env),
      ...(options.tmpDir ? { TMPDIR: options.tmpDir, TMP: options.tmpDir, TEMP: options.tmpDir } : {}),
      CDK_OUTDIR: cdkOut,
      CDK_CONTEXT_JSON: JSON.stringify(SANDBOX_CONTEXT),
    },
  });
  const killGroup = () => {
    try {
      if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  };
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    killGroup();
  }, options.timeoutMs ?? DEFAULT_SYNTH_TIMEOUT_MS);
  options.signal?.addEventListener('abort', killGroup);
  try {
    const result = await child;
    if (options.signal?.aborted) throw new CancelledError();
    return { exitCode: result.exitCode ?? -1, output: result.all ?? '', cdkOut, timedOut };
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', killGroup);
  }
}

/** Synthesizes, or explains why not: the backend's own error, last lines first to read. */
export async function synthesizeOrFail(project: AmplifyProject, options: SynthOptions): Promise<SynthResult> {
  const result = await synthesize(project, options);
  if (result.timedOut) {
    const seconds = Math.round((options.timeoutMs ?? DEFAULT_SYNTH_TIMEOUT_MS) / 1000);
    throw new InspectError(
      `amplify/backend.ts did not finish synthesizing within ${seconds} s and was stopped (does it wait on something that never ends, such as a server or a prompt?). Give more time with --timeout <seconds>.${tailOf(result.output)}`,
    );
  }
  if (result.exitCode !== 0) {
    throw new InspectError(`amplify/backend.ts does not synthesize (tsx exited ${result.exitCode}):${tailOf(result.output)}`);
  }
  return result;
}

function tailOf(output: string): string {
  const tail = output.trim().split('\n').slice(-30).join('\n');
  return tail ? `\n${tail}` : '';
}
