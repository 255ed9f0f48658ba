// Runs the pool's pre token generation handler: the function LambdaConfig names, in whichever
// stack declares it, with events of the configured version built from the pool's schema.
import type { PreTokenVersion } from '../core/cognito.js';
import { markerValues, type HandlerOutcome, type PreTokenProbe } from '../core/doctor/index.js';
import {
  type AuthStack,
  describeResource,
  preTokenAttachment,
  resolveResource,
  resourceAt,
  schemaAttributes,
} from '../core/stack.js';
import { preTokenEvent, type TokenUser } from '../core/tokens/index.js';
import { type HandlerLocation, locateHandler } from './auth-stack.js';
import { InspectError } from './errors.js';
import { type CallResult, invokeHandlers, type InvokeOptions } from './invoke.js';

export interface PreTokenFunction {
  /** As findings name it: `<stack>/<logical id>`, or the ARN when it is outside the app. */
  resource: string;
  version: PreTokenVersion;
  handler: HandlerLocation;
}

/** The pool's pre token generation function and where its handler is, or undefined when it has none. */
export function preTokenFunction(stack: AuthStack, cdkOut: string): PreTokenFunction | undefined {
  const attachment = preTokenAttachment(stack);
  if (attachment?.arn === undefined) return undefined;
  const { version, arn } = attachment;
  const ref = resolveResource(stack.assembly, stack.file, arn);
  const fn = ref ? resourceAt(stack.assembly, ref) : undefined;
  if (!ref || fn?.Type !== 'AWS::Lambda::Function') {
    return {
      resource: JSON.stringify(arn),
      version,
      handler: { runnable: false, reason: 'LambdaConfig names a function that is not part of this app (a literal ARN or an import)' },
    };
  }
  return { resource: describeResource(stack.assembly, ref), version, handler: locateHandler(cdkOut, stack.assembly, fn) };
}

type RunnablePreToken = PreTokenFunction & { handler: Extract<HandlerLocation, { runnable: true }> };

/** The pool's pre token generation function, for preview and the data check: an InspectError when there is none to run. */
export function runnablePreTokenFunction(stack: AuthStack, cdkOut: string): RunnablePreToken {
  const fn = preTokenFunction(stack, cdkOut);
  if (!fn) throw new InspectError('the user pool has no pre token generation trigger: the tokens carry only what Cognito puts in them.');
  const { handler } = fn;
  if (!handler.runnable) throw new InspectError(`cannot run the pre token generation handler ${fn.resource}: ${handler.reason}.`);
  return { ...fn, handler };
}

/** The sample event, the marker event, and one flipped event per Boolean attribute, in one child process. */
export async function probePreToken(stack: AuthStack, fn: RunnablePreToken, user: TokenUser, options: InvokeOptions = {}): Promise<PreTokenProbe> {
  const markers = markerValues(schemaAttributes(stack));
  const marked: TokenUser = { ...user, attributes: { ...user.attributes, ...Object.fromEntries(markers.map((m) => [m.attribute, m.value])) } };
  const call = (key: string, event: unknown) => ({ key, file: fn.handler.file, exportName: fn.handler.exportName, event });
  const sample = preTokenEvent(stack, fn.version, user);
  const calls = [
    call('sample', sample),
    call('marked', preTokenEvent(stack, fn.version, marked)),
    ...markers
      .filter((marker) => marker.kind === 'boolean')
      .map((marker) => call(`flipped:${marker.attribute}`, preTokenEvent(stack, fn.version, { ...marked, attributes: { ...marked.attributes, [marker.attribute]: 'false' } }))),
  ];
  const invocation = await invokeHandlers(calls, options);
  const outcome = (key: string): HandlerOutcome => toOutcome(invocation.results[key], invocation.output);
  return {
    resource: fn.resource,
    version: fn.version,
    clientId: String(sample.callerContext.clientId),
    sample: outcome('sample'),
    markers,
    marked: outcome('marked'),
    flipped: Object.fromEntries(markers.filter((m) => m.kind === 'boolean').map((m) => [m.attribute, outcome(`flipped:${m.attribute}`)])),
  };
}

/** The handler's answers to the events, in one child process (preview, the data check), or an InspectError with its error. */
export async function invokePreToken(fn: RunnablePreToken, events: unknown[], options: InvokeOptions = {}): Promise<unknown[]> {
  const calls = events.map((event, index) => ({ key: `preview:${index}`, file: fn.handler.file, exportName: fn.handler.exportName, event }));
  const invocation = await invokeHandlers(calls, options);
  return calls.map(({ key }) => {
    const outcome = toOutcome(invocation.results[key], invocation.output);
    if (!outcome.ok) throw new InspectError(`the pre token generation handler (${fn.resource}) threw:\n${outcome.error}`);
    return outcome.value;
  });
}

function toOutcome(result: CallResult | undefined, output: string): HandlerOutcome {
  if (!result) return { ok: false, error: `the handler did not run:\n${output.trim().split('\n').slice(-10).join('\n')}` };
  return result.ok ? { ok: true, value: result.value } : { ok: false, error: result.error };
}
