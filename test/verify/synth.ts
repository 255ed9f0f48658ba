// Offline synthesis of a generated project and readers for what it produces, from the product's
// own src/inspect (what `doctor` uses), pointed at the shared verified install in test/.work/deps.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { synthesize as synthesizeProject, type SynthResult } from '../../src/inspect/index.js';
import { childEnv, DEPS_BIN } from './deps.js';

export { readAuthStack, handlerEntry, SANDBOX_CONTEXT, type SynthResult } from '../../src/inspect/index.js';
export { arnTarget, getAttArn, ofType, triggerFunctionIds, type AuthStack, type CfnResource } from '../../src/core/stack.js';

/** Synthesizes into <dir>/cdk.out with the shared install's tsx, as `doctor` would with the project's. */
export async function synthesize(dir: string): Promise<SynthResult> {
  const tsconfig = join(dir, 'amplify', 'tsconfig.json');
  return synthesizeProject(
    { dir, backendFile: join(dir, 'amplify', 'backend.ts'), tsx: join(DEPS_BIN, 'tsx'), ...(existsSync(tsconfig) ? { tsconfig } : {}) },
    { cdkOut: join(dir, 'cdk.out'), env: childEnv() },
  );
}
