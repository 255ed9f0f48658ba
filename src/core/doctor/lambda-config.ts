// LambdaConfig rules: a complete PreTokenGenerationConfig, a legacy key that agrees with it, and
// no trigger function left out of LambdaConfig (as when an assignment replaced it wholesale).
import {
  type AuthStack,
  cognitoPermissions,
  LEGACY_PRE_TOKEN_KEY,
  lambdaConfigTargets,
  ofType,
  PRE_TOKEN_CONFIG_KEY,
  triggerNamedBy,
  arnTarget,
} from '../stack.js';
import type { Finding } from './finding.js';

export function preTokenConfigFindings(stack: AuthStack): Finding[] {
  const lambdaConfig = (stack.pool.LambdaConfig ?? {}) as Record<string, any>;
  const config = lambdaConfig[PRE_TOKEN_CONFIG_KEY];
  if (config === undefined) return [];
  const findings: Finding[] = [];
  const resource = `${stack.poolId} LambdaConfig.${PRE_TOKEN_CONFIG_KEY}`;
  const missing = ['LambdaArn', 'LambdaVersion'].filter((key) => config?.[key] === undefined || config?.[key] === null);
  if (missing.length > 0) {
    findings.push({
      id: 'pre-token-config-incomplete',
      severity: 'error',
      resource,
      problem: `${PRE_TOKEN_CONFIG_KEY} has no ${missing.join(' and no ')}: synthesis passes, the deployment fails ("Value null at 'lambdaConfig.preTokenGenerationConfig.${missing[0] === 'LambdaArn' ? 'lambdaArn' : 'lambdaVersion'}'").`,
      fix: `Attach the function with userPool.addTrigger(UserPoolOperation.PRE_TOKEN_GENERATION_CONFIG, fn, LambdaVersion.V2_0), which writes LambdaArn and LambdaVersion together, or set both in the override.`,
    });
  }
  const legacy = lambdaConfig[LEGACY_PRE_TOKEN_KEY];
  if (legacy !== undefined && config?.LambdaArn !== undefined && JSON.stringify(legacy) !== JSON.stringify(config.LambdaArn)) {
    findings.push({
      id: 'pre-token-legacy-mismatch',
      severity: 'error',
      resource: `${stack.poolId} LambdaConfig.${LEGACY_PRE_TOKEN_KEY}`,
      problem: `The legacy ${LEGACY_PRE_TOKEN_KEY} names ${describeArn(legacy)} but ${PRE_TOKEN_CONFIG_KEY}.LambdaArn names ${describeArn(config.LambdaArn)}: Cognito requires them to be the same function, the deployment fails.`,
      fix: `Attach pre token generation once: remove it from defineAuth triggers and attach it with userPool.addTrigger(PRE_TOKEN_GENERATION_CONFIG, …), or make both keys name the same function.`,
    });
  }
  return findings;
}

export function unattachedTriggerFindings(stack: AuthStack): Finding[] {
  const attached = new Set([...lambdaConfigTargets(stack).values()].filter((id): id is string => id !== undefined));
  const permitted = new Set(cognitoPermissions(stack).map((permission) => permission.functionId));
  const findings: Finding[] = [];
  for (const [id] of ofType(stack, 'AWS::Lambda::Function')) {
    if (attached.has(id)) continue;
    const trigger = triggerNamedBy(id);
    if (!trigger && !permitted.has(id)) continue;
    const why = trigger ? `is named like the ${trigger.name} trigger (amplify/auth/${trigger.folder})` : 'has a permission that lets Cognito invoke it';
    const key = trigger ? (trigger.name === 'preTokenGeneration' ? `${LEGACY_PRE_TOKEN_KEY} or ${PRE_TOKEN_CONFIG_KEY}` : trigger.lambdaConfigKey) : 'any key';
    findings.push({
      id: 'trigger-not-in-lambda-config',
      severity: 'error',
      resource: id,
      problem: `${id} ${why} but LambdaConfig (${key}) does not name it: Cognito never calls it. Typical cause: an assignment such as cfnUserPool.lambdaConfig = { … } replaced the whole LambdaConfig, dropping the triggers defineAuth had set.`,
      fix: `Keep the triggers defineAuth writes: add to LambdaConfig with userPool.addTrigger(…) or cfnUserPool.addPropertyOverride('LambdaConfig.<Key>', …) instead of assigning cfnUserPool.lambdaConfig.`,
    });
  }
  return findings;
}

function describeArn(value: unknown): string {
  return arnTarget(value) ?? JSON.stringify(value);
}
