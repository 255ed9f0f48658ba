// Options → validated model. Every rule of what may be combined lives here; a front end shows
// the OptionsError message as it is and writes nothing.
import { type CustomAttribute, formatAttributeSpec, parseAttributes, stripCustomPrefix } from './attributes.js';
import {
  CLAIM_NAME_FORBIDDEN,
  CLAIM_NAME_PATTERN,
  CUSTOM_AUTH_TRIGGERS,
  FEATURE_PLANS,
  type FeaturePlan,
  PLAN_FOR_THREAT_PROTECTION,
  planAllows,
  PRE_TOKEN_VERSION_INFO,
  PRE_TOKEN_VERSIONS,
  type PreTokenVersion,
  SCOPE_PATTERN,
  THREAT_PROTECTION_MODES,
  type ThreatProtectionMode,
  WRITABLE_STANDARD_ATTRIBUTES,
} from './cognito.js';
import { claimRule, describeClaimRules, mayAddClaim, maySuppressClaim, type TokenKind } from './claims.js';
import { DEFAULTS, OptionsError, type RawOptions, splitList } from './options.js';
import { TRIGGER_NAMES, TRIGGERS, type TriggerInfo, type TriggerName } from './triggers.js';
import { checkPackageName } from './package-name.js';
import { escapedInline, quoted } from './escape.js';

export interface ClaimSource {
  /** Claim name in the token: the attribute name without `custom:`. */
  claim: string;
  attribute: CustomAttribute;
}

export interface ProjectModel {
  projectName: string;
  /** Chosen triggers, in catalog order. */
  triggers: TriggerInfo[];
  /** Present exactly when preTokenGeneration is chosen. */
  preTokenVersion?: PreTokenVersion;
  featurePlan: FeaturePlan;
  threatProtection: ThreatProtectionMode;
  attributes: CustomAttribute[];
  idTokenClaims: ClaimSource[];
  accessTokenClaims: ClaimSource[];
  suppressClaims: string[];
  scopesToAdd: string[];
  /** Custom attributes that feed a claim: the app client may not write them. */
  claimAttributes: CustomAttribute[];
  /**
   * Claim attributes the postConfirmation trigger gives a starting value with
   * AdminUpdateUserAttributes: the mutable ones (only AdminCreateUser can set an immutable one).
   * Empty without postConfirmation.
   */
  postConfirmationSets: CustomAttribute[];
  /** The app client's WriteAttributes: everything but the attributes that feed a claim. */
  writeAttributes: string[];
  /**
   * The access-token claim that partitions Amplify Data, when chosen: the generated data model
   * keeps each tenant's records apart by it (src/core/data/tenant.ts).
   */
  tenantClaim?: ClaimSource;
  /** Choices made for the user that they should hear about. */
  notices: string[];
}

