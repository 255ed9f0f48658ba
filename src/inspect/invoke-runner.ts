// The child process that runs bundled handlers, as plain JavaScript: no TypeScript loader between
// the bundle and Node, as in Lambda. Kept as source text so it ships inside dist/ and is written
// next to the calls file at run time.
// Usage: node runner.mjs <calls.json> <results.json>
//   calls.json: [{ key, file, event }]; results.json: { [key]: { ok, value, ms } | { ok, error, ms } }.
// With MARKER_URL set, it POSTs <MARKER_URL>/<key> before each call, so a fake service can tell
// which call sent each request that follows.
export const INVOKE_RUNNER_SOURCE = `import { readFileSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

const [callsFile, resultsFile] = process.argv.slice(2);
const calls = JSON.parse(readFileSync(callsFile, 'utf8'));
const results = {};

for (const { key, file, event } of calls) {
  if (process.env.MARKER_URL) {
    await fetch(\`\${process.env.MARKER_URL}/\${encodeURIComponent(key)}\`, { method: 'POST' });
  }
  const started = performance.now();
  try {
    const { handler } = await import(pathToFileURL(file).href);
    const value = await handler(event, {}, () => undefined);
    results[key] = { ok: true, value: value ?? null, ms: performance.now() - started };
  } catch (error) {
    results[key] = { ok: false, error: String(error?.stack ?? error), ms: performance.now() - started };
  }
}

writeFileSync(resultsFile, JSON.stringify(results));
// Amplify's bundle banner starts a refresh timer; Lambda freezes it, here it would keep us alive.
process.exit(0);
`;
