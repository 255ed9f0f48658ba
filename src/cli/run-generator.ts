// Runs the Yeoman generator in a fresh environment. Yeoman is loaded here, lazily: --help,
// --version and bad input never pay for it.
import { fileURLToPath } from 'node:url';
import { SESSION_OPTION, type Session } from './session.js';

const NAMESPACE = 'create-amplify-token-app:app';

export async function runGenerator(session: Session): Promise<void> {
  const generatorUrl = new URL('../../generators/app/index.js', import.meta.url);
  const [{ createEnv }, { default: AppGenerator }] = await Promise.all([
    import('yeoman-environment'),
    import('../../generators/app/index.js'),
  ]);
  const resolved = fileURLToPath(generatorUrl);
  // force: the CLI already refused a non-empty directory without --force, so the conflicter
  // never has to ask. skipInstall: the generator runs the install itself.
  // Yeoman logs to stderr by default; here its log (files created, next steps) goes to stdout with
  // the prompts, and stderr carries only errors.
  const env = createEnv({ cwd: session.cwd, force: true, skipInstall: true, stdout: process.stdout, stderr: process.stdout });
  // resolved: Yeoman finds this package's package.json from it (the .yo-rc.json key is its name).
  env.register(AppGenerator, { namespace: NAMESPACE, resolved });
  const options: Record<string, unknown> = { [SESSION_OPTION]: session, skipInstall: true };
  await env.run([NAMESPACE], options);
  if (session.failure !== undefined) throw session.failure;
}
