// Invokes bundled handlers in a child Node process, with a local stand-in for the Cognito API:
// handlers that call Cognito (postConfirmation's AdminUpdateUserAttributes) reach it through
// AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER, and every request is recorded. No request leaves
// the machine: the machine's AWS profile, region and endpoints are not passed on.
// A child process: the bundle runs as Lambda runs it (native ESM), and its timers die with it.
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { execa } from 'execa';
import { INVOKE_RUNNER_SOURCE } from './invoke-runner.js';
import { withScratch } from './scratch.js';

export interface HandlerCall {
  /** Names the call in the results. */
  key: string;
  /** The bundled handler (cdk.out/asset.<hash>/index.mjs). */
  file: string;
  /** The export Lambda calls (the part of Handler after the last dot); default `handler`. */
  exportName?: string;
  event: unknown;
}

export type CallResult = { ok: true; value: any; ms: number } | { ok: false; error: string; ms: number };

export interface CognitoRequest {
  /** X-Amz-Target, e.g. AWSCognitoIdentityProviderService.AdminUpdateUserAttributes. */
  target: string | undefined;
  body: any;
}

export interface Invocation {
  results: Record<string, CallResult>;
  /** Requests to the Cognito API, by the key of the call that sent them. */
  requests: Record<string, CognitoRequest[]>;
  exitCode: number;
  output: string;
}

export interface InvokeOptions {
  env?: Record<string, string | undefined>;
  /** Where the scratch files go; default the system temporary directory. */
  scratchParent?: string;
  /** Cancels the run: the runner is killed. */
  signal?: AbortSignal;
}

const MARKER_PATH = '/__call/';

export async function invokeHandlers(calls: HandlerCall[], options: InvokeOptions = {}): Promise<Invocation> {
  const requests: Record<string, CognitoRequest[]> = Object.fromEntries(calls.map(({ key }) => [key, []]));
  let current = '(before any call)';
  const server = createServer((request, response) => {
    void readBody(request).then((body) => {
      if (request.url?.startsWith(MARKER_PATH)) {
        current = decodeURIComponent(request.url.slice(MARKER_PATH.length));
      } else {
        (requests[current] ??= []).push({
          target: request.headers['x-amz-target'] as string | undefined,
          body: body === '' ? undefined : safeJson(body),
        });
      }
      // AdminUpdateUserAttributes answers an empty object on success.
      response.writeHead(200, { 'content-type': 'application/x-amz-json-1.1' });
      response.end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  try {
    return await withScratch(options.scratchParent, 'invoke-', async (scratch) => {
      const runner = join(scratch, 'runner.mjs');
      const callsFile = join(scratch, 'calls.json');
      const resultsFile = join(scratch, 'results.json');
      writeFileSync(runner, INVOKE_RUNNER_SOURCE);
      writeFileSync(callsFile, JSON.stringify(calls));
      const child = await execa(process.execPath, [runner, callsFile, resultsFile], {
        reject: false,
        all: true,
        timeout: 60_000,
        ...(options.signal ? { cancelSignal: options.signal } : {}),
        extendEnv: false,
        env: {
          ...withoutAwsSettings(options.env ?? process.env),
          MARKER_URL: `${endpoint}${MARKER_PATH.slice(0, -1)}`,
          AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER: endpoint,
          AWS_REGION: 'us-east-1',
          AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE',
          AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
        },
      });
      let results: Record<string, CallResult> = {};
      try {
        results = JSON.parse(readFileSync(resultsFile, 'utf8')) as Record<string, CallResult>;
      } catch {
        // The runner died before writing: the exit code and output tell why.
      }
      return { results, requests, exitCode: child.exitCode ?? -1, output: child.all ?? '' };
    });
  } finally {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

/** No profile, region or endpoint of the machine's own may reach the handlers. */
function withoutAwsSettings(env: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(env).filter((entry): entry is [string, string] => entry[1] !== undefined && !entry[0].startsWith('AWS_') && entry[0] !== 'NODE_OPTIONS'),
  );
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let body = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => (body += chunk));
    request.on('end', () => resolve(body));
    request.on('error', reject);
  });
}