export function buildModel(raw: RawOptions): ProjectModel {
  const notices: string[] = [];
  const projectName = raw.projectName ?? DEFAULTS.projectName;
  checkPackageName(projectName);

  const triggerNames = parseTriggers(raw.triggers);
  const hasPreToken = triggerNames.includes('preTokenGeneration');
  const preTokenVersion = parsePreTokenVersion(raw.preTokenVersion, hasPreToken);
  const threatProtection = parseEnum(raw.threatProtection, THREAT_PROTECTION_MODES, '--threat-protection') ?? DEFAULTS.threatProtection;
  const featurePlan = resolvePlan(raw.featurePlan, preTokenVersion, threatProtection, notices);

  const attributes = parseAttributes(splitList(raw.attributes) ?? [...DEFAULTS.attributes]);
  const idTokenClaims = parseClaims(raw.idTokenClaims, '--id-token-claims', 'id', attributes, hasPreToken ? attributes : []);
  const customizesAccessToken = preTokenVersion !== undefined && PRE_TOKEN_VERSION_INFO[preTokenVersion].customizesAccessToken;
  const accessDefault = customizesAccessToken ? attributes : [];
  const accessTokenClaims = parseClaims(raw.accessTokenClaims, '--access-token-claims', 'access', attributes, accessDefault);
  const suppressClaims = parseSuppressed(raw.suppressClaims);
  const scopesToAdd = parseScopes(raw.scopesToAdd);
  const tenantClaim = parseTenantClaim(raw.tenantClaim, preTokenVersion, attributes, accessTokenClaims);

  if (!hasPreToken) {
    const given = [
      ['--id-token-claims', raw.idTokenClaims],
      ['--access-token-claims', raw.accessTokenClaims],
      ['--suppress-claims', raw.suppressClaims],
      ['--scopes-to-add', raw.scopesToAdd],
    ].find(([, value]) => (splitList(value) ?? []).length > 0);
    if (given) {
      throw new OptionsError(`${given[0]} needs the preTokenGeneration trigger; add it to --triggers or drop ${given[0]}.`);
    }
  }
  if (preTokenVersion !== undefined && !customizesAccessToken && (accessTokenClaims.length > 0 || scopesToAdd.length > 0)) {
    const what = accessTokenClaims.length > 0 ? `access-token claims (${names(accessTokenClaims)})` : `scopes (${scopesToAdd.join(', ')})`;
    throw new OptionsError(`Pre token generation ${preTokenVersion} can only change the ID token, so ${what} need ${versionsCustomizingAccessToken()}.`);
  }
  for (const claim of [...idTokenClaims, ...accessTokenClaims]) {
    if (suppressClaims.includes(claim.claim)) {
      throw new OptionsError(`Claim ${quoted(claim.claim)} is both added and suppressed; Cognito suppresses it. Remove it from one list.`);
    }
  }

  const claimNames = new Set([...idTokenClaims, ...accessTokenClaims].map((source) => source.attribute.name));
  const claimAttributes = attributes.filter((attribute) => claimNames.has(attribute.name));
  const writeAttributes = [
    ...WRITABLE_STANDARD_ATTRIBUTES,
    ...attributes.filter((attribute) => !claimNames.has(attribute.name)).map((attribute) => `custom:${attribute.name}`),
  ];
  const hasPostConfirmation = triggerNames.includes('postConfirmation');
  // The tenant attribute gets no starting value: one placeholder for every new user would put them
  // all into the same tenant, able to read each other's records. Without it, their tokens carry no
  // tenant claim and the data rules refuse them until an administrator assigns a tenant.
  const postConfirmationSets = hasPostConfirmation
    ? claimAttributes.filter((attribute) => attribute.mutable && attribute !== tenantClaim?.attribute)
    : [];
  if (hasPostConfirmation && tenantClaim?.attribute.mutable) {
    notices.push(
      `custom:${tenantClaim.attribute.name} partitions the data, so the postConfirmation trigger gives it no starting value (a shared placeholder would put every new user into one tenant): until an administrator sets it (AdminUpdateUserAttributes), a new user's requests to the data API are refused.`,
    );
  }
  const adminCreateOnly = claimAttributes.filter((attribute) => !attribute.mutable).map((attribute) => `custom:${attribute.name}`);
  if (hasPostConfirmation && adminCreateOnly.length > 0) {
    notices.push(
      `${adminCreateOnly.join(', ')}: immutable and feeding a claim, so only AdminCreateUser can set it; the postConfirmation trigger leaves it out.`,
    );
  }

  return {
    projectName,
    triggers: triggerNames.map((name) => TRIGGERS[name]),
    ...(preTokenVersion ? { preTokenVersion } : {}),
    featurePlan,
    threatProtection,
    attributes,
    idTokenClaims,
    accessTokenClaims,
    suppressClaims,
    scopesToAdd,
    claimAttributes,
    postConfirmationSets,
    writeAttributes,
    ...(tenantClaim ? { tenantClaim } : {}),
    notices,
  };
}

/** The model, or undefined when the options do not validate (for front ends probing which answers fit). */
export function tryBuildModel(raw: RawOptions): ProjectModel | undefined {
  try {
    return buildModel(raw);
  } catch (error) {
    if (error instanceof OptionsError) return undefined;
    throw error;
  }
}

/** The model as explicit options: stored in .yo-rc.json, and builds the same model again. */
export function modelToOptions(
  model: ProjectModel,
): Required<Omit<RawOptions, 'preTokenVersion' | 'tenantClaim'>> & { preTokenVersion?: string; tenantClaim?: string } {
  return {
    projectName: model.projectName,
    triggers: model.triggers.map((trigger) => trigger.name),
    ...(model.preTokenVersion ? { preTokenVersion: model.preTokenVersion } : {}),
    featurePlan: model.featurePlan,
    threatProtection: model.threatProtection,
    attributes: model.attributes.map(formatAttributeSpec),
    idTokenClaims: model.idTokenClaims.map((source) => source.claim),
    accessTokenClaims: model.accessTokenClaims.map((source) => source.claim),
    suppressClaims: model.suppressClaims,
    scopesToAdd: model.scopesToAdd,
    ...(model.tenantClaim ? { tenantClaim: model.tenantClaim.claim } : {}),
  };
}

