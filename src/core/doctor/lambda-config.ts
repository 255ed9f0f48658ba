// LambdaConfig rules: a complete PreTokenGenerationConfig, a legacy key that agrees with it, and
// no trigger function left out of LambdaConfig (as when an assignment replaced it wholesale).
// Functions are followed into whichever stack declares them.
import {
  type AuthStack,
  cognitoPermissions,
  describeResource,
  LEGACY_PRE_TOKEN_KEY,
  lambdaConfigTargets,
  poolRef,
  PRE_TOKEN_CONFIG_KEY,
  resolveResource,
  type ResourceRef,
  resourcesOfType,
  sameResource,
  triggerNamedBy,
} from '../stack.js';
import type { Finding } from './finding.js';

export function preTokenConfigFindings(stack: AuthStack): Finding[] {
  const lambdaConfig = (stack.pool.LambdaConfig ?? {}) as Record<string, any>;
  const config = lambdaConfig[PRE_TOKEN_CONFIG_KEY];
  if (config === undefined) return [];
  const findings: Finding[] = [];
  const pool = describeResource(stack.assembly, poolRef(stack));
  const missing = ['LambdaArn', 'LambdaVersion'].filter((key) => config?.[key] === undefined || config?.[key] === null);
  if (missing.length > 0) {
    findings.push({
      id: 'pre-token-config-incomplete',
      severity: 'error',
      resource: `${pool} LambdaConfig.${PRE_TOKEN_CONFIG_KEY}`,
      problem: `${PRE_TOKEN_CONFIG_KEY} has no ${missing.join(' and no ')}: synthesis passes, the deployment fails ("Value null at 'lambdaConfig.preTokenGenerationConfig.${missing[0] === 'LambdaArn' ? 'lambdaArn' : 'lambdaVersion'}'").`,
      fix: `Attach the function with userPool.addTrigger(UserPoolOperation.PRE_TOKEN_GENERATION_CONFIG, fn, LambdaVersion.V2_0), which writes LambdaArn and LambdaVersion together, or set both in the override.`,
    });
  }
  const legacy = lambdaConfig[LEGACY_PRE_TOKEN_KEY];
  if (legacy !== undefined && config?.LambdaArn !== undefined && !sameFunction(stack, legacy, config.LambdaArn)) {
    findings.push({
      id: 'pre-token-legacy-mismatch',
      severity: 'error',
      resource: `${pool} LambdaConfig.${LEGACY_PRE_TOKEN_KEY}`,
      problem: `The legacy ${LEGACY_PRE_TOKEN_KEY} names ${describeArn(stack, legacy)} but ${PRE_TOKEN_CONFIG_KEY}.LambdaArn names ${describeArn(stack, config.LambdaArn)}: Cognito requires them to be the same function, the deployment fails.`,
      fix: `Attach pre token generation once: remove it from defineAuth triggers and attach it with userPool.addTrigger(PRE_TOKEN_GENERATION_CONFIG, …), or make both keys name the same function.`,
    });
  }
  return findings;
}

export function unattachedTriggerFindings(stack: AuthStack): Finding[] {
  const attached = [...lambdaConfigTargets(stack).values()].filter((ref): ref is ResourceRef => ref !== undefined);
  const permitted = cognitoPermissions(stack).map((permission) => permission.target);
  const findings: Finding[] = [];
  for (const fn of resourcesOfType(stack.assembly, 'AWS::Lambda::Function')) {
    if (attached.some((ref) => sameResource(ref, fn))) continue;
    const trigger = triggerNamedBy(fn.id);
    if (!trigger && !permitted.some((ref) => sameResource(ref, fn))) continue;
    const name = describeResource(stack.assembly, fn);
    const why = trigger ? `is named like the ${trigger.name} trigger (amplify/auth/${trigger.folder})` : 'has a permission that lets Cognito invoke it';
    const key = trigger ? (trigger.name === 'preTokenGeneration' ? `${LEGACY_PRE_TOKEN_KEY} or ${PRE_TOKEN_CONFIG_KEY}` : trigger.lambdaConfigKey) : 'any key';
    findings.push({
      id: 'trigger-not-in-lambda-config',
      severity: 'error',
      resource: name,
      problem: `${name} ${why} but LambdaConfig (${key}) does not name it: Cognito never calls it. Typical cause: an assignment such as cfnUserPool.lambdaConfig = { … } replaced the whole LambdaConfig, dropping the triggers defineAuth had set.`,
      fix: `Keep the triggers defineAuth writes: add to LambdaConfig with userPool.addTrigger(…) or cfnUserPool.addPropertyOverride('LambdaConfig.<Key>', …) instead of assigning cfnUserPool.lambdaConfig; or remove the function if it is no longer a trigger.`,
    });
  }
  return findings;
}

function sameFunction(stack: AuthStack, a: unknown, b: unknown): boolean {
  const [first, second] = [resolveResource(stack.assembly, stack.file, a), resolveResource(stack.assembly, stack.file, b)];
  return first || second ? sameResource(first, second) : JSON.stringify(a) === JSON.stringify(b);
}

function describeArn(stack: AuthStack, value: unknown): string {
  const ref = resolveResource(stack.assembly, stack.file, value);
  return ref ? describeResource(stack.assembly, ref) : JSON.stringify(value);
}
