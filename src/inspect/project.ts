// The project's own toolchain: doctor synthesizes with the tsx and aws-cdk-lib the project has
// installed, so what it checks is what `ampx sandbox` would deploy. tsx is the one program doctor
// runs from the project, so it must be the project's own (node_modules/.bin/tsx in the project),
// never one found in a folder above it.
import { existsSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { InspectError } from './errors.js';

export interface AmplifyProject {
  dir: string;
  backendFile: string;
  /** amplify/tsconfig.json, when the project has one (tsx must not pick up a tsconfig above it). */
  tsconfig?: string;
  tsx: string;
}

export function locateProject(directory: string, cwd: string): AmplifyProject {
  const dir = resolve(cwd, directory);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new InspectError(`${dir} is not a directory.`);
  const backendFile = join(dir, 'amplify', 'backend.ts');
  if (!existsSync(backendFile)) {
    throw new InspectError(`${dir} has no amplify/backend.ts: give the directory of an Amplify Gen 2 project.`);
  }
  const tsx = join(dir, 'node_modules', '.bin', 'tsx');
  // Looked up as files: some packages' exports do not include package.json. Resolved as Node
  // resolves them from amplify/backend.ts: here or in a folder above (workspaces hoist).
  const missing = ['aws-cdk-lib', '@aws-amplify/backend'].filter((name) => !findUp(dir, join('node_modules', name, 'package.json')));
  const hasTsx = existsSync(tsx);
  if (!hasTsx) missing.unshift('tsx');
  if (missing.length > 0) {
    throw new InspectError(
      `${dir}: ${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} not installed. Run npm install in the project (doctor synthesizes with the project's own packages${hasTsx ? '' : ", and runs only the project's own node_modules/.bin/tsx"}), then try again.`,
    );
  }
  const tsconfig = join(dir, 'amplify', 'tsconfig.json');
  return { dir, backendFile, tsx, ...(existsSync(tsconfig) ? { tsconfig } : {}) };
}

/** The file at this relative path in the directory or the nearest one above it (workspaces hoist). */
function findUp(from: string, relative: string): string | undefined {
  for (let dir = from; ; dir = dirname(dir)) {
    const candidate = join(dir, relative);
    if (existsSync(candidate)) return candidate;
    if (dirname(dir) === dir) return undefined;
  }
}