export function hasTrigger(model: ProjectModel, name: TriggerName): boolean {
  return model.triggers.some((trigger) => trigger.name === name);
}

/**
 * Threat protection reaches custom-auth sign-ins only through its own setting
 * (AdvancedSecurityAdditionalFlows.CustomAuthMode): on whenever threat protection is on and the
 * project signs users in with custom auth.
 */
export function protectsCustomAuth(model: ProjectModel): boolean {
  return model.threatProtection !== 'OFF' && CUSTOM_AUTH_TRIGGERS.some((name) => hasTrigger(model, name));
}

function parseTriggers(value: RawOptions['triggers']): TriggerName[] {
  const given = splitList(value) ?? [...DEFAULTS.triggers];
  const chosen = new Set<TriggerName>();
  for (const name of given) {
    const match = TRIGGER_NAMES.find((candidate) => candidate.toLowerCase() === name.toLowerCase());
    if (!match) throw new OptionsError(`Unknown trigger ${quoted(name)}. Allowed: ${TRIGGER_NAMES.join(', ')}.`);
    chosen.add(match);
  }
  return TRIGGER_NAMES.filter((name) => chosen.has(name));
}

function parsePreTokenVersion(value: string | undefined, hasPreToken: boolean): PreTokenVersion | undefined {
  if (value !== undefined && !hasPreToken) {
    throw new OptionsError(`--pre-token-version ${value} needs the preTokenGeneration trigger; add it to --triggers or drop the version.`);
  }
  if (!hasPreToken) return undefined;
  if (value === undefined) return DEFAULTS.preTokenVersion;
  const short = /^v?([123])(_0)?$/i.exec(value.trim());
  const version = short ? (`V${short[1]}_0` as PreTokenVersion) : undefined;
  if (!version || !PRE_TOKEN_VERSIONS.includes(version)) {
    throw new OptionsError(`Unknown pre token generation version ${quoted(value)}. Allowed: ${PRE_TOKEN_VERSIONS.join(', ')} (or v1, v2, v3).`);
  }
  return version;
}

function parseEnum<T extends string>(value: string | undefined, allowed: readonly T[], flag: string): T | undefined {
  if (value === undefined) return undefined;
  const match = allowed.find((candidate) => candidate === value.trim().toUpperCase());
  if (!match) throw new OptionsError(`Unknown ${flag} value ${quoted(value)}. Allowed: ${allowed.join(', ')}.`);
  return match;
}

function resolvePlan(
  value: string | undefined,
  version: PreTokenVersion | undefined,
  threatProtection: ThreatProtectionMode,
  notices: string[],
): FeaturePlan {
  const given = parseEnum(value, FEATURE_PLANS, '--feature-plan');
  if (threatProtection !== 'OFF') {
    if (given === undefined) {
      notices.push(`Feature plan PLUS chosen: threat protection ${threatProtection} needs it.`);
      return PLAN_FOR_THREAT_PROTECTION;
    }
    if (!planAllows(given, PLAN_FOR_THREAT_PROTECTION)) {
      throw new OptionsError(
        `Threat protection ${threatProtection} needs feature plan ${PLAN_FOR_THREAT_PROTECTION}, not ${given}; deploying it fails with FeatureUnavailableInTierException. Use --feature-plan PLUS or --threat-protection OFF.`,
      );
    }
  }
  const plan = given ?? DEFAULTS.featurePlan;
  const minimumPlan = version ? PRE_TOKEN_VERSION_INFO[version].minimumPlan : undefined;
  if (version && minimumPlan && !planAllows(plan, minimumPlan)) {
    throw new OptionsError(
      `Pre token generation ${version} needs feature plan ${minimumPlan} or PLUS, not ${plan}. Use --feature-plan ${minimumPlan} or --pre-token-version V1_0.`,
    );
  }
  return plan;
}

