// Feature plan rules: every plan-gated feature the pool turns on (pre token generation V2_0/V3_0,
// passwordless, passkeys, email MFA, threat protection) against its UserPoolTier; custom-auth
// sign-ins left outside threat protection; and a pool with no explicit UserPoolTier.
import {
  CUSTOM_AUTH_TRIGGERS,
  FEATURE_PLANS,
  type FeaturePlan,
  PLAN_GATED_FEATURES,
  planAllows,
  type PlanGatedFeature,
  PRE_TOKEN_VERSION_INFO,
  type PreTokenVersion,
} from '../cognito.js';
import { type AuthStack, describeResource, poolRef, preTokenAttachment } from '../stack.js';
import { TRIGGERS } from '../triggers.js';
import type { Finding } from './finding.js';

/** The plan-gated features the pool's properties turn on. */
export function gatedFeaturesUsed(pool: Record<string, any>): PlanGatedFeature[] {
  const factors = asStrings(pool.Policies?.SignInPolicy?.AllowedFirstAuthFactors);
  const used: PlanGatedFeature[] = [];
  if (factors.includes('EMAIL_OTP') || factors.includes('SMS_OTP')) used.push('passwordless');
  if (factors.includes('WEB_AUTHN')) used.push('passkeys');
  if (asStrings(pool.EnabledMfas).includes('EMAIL_OTP')) used.push('emailMfa');
  if (threatProtectionMode(pool) !== undefined) used.push('threatProtection');
  if (customAuthMode(pool) !== undefined) used.push('customAuthThreatProtection');
  return used;
}

export function planFindings(stack: AuthStack): Finding[] {
  const tier = stack.pool.UserPoolTier as FeaturePlan | undefined;
  const version = preTokenAttachment(stack)?.version;
  const pool = describeResource(stack.assembly, poolRef(stack));
  const features = gatedFeaturesUsed(stack.pool);
  const findings: Finding[] = [];
  const minimumPlan = version ? PRE_TOKEN_VERSION_INFO[version].minimumPlan : undefined;
  const versionPlan = minimumPlan !== undefined && minimumPlan !== FEATURE_PLANS[0] ? minimumPlan : undefined;
  if (tier !== undefined && versionPlan && !planAllows(tier, versionPlan)) {
    findings.push({
      id: 'plan-too-low-for-version',
      severity: 'error',
      resource: `${pool} UserPoolTier`,
      problem: `Pre token generation ${version} needs the ${versionPlan} plan or higher; the pool is on ${tier}: the deployment fails.`,
      fix: `Set cfnUserPool.userPoolTier = 'ESSENTIALS' (or 'PLUS'), or use V1_0 (ID token only).`,
    });
  }
  for (const feature of features) {
    const { name, plan, property } = PLAN_GATED_FEATURES[feature];
    if (tier === undefined || planAllows(tier, plan)) continue;
    const threat = feature === 'threatProtection' || feature === 'customAuthThreatProtection';
    findings.push({
      id: threat ? 'threat-protection-plan' : 'plan-too-low-for-feature',
      severity: 'error',
      resource: `${pool} ${property.split(' ')[0]}`,
      problem: `${capitalize(name)} (${property}) needs the ${plan} plan or higher; the pool is on ${tier}: the deployment fails with FeatureUnavailableInTierException ("The following features need to be disabled for the ${tier} pricing tier configured: …").`,
      fix: threat
        ? `Set cfnUserPool.userPoolTier = 'PLUS', or turn threat protection off (remove userPoolAddOns).`
        : `Set cfnUserPool.userPoolTier = '${plan}' (or 'PLUS'), or turn ${name} off.`,
    });
  }
  findings.push(...customAuthFindings(stack, pool));
  if (tier === undefined && (versionPlan || features.length > 0)) findings.push(implicitPlanFinding(pool, versionPlan ? version : undefined, features));
  return findings;
}

/** Threat protection is on, the pool has custom-auth triggers, and their sign-ins are not covered. */
function customAuthFindings(stack: AuthStack, pool: string): Finding[] {
  const mode = threatProtectionMode(stack.pool);
  const lambdaConfig = (stack.pool.LambdaConfig ?? {}) as Record<string, unknown>;
  const customAuth = CUSTOM_AUTH_TRIGGERS.filter((name) => lambdaConfig[TRIGGERS[name].lambdaConfigKey] !== undefined);
  if (mode === undefined || customAuth.length === 0 || customAuthMode(stack.pool) !== undefined) return [];
  return [
    {
      id: 'threat-protection-custom-auth',
      severity: 'warning',
      resource: `${pool} UserPoolAddOns`,
      problem: `Threat protection is ${mode} (AdvancedSecurityMode), which covers password and SRP sign-ins only; the pool also signs users in with custom auth (${customAuth.join(', ')}), and those sign-ins get no risk detection without UserPoolAddOns.AdvancedSecurityAdditionalFlows.CustomAuthMode.`,
      fix: `cfnUserPool.userPoolAddOns = { advancedSecurityMode: '${mode}', advancedSecurityAdditionalFlows: { customAuthMode: '${mode}' } } (or customThreatProtectionMode on a CDK UserPool).`,
    },
  ];
}

/** `version`: the pre token generation version, when it needs a plan above LITE. */
function implicitPlanFinding(pool: string, version: PreTokenVersion | undefined, features: PlanGatedFeature[]): Finding {
  const threat = features.some((feature) => feature === 'threatProtection' || feature === 'customAuthThreatProtection');
  const uses = [
    ...(version !== undefined ? [`pre token generation ${version}`] : []),
    ...features.map((feature) => PLAN_GATED_FEATURES[feature].name),
  ].join(', ');
  const what = threat
    ? `AWS's pages disagree about what it gets: the feature-plans page says a new pool with threat protection and no UserPoolTier defaults to PLUS, the UserPoolTier reference (and CDK's featurePlan) that a new pool defaults to ESSENTIALS; an existing pool on a lower plan fails the deployment with FeatureUnavailableInTierException.`
    : `the plan comes from the pool's history: a new pool gets ESSENTIALS, but pools created before the plans existed are on LITE and fail the deployment, so the same code may deploy in one account and fail in another.`;
  return {
    id: 'plan-not-explicit',
    severity: 'warning',
    resource: `${pool} UserPoolTier`,
    problem: `The pool sets no UserPoolTier but uses ${uses}: ${what}`,
    fix: `Set cfnUserPool.userPoolTier explicitly: '${threat ? 'PLUS' : 'ESSENTIALS'}'.`,
  };
}

function threatProtectionMode(pool: Record<string, any>): string | undefined {
  const mode = pool.UserPoolAddOns?.AdvancedSecurityMode;
  return typeof mode === 'string' && mode !== 'OFF' ? mode : undefined;
}

function customAuthMode(pool: Record<string, any>): string | undefined {
  const mode = pool.UserPoolAddOns?.AdvancedSecurityAdditionalFlows?.CustomAuthMode;
  return typeof mode === 'string' && mode !== 'OFF' ? mode : undefined;
}

function asStrings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
