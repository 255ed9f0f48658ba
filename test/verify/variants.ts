// The variant matrix: named option sets that together cover every trigger, every pre token
// generation version, every feature plan and threat protection mode, every attribute type and
// constraint, suppressed claims and scopes, data kept apart by a tenant claim under V2_0 and V3_0, and the edge cases (no pre token generation trigger,
// no attributes, no triggers at all). The verification tests build, type-check, synthesize and
// run each one; snapshot tests may reuse the same set.
import { type RawOptions } from '../../src/core/index.js';

export interface Variant {
  /** Directory name under test/.work/variants/ and the test label. */
  name: string;
  /** What this variant is there to cover. */
  covers: string;
  options: RawOptions;
}

export const VARIANTS: readonly Variant[] = [
  {
    name: 'v1-lite',
    covers: 'V1_0 on LITE (ID token only, string claims), String/Number constraints, ID-token suppression',
    options: {
      projectName: 'v1-lite',
      triggers: 'preSignUp,preTokenGeneration,customMessage',
      preTokenVersion: 'V1_0',
      featurePlan: 'LITE',
      threatProtection: 'OFF',
      attributes: 'tenant_id:String:immutable:1-64,plan_level:Number:0-100',
      idTokenClaims: 'tenant_id,plan_level',
      suppressClaims: 'nickname',
    },
  },
  {
    name: 'v1-admin-attributes',
    covers: 'V1_0 on ESSENTIALS with postConfirmation setting claim attributes (admin SDK), Boolean/DateTime as string claims',
    options: {
      projectName: 'v1-admin-attributes',
      triggers: ['postConfirmation', 'preTokenGeneration', 'customMessage'],
      preTokenVersion: 'v1',
      featurePlan: 'ESSENTIALS',
      attributes: ['org:String', 'is_owner:Boolean', 'trial_ends:DateTime:immutable', 'theme:String:0-16'],
      idTokenClaims: ['org', 'is_owner', 'trial_ends'],
    },
  },
  {
    name: 'v2-essentials',
    covers:
      'V2_0 on ESSENTIALS: typed ID and access claims of every type, a writable non-claim attribute, suppression in both tokens, scopes, postConfirmation with the admin SDK',
    options: {
      projectName: 'v2-essentials',
      triggers: 'preSignUp,preTokenGeneration,postConfirmation',
      preTokenVersion: 'V2_0',
      featurePlan: 'ESSENTIALS',
      threatProtection: 'OFF',
      attributes: 'tenant_id:String:immutable:1-64,seats:Number:1-500,is_admin:Boolean,joined_at:DateTime,theme:String',
      idTokenClaims: 'tenant_id,is_admin',
      accessTokenClaims: 'tenant_id,seats,is_admin,joined_at',
      suppressClaims: 'locale,zoneinfo',
      scopesToAdd: 'orders/read,orders/write',
    },
  },
  {
    name: 'v2-plus-audit',
    covers:
      'V2_0 on PLUS with threat protection AUDIT; access-token claims only; postAuthentication, preAuthentication, userMigration; data kept apart by the tenant_id claim (two tenants through the generated resolvers)',
    options: {
      projectName: 'v2-plus-audit',
      triggers: 'preTokenGeneration,postAuthentication,preAuthentication,userMigration',
      preTokenVersion: 'V2_0',
      featurePlan: 'PLUS',
      threatProtection: 'AUDIT',
      attributes: 'tenant_id:String:3-36,max_projects:Number:immutable:1-1000',
      idTokenClaims: '',
      accessTokenClaims: 'tenant_id,max_projects',
      suppressClaims: 'locale',
      tenantClaim: 'tenant_id',
    },
  },
  {
    name: 'v3-plus-enforced',
    covers:
      'V3_0 on PLUS with threat protection ENFORCED (plan implied), default claims, client credentials, the custom-auth triggers',
    options: {
      projectName: 'v3-plus-enforced',
      triggers: 'defineAuthChallenge,createAuthChallenge,verifyAuthChallengeResponse,preTokenGeneration',
      preTokenVersion: 'V3_0',
      threatProtection: 'ENFORCED',
      attributes: 'org_id:String,tier:Number:immutable:0-10,beta:Boolean:immutable,renewed_at:DateTime',
      scopesToAdd: 'api/admin',
    },
  },
  {
    name: 'v3-admin-attributes',
    covers:
      'V3_0 on ESSENTIALS with postConfirmation setting the claim attributes, ID token suppression only; data kept apart by an 8-character account claim',
    options: {
      projectName: 'v3-admin-attributes',
      triggers: 'preTokenGeneration,postConfirmation',
      preTokenVersion: 'V3_0',
      featurePlan: 'ESSENTIALS',
      attributes: 'account:String:immutable:8-8,credits:Number',
      idTokenClaims: 'account',
      accessTokenClaims: 'account,credits',
      suppressClaims: 'website',
      tenantClaim: 'account',
    },
  },
  {
    name: 'plus-no-pre-token',
    covers: 'PLUS with threat protection OFF and no pre token generation trigger: no claims, every custom attribute writable',
    options: {
      projectName: 'plus-no-pre-token',
      triggers: 'preSignUp,postConfirmation,customMessage',
      featurePlan: 'PLUS',
      threatProtection: 'OFF',
      attributes: 'department:String:2-32,level:Number:-5-5,verified_at:DateTime:immutable,opted_in:Boolean',
    },
  },
  {
    name: 'no-attributes',
    covers: 'V2_0 without custom attributes: suppression and scopes only',
    options: {
      projectName: 'no-attributes',
      triggers: 'preTokenGeneration',
      preTokenVersion: 'V2_0',
      featurePlan: 'ESSENTIALS',
      attributes: '',
      suppressClaims: 'nickname',
      scopesToAdd: 'reports/read',
    },
  },
  {
    name: 'no-triggers',
    covers: 'no triggers at all on LITE: an empty LambdaConfig, the default attribute writable',
    options: {
      projectName: 'no-triggers',
      triggers: '',
      featurePlan: 'LITE',
    },
  },
];
