// Feature plan rules: V2_0/V3_0 need ESSENTIALS or PLUS, threat protection needs PLUS, and a pool
// without an explicit UserPoolTier gets whatever its history gives it.
import {
  DEFINE_AUTH_PRE_TOKEN_VERSION,
  FEATURE_PLANS,
  type FeaturePlan,
  isPreTokenVersion,
  PLAN_FOR_THREAT_PROTECTION,
  planAllows,
  PRE_TOKEN_VERSION_INFO,
  type PreTokenVersion,
} from '../cognito.js';
import { type AuthStack, PRE_TOKEN_CONFIG_KEY } from '../stack.js';
import type { Finding } from './finding.js';

export function configuredVersion(stack: AuthStack): PreTokenVersion | undefined {
  const lambdaConfig = (stack.pool.LambdaConfig ?? {}) as Record<string, any>;
  const version = lambdaConfig[PRE_TOKEN_CONFIG_KEY]?.LambdaVersion;
  if (isPreTokenVersion(version)) return version;
  // The legacy key alone: what defineAuth writes, so the version defineAuth attaches.
  return lambdaConfig.PreTokenGeneration !== undefined ? DEFINE_AUTH_PRE_TOKEN_VERSION : undefined;
}

export function planFindings(stack: AuthStack): Finding[] {
  const tier = stack.pool.UserPoolTier as FeaturePlan | undefined;
  const mode = stack.pool.UserPoolAddOns?.AdvancedSecurityMode as string | undefined;
  const version = configuredVersion(stack);
  const threatProtection = mode !== undefined && mode !== 'OFF';
  const resource = `${stack.poolId} UserPoolTier`;
  const findings: Finding[] = [];
  const minimumPlan = version ? PRE_TOKEN_VERSION_INFO[version].minimumPlan : undefined;
  const needsPlan = minimumPlan !== undefined && minimumPlan !== FEATURE_PLANS[0];
  if (tier !== undefined && needsPlan && !planAllows(tier, minimumPlan)) {
    findings.push({
      id: 'plan-too-low-for-version',
      severity: 'error',
      resource,
      problem: `Pre token generation ${version} needs the ${minimumPlan} plan or higher; the pool is on ${tier}: the deployment fails.`,
      fix: `Set cfnUserPool.userPoolTier = 'ESSENTIALS' (or 'PLUS'), or use V1_0 (ID token only).`,
    });
  }
  if (tier !== undefined && threatProtection && !planAllows(tier, PLAN_FOR_THREAT_PROTECTION)) {
    findings.push({
      id: 'threat-protection-plan',
      severity: 'error',
      resource: `${stack.poolId} UserPoolAddOns.AdvancedSecurityMode`,
      problem: `Threat protection (AdvancedSecurityMode ${mode}) needs the PLUS plan; the pool is on ${tier}: the deployment fails with FeatureUnavailableInTierException.`,
      fix: `Set cfnUserPool.userPoolTier = 'PLUS', or remove userPoolAddOns (AdvancedSecurityMode OFF).`,
    });
  }
  if (tier === undefined && (needsPlan || threatProtection)) {
    const feature = threatProtection ? `threat protection (AdvancedSecurityMode ${mode})` : `pre token generation ${version}`;
    findings.push({
      id: 'plan-not-explicit',
      severity: 'warning',
      resource,
      problem: `The pool sets no UserPoolTier but uses ${feature}: the plan comes from the pool's history (pools created before the plans existed are on LITE, new ones on ESSENTIALS), so the same code may deploy in one account and fail in another.`,
      fix: `Set cfnUserPool.userPoolTier explicitly: '${threatProtection ? 'PLUS' : 'ESSENTIALS'}'.`,
    });
  }
  return findings;
}
