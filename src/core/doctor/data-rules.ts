// Rules over Amplify Data's authorization: a rule that compares a claim the access token does not
// carry (Amplify JS v6 sends the access token, so the rule never matches), a rule that reads an
// attribute the app client may write straight from the ID token, and an owner field that owners
// may update, which moves a record into another tenant.
import { claimsRead, type DataRule, type DataSchema, describeRule, ruleLocation, shown } from '../data/auth-rules.js';
import { claimsMissingFromAccessToken, type SignInTokens } from '../data/rule-check.js';
import { tsKey } from '../escape.js';
import { PRE_TOKEN_VERSION_INFO } from '../cognito.js';
import { type AuthStack, describeResource, preTokenAttachment, resourcesOfType } from '../stack.js';
import { clientWriteFindings } from './client-writes.js';
import type { Finding } from './finding.js';

export interface DataContext {
  schema: DataSchema;
  /** The sample user's tokens after sign-in; undefined when the handler could not be run. */
  tokens?: SignInTokens;
}

export function dataRuleFindings(stack: AuthStack, data: DataContext): Finding[] {
  // Findings name the GraphQL API (`<stack>/<logical id>`), then the model or field.
  const [api] = resourcesOfType(stack.assembly, 'AWS::AppSync::GraphQLApi');
  const apiName = api ? describeResource(stack.assembly, api) : 'data';
  return [
    ...(data.tokens ? claimGapFindings(data.schema.rules, data.tokens, stack, apiName) : []),
    ...writableAttributeFindings(data.schema.rules, stack),
    ...reassignableFindings(data.schema, apiName),
  ];
}

/** "Invoice: allow.ownerDefinedIn('tenantId').identityClaim('tenant_id')" for each rule reading the claim. */
export function rulesReading(rules: DataRule[], claim: string): string[] {
  return rules.filter((rule) => claimsRead(rule).includes(claim)).map((rule) => `${ruleLocation(rule)}: ${describeRule(rule)}`);
}

function claimGapFindings(rules: DataRule[], tokens: SignInTokens, stack: AuthStack, apiName: string): Finding[] {
  const version = preTokenAttachment(stack)?.version;
  const customizesAccessToken = version !== undefined && PRE_TOKEN_VERSION_INFO[version].customizesAccessToken;
  return claimsMissingFromAccessToken(rules, tokens).map((gap) => {
    const where = [...new Set(gap.rules.map(ruleLocation))].join(', ');
    const claim = shown(gap.claim);
    const readers = gap.rules.map((rule) => `${ruleLocation(rule)}: ${describeRule(rule)}`).join('; ');
    const carried = gap.inIdToken
      ? `only the ID token carries ${claim}`
      : `neither token carries ${claim}`;
    const attribute = gap.claim.startsWith('custom:') ? gap.claim.slice('custom:'.length) : undefined;
    const fix = attribute
      ? `Copy ${claim} into an access-token claim in pre token generation V2_0/V3_0 (response.claimsAndScopeOverrideDetails.accessTokenGeneration.claimsToAddOrOverride, e.g. { ${tsKey(attribute)}: … }) and read that claim in the rule; an attribute is never in the access token by itself.`
      : customizesAccessToken
        ? `Add ${claim} to response.claimsAndScopeOverrideDetails.accessTokenGeneration.claimsToAddOrOverride in the pre token generation handler (a generated project: --regenerate --access-token-claims with the attribute), or read a claim the access token carries.`
        : `Attach pre token generation as V2_0 or V3_0 (V1_0 changes only the ID token; defineAuth attaches V1_0) and add ${claim} to accessTokenGeneration.claimsToAddOrOverride, or read a claim the access token carries.`;
    return {
      id: 'data-claim-not-in-access-token' as const,
      severity: 'error' as const,
      resource: `${apiName} ${where}`,
      problem: `${readers} ${gap.rules.length === 1 ? 'compares' : 'compare'} the ${claim} claim, but ${carried} and Amplify JS v6 sends the access token to AppSync: the rule never matches, so signed-in users ${gap.rules.some((rule) => rule.allow === 'owner') ? 'can neither create nor see their records' : 'are never in the group it names'} (only other rules let anything through).`,
      fix,
    };
  });
}

/** A rule that reads custom:<name> straight from the ID token: who may write the attribute chooses the claim. */
function writableAttributeFindings(rules: DataRule[], stack: AuthStack): Finding[] {
  const attributes = [...new Set(rules.flatMap(claimsRead).filter((claim) => claim.startsWith('custom:')))];
  return attributes.flatMap((attribute) => clientWriteFindings(stack, attribute, `${rulesReading(rules, attribute).join('; ')} reads`, "reach another tenant's records."));
}

/**
 * An owner or dynamic-group field shared by a claim (a tenant, not the user's own sub) that owners
 * may update: they can move a record into another tenant. Amplify prints "owners may reassign
 * ownership" at synthesis; a field-level rule without update, or the field in the primary key
 * (an update cannot change a key), closes it.
 */
function reassignableFindings(schema: DataSchema, apiName: string): Finding[] {
  const findings: Finding[] = [];
  for (const rule of schema.rules) {
    if (rule.field || rule.provider !== 'userPools' || !rule.operations.includes('update')) continue;
    const field = rule.allow === 'owner' && rule.identityClaim !== 'sub::username' ? rule.ownerField : rule.allow === 'groups' ? rule.groupsField : undefined;
    if (!field || (schema.keys[rule.model] ?? ['id']).includes(field)) continue;
    const fieldRules = schema.rules.filter((candidate) => candidate.model === rule.model && candidate.field === field);
    const updaters = fieldRules.length > 0 ? fieldRules.filter((candidate) => candidate.operations.includes('update') && claimsRead(candidate).length > 0) : [rule];
    if (updaters.length === 0) continue;
    const claim = claimsRead(rule).map(shown).join('::');
    findings.push({
      id: 'data-tenant-reassignable',
      severity: 'warning',
      resource: `${apiName} ${rule.model}.${field}`,
      problem: `${rule.model}: ${describeRule(rule)} lets the users it matches update ${field}, the field it compares with ${claim}: a user can set ${field} to another value and move a record into another tenant (Amplify warns "owners may reassign ownership").`,
      fix: `Give ${field} a field-level rule without update, e.g. ${field}: a.string().authorization((allow) => [${describeRule({ ...rule, operations: ['create', 'read', 'delete'] })}]) (create and delete must stay allowed on every field), or make it part of the identifier (.identifier(['${field}', 'id'])), which an update cannot change.`,
    });
  }
  return findings;
}
