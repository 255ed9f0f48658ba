// The child process that runs bundled handlers, as plain JavaScript: no TypeScript loader between
// the bundle and Node, as in Lambda. Kept as source text so it ships inside dist/ and is written
// next to the calls file at run time.
// Usage: node runner.mjs <calls.json> <results.json>
//   calls.json: [{ key, file, exportName?, event }]; results.json: { [key]: { ok, value, ms } | { ok, error, ms } }.
// With MARKER_URL set, it POSTs <MARKER_URL>/<key> before each call, so a fake service can tell
// which call sent each request that follows.
export const INVOKE_RUNNER_SOURCE = `import { readFileSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

const [callsFile, resultsFile] = process.argv.slice(2);
const calls = JSON.parse(readFileSync(callsFile, 'utf8'));
const results = {};

// As Lambda's Node.js runtime: an async handler's promise, or what a callback-style handler
// passes to its callback (within Cognito's 5 seconds).
function call(handler, event) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the handler neither returned a promise nor called its callback within 5 s')), 5000);
    const done = (error, value) => {
      clearTimeout(timer);
      if (error) reject(error);
      else resolve(value);
    };
    try {
      const returned = handler(event, {}, done);
      if (returned && typeof returned.then === 'function') returned.then((value) => done(null, value), done);
      else if (handler.length < 3) done(null, returned);
    } catch (error) {
      done(error);
    }
  });
}

for (const { key, file, exportName = 'handler', event } of calls) {
  if (process.env.MARKER_URL) {
    await fetch(\`\${process.env.MARKER_URL}/\${encodeURIComponent(key)}\`, { method: 'POST' });
  }
  const started = performance.now();
  try {
    const module = await import(pathToFileURL(file).href);
    // A CommonJS handler (exports.handler = …) may only show up on the default export.
    const handler = module[exportName] ?? module.default?.[exportName];
    if (typeof handler !== 'function') throw new Error(\`\${file} exports no function named \${exportName}\`);
    const value = await call(handler, event);
    results[key] = { ok: true, value: value ?? null, ms: performance.now() - started };
  } catch (error) {
    results[key] = { ok: false, error: String(error?.stack ?? error), ms: performance.now() - started };
  }
}

writeFileSync(resultsFile, JSON.stringify(results));
// Amplify's bundle banner starts a refresh timer; Lambda freezes it, here it would keep us alive.
process.exit(0);
`;
