// The package manager that ran us (npm create / pnpm create / yarn create / bun create).
export const PACKAGE_MANAGERS = ['npm', 'pnpm', 'yarn', 'bun'] as const;
export type PackageManager = (typeof PACKAGE_MANAGERS)[number];

/** From npm_config_user_agent, e.g. "pnpm/9.12.0 npm/? node/v20.20.0 linux x64"; npm when unknown. */
export function detectPackageManager(userAgent: string | undefined): PackageManager {
  const name = userAgent?.trim().split(/[\s/]/, 1)[0];
  return PACKAGE_MANAGERS.find((candidate) => candidate === name) ?? 'npm';
}

export function installCommand(pm: PackageManager): [command: string, args: string[]] {
  return [pm, ['install']];
}

/** How to run a package.json script: `bun test` would run bun's own test runner instead. */
export function runScript(pm: PackageManager, script: string): string {
  if (pm === 'bun') return `bun run ${script}`;
  return `${pm} ${script === 'test' ? 'test' : `run ${script}`}`;
}