function parseClaims(
  value: RawOptions['idTokenClaims'],
  flag: string,
  token: TokenKind,
  attributes: CustomAttribute[],
  defaults: CustomAttribute[],
): ClaimSource[] {
  const given = splitList(value);
  if (given === undefined) {
    // A claim copied from an attribute never carries the app client's id, so aud is out too.
    const reserved = defaults.find((attribute) => !mayAddClaim(attribute.name, token));
    if (reserved) {
      throw new OptionsError(
        `Attribute ${quoted(reserved.name)} would become a claim of the same name (${flag} defaults to every attribute), and Cognito does not let a trigger add ${quoted(reserved.name)}: ${claimRule(reserved.name).note}. Rename the attribute, or give ${flag} without it.`,
      );
    }
    return defaults.map((attribute) => ({ claim: attribute.name, attribute }));
  }
  const chosen = new Set(given.map(stripCustomPrefix));
  return [...chosen].map((claim) => {
    if (!mayAddClaim(claim, token)) throw reservedClaimError(claim, flag, 'add');
    const attribute = attributes.find((candidate) => candidate.name === claim);
    if (!attribute) {
      const allowed = attributes.length > 0 ? attributes.map((candidate) => candidate.name).join(', ') : 'none (add --attributes first)';
      throw new OptionsError(`${flag}: ${quoted(claim)} is not a chosen custom attribute. Allowed: ${allowed}.`);
    }
    return { claim, attribute };
  });
}

function parseSuppressed(value: RawOptions['suppressClaims']): string[] {
  const claims = [...new Set(splitList(value) ?? [])];
  for (const claim of claims) {
    if (!maySuppressClaim(claim)) throw reservedClaimError(claim, '--suppress-claims', 'suppress');
    if (!CLAIM_NAME_PATTERN.test(claim) || CLAIM_NAME_FORBIDDEN.test(claim)) {
      throw new OptionsError(
        `--suppress-claims: ${quoted(claim)} is not a claim name. Use letters, digits, punctuation and symbols, without spaces, control characters or ",".`,
      );
    }
  }
  return claims;
}

function parseScopes(value: RawOptions['scopesToAdd']): string[] {
  const scopes = [...new Set(splitList(value) ?? [])];
  for (const scope of scopes) {
    if (!SCOPE_PATTERN.test(scope)) {
      throw new OptionsError(`--scopes-to-add: ${quoted(scope)} is not an OAuth scope (printable characters, no spaces, quotes or backslashes).`);
    }
  }
  return scopes;
}

/**
 * --tenant-claim: a String attribute among the access-token claims. The data rules read it from
 * the access token (what Amplify JS sends to AppSync), so it needs V2_0/V3_0; it is compared as
 * text with each record's tenant field, so a Number or Boolean claim would never match.
 */
function parseTenantClaim(
  value: string | undefined,
  version: PreTokenVersion | undefined,
  attributes: CustomAttribute[],
  accessTokenClaims: ClaimSource[],
): ClaimSource | undefined {
  const name = stripCustomPrefix((value ?? '').trim());
  if (name === '') return undefined;
  const flag = `--tenant-claim ${escapedInline(name)}`;
  if (version === undefined || !PRE_TOKEN_VERSION_INFO[version].customizesAccessToken) {
    const why = version === undefined ? 'without the preTokenGeneration trigger nothing adds it there' : `pre token generation ${version} can only change the ID token`;
    throw new OptionsError(
      `${flag}: the data rules read the claim from the access token (Amplify JS sends it to AppSync), and ${why}. Use pre token generation ${versionsCustomizingAccessToken()}, or --tenant-claim "" for none.`,
    );
  }
  const candidates = accessTokenClaims.filter((source) => source.attribute.type === 'String');
  const allowed = candidates.length > 0 ? candidates.map((source) => source.claim).join(', ') : 'none (put a String attribute in --access-token-claims)';
  const source = accessTokenClaims.find((candidate) => candidate.claim === name);
  if (!source) {
    const what = attributes.some((attribute) => attribute.name === name) ? 'is not among the access-token claims' : 'is not a chosen custom attribute';
    throw new OptionsError(`${flag}: ${quoted(name)} ${what}; the data rules read the access token. Allowed: ${allowed}.`);
  }
  if (source.attribute.type !== 'String') {
    throw new OptionsError(
      `${flag}: the attribute is ${source.attribute.type}, but a tenant claim is compared as text with each record's tenant field. Allowed: ${allowed}.`,
    );
  }
  return source;
}

function reservedClaimError(claim: string, flag: string, operation: 'add' | 'suppress'): OptionsError {
  return new OptionsError(
    `${flag}: ${quoted(claim)} is a claim Cognito does not let a trigger ${operation === 'add' ? 'add or override' : 'suppress'}: ${claimRule(claim).note}. ${describeClaimRules()}`,
  );
}

/** "V2_0 or V3_0", from the versions table. */
function versionsCustomizingAccessToken(): string {
  return PRE_TOKEN_VERSIONS.filter((version) => PRE_TOKEN_VERSION_INFO[version].customizesAccessToken).join(' or ');
}

function names(sources: ClaimSource[]): string {
  return sources.map((source) => source.claim).join(', ');
}
