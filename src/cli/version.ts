import { readFileSync } from 'node:fs';

/** This package's version, from package.json two levels above src/cli or dist/bundle, or three above dist/src/cli. */
export function packageVersion(): string {
  for (const relative of ['../../package.json', '../../../package.json']) {
    try {
      const data = JSON.parse(readFileSync(new URL(relative, import.meta.url), 'utf8')) as { name?: string; version?: string };
      if (data.name === 'create-amplify-token-app' && data.version) return data.version;
    } catch {
      // not at this level
    }
  }
  return 'unknown';
}
