// Runs the bundled pre token generation handler of the pool: the function LambdaConfig names,
// with events of the configured version built from the pool's schema.
import { clientCredentialsEvent, TRIGGERS } from '../core/triggers.js';
import type { PreTokenVersion } from '../core/cognito.js';
import { configuredVersion, markerValues, type HandlerOutcome, type PreTokenProbe } from '../core/doctor/index.js';
import { type AuthStack, arnTarget, LEGACY_PRE_TOKEN_KEY, PRE_TOKEN_CONFIG_KEY, schemaAttributes } from '../core/stack.js';
import type { TokenUser } from '../core/tokens/index.js';
import { handlerEntry } from './auth-stack.js';
import { InspectError } from './errors.js';
import { type CallResult, invokeHandlers, type InvokeOptions } from './invoke.js';

export interface PreTokenFunction {
  functionId: string;
  version: PreTokenVersion;
  entry: string;
}

/** The pool's pre token generation function and its bundle, or undefined when it has none. */
export function preTokenFunction(stack: AuthStack, cdkOut: string): PreTokenFunction | undefined {
  const lambdaConfig = (stack.pool.LambdaConfig ?? {}) as Record<string, any>;
  const version = configuredVersion(stack);
  const functionId = arnTarget(lambdaConfig[PRE_TOKEN_CONFIG_KEY]?.LambdaArn) ?? arnTarget(lambdaConfig[LEGACY_PRE_TOKEN_KEY]);
  const fn = functionId ? stack.resources[functionId] : undefined;
  if (!version || !functionId || fn?.Type !== 'AWS::Lambda::Function') return undefined;
  return { functionId, version, entry: handlerEntry(cdkOut, fn) };
}

export function preTokenEvent(version: PreTokenVersion, user: TokenUser, triggerSource = 'TokenGeneration_Authentication'): Record<string, any> {
  if (triggerSource === 'TokenGeneration_ClientCredentials') return clientCredentialsEvent() as Record<string, any>;
  const event = TRIGGERS.preTokenGeneration.sampleEvent({ userAttributes: user.attributes, preTokenVersion: version }) as Record<string, any>;
  event.userName = user.username;
  event.triggerSource = triggerSource;
  event.request.groupConfiguration.groupsToOverride = user.groups;
  return event;
}

/** The sample event, the marker event, and one flipped event per Boolean attribute, in one child process. */
export async function probePreToken(stack: AuthStack, fn: PreTokenFunction, user: TokenUser, options: InvokeOptions = {}): Promise<PreTokenProbe> {
  const markers = markerValues(schemaAttributes(stack));
  const marked: TokenUser = { ...user, attributes: { ...user.attributes, ...Object.fromEntries(markers.map((m) => [m.attribute, m.value])) } };
  const calls = [
    { key: 'sample', file: fn.entry, event: preTokenEvent(fn.version, user) },
    { key: 'marked', file: fn.entry, event: preTokenEvent(fn.version, marked) },
    ...markers
      .filter((marker) => marker.kind === 'boolean')
      .map((marker) => ({
        key: `flipped:${marker.attribute}`,
        file: fn.entry,
        event: preTokenEvent(fn.version, { ...marked, attributes: { ...marked.attributes, [marker.attribute]: 'false' } }),
      })),
  ];
  const invocation = await invokeHandlers(calls, options);
  const outcome = (key: string): HandlerOutcome => toOutcome(invocation.results[key], invocation.output);
  return {
    functionId: fn.functionId,
    version: fn.version,
    sample: outcome('sample'),
    markers,
    marked: outcome('marked'),
    flipped: Object.fromEntries(markers.filter((m) => m.kind === 'boolean').map((m) => [m.attribute, outcome(`flipped:${m.attribute}`)])),
  };
}

/** One call, for preview: the handler's answer or an InspectError with its error. */
export async function invokePreToken(fn: PreTokenFunction, event: unknown, options: InvokeOptions = {}): Promise<unknown> {
  const invocation = await invokeHandlers([{ key: 'preview', file: fn.entry, event }], options);
  const outcome = toOutcome(invocation.results.preview, invocation.output);
  if (!outcome.ok) throw new InspectError(`the pre token generation handler (${fn.functionId}) threw:\n${outcome.error}`);
  return outcome.value;
}

function toOutcome(result: CallResult | undefined, output: string): HandlerOutcome {
  if (!result) return { ok: false, error: `the handler did not run:\n${output.trim().split('\n').slice(-10).join('\n')}` };
  return result.ok ? { ok: true, value: result.value } : { ok: false, error: result.error };
}
