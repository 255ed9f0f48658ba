// The command's flags: one table read by the argument parser and by --help. Defaults and allowed
// values come from the core, so the help cannot drift from what validation accepts.
import {
  ATTRIBUTE_TYPES,
  DEFAULTS,
  FEATURE_PLANS,
  PLAN_FOR_THREAT_PROTECTION,
  PRE_TOKEN_VERSIONS,
  type RawOptions,
  THREAT_PROTECTION_MODES,
  TRIGGER_NAMES,
} from '../core/index.js';

export const COMMAND = 'create-amplify-token-app';

/** RawOptions keys that a flag sets (projectName comes from the directory argument). */
export type OptionKey = Exclude<keyof RawOptions, 'projectName'>;

export interface ValueFlag {
  flag: string;
  key: OptionKey;
  value: string;
  description: string;
  default: string;
  allowed?: string;
  alias?: string;
}

export type SwitchKey =
  | 'yes'
  | 'skipInstall'
  | 'force'
  | 'projen'
  | 'regenerate'
  | 'check'
  | 'dryRun'
  | 'allowReplacePool'
  | 'interactive'
  | 'help'
  | 'version';

export interface SwitchFlag {
  flag: string;
  key: SwitchKey;
  short?: string;
  description: string;
}

export const VALUE_FLAGS: ValueFlag[] = [
  {
    flag: 'triggers',
    key: 'triggers',
    value: '<list>',
    description: 'comma list of the defineAuth triggers to generate',
    default: DEFAULTS.triggers.join(','),
    allowed: TRIGGER_NAMES.join(', '),
  },
  {
    flag: 'pre-token-version',
    key: 'preTokenVersion',
    value: '<version>',
    description: 'pre token generation event version (needs the preTokenGeneration trigger)',
    default: DEFAULTS.preTokenVersion,
    allowed: `${PRE_TOKEN_VERSIONS.join(', ')} (or v1, v2, v3)`,
  },
  {
    flag: 'feature-plan',
    key: 'featurePlan',
    value: '<plan>',
    description: 'user pool feature plan (higher plans cost more per monthly active user)',
    default: `${DEFAULTS.featurePlan}; ${PLAN_FOR_THREAT_PROTECTION} when threat protection is on`,
    allowed: FEATURE_PLANS.join(', '),
  },
  {
    flag: 'threat-protection',
    alias: 'advanced-security',
    key: 'threatProtection',
    value: '<mode>',
    description: `threat protection (advanced security) mode; other than OFF needs ${PLAN_FOR_THREAT_PROTECTION}`,
    default: DEFAULTS.threatProtection,
    allowed: THREAT_PROTECTION_MODES.join(', '),
  },
  {
    flag: 'attributes',
    key: 'attributes',
    value: '<list>',
    description: 'custom attributes as name:Type[:immutable][:min-max], the custom: prefix optional',
    default: DEFAULTS.attributes.join(','),
    allowed: `types ${ATTRIBUTE_TYPES.join(', ')}`,
  },
  {
    flag: 'id-token-claims',
    key: 'idTokenClaims',
    value: '<list>',
    description: 'attributes whose values become ID-token claims (named without custom:)',
    default: 'every attribute',
    allowed: 'names from --attributes',
  },
  {
    flag: 'access-token-claims',
    key: 'accessTokenClaims',
    value: '<list>',
    description: 'attributes whose values become access-token claims (V2_0/V3_0 only)',
    default: 'every attribute with V2_0/V3_0, none with V1_0',
    allowed: 'names from --attributes',
  },
  {
    flag: 'suppress-claims',
    key: 'suppressClaims',
    value: '<list>',
    description: 'claims removed from the tokens, e.g. email',
    default: 'none',
  },
  {
    flag: 'scopes-to-add',
    key: 'scopesToAdd',
    value: '<list>',
    description: 'OAuth scopes added to the access token (V2_0/V3_0 only)',
    default: 'none',
  },
  {
    flag: 'tenant-claim',
    key: 'tenantClaim',
    value: '<attribute>',
    description: 'keep Amplify Data apart per tenant by this attribute\'s access-token claim (V2_0/V3_0; "" for none)',
    default: 'none: the owner-only starter model',
    allowed: 'a String attribute among --access-token-claims',
  },
];

export const SWITCH_FLAGS: SwitchFlag[] = [
  { flag: 'yes', short: 'y', key: 'yes', description: 'ask nothing; defaults for what is not given' },
  { flag: 'skip-install', key: 'skipInstall', description: 'write the files, run no install' },
  { flag: 'force', key: 'force', description: 'write into a non-empty directory, overwriting files without asking; with --regenerate, overwrite files you changed' },
  { flag: 'projen', key: 'projen', description: 'continue under projen: write .projenrc.ts with the options and run npx projen' },
  { flag: 'regenerate', key: 'regenerate', description: 'bring the generated project in [directory] (default: here) to the stored options plus the flags given' },
  { flag: 'check', key: 'check', description: 'exit 1 (files listed) when the project in [directory] is not what its stored options generate with this version; writes nothing' },
  { flag: 'dry-run', key: 'dryRun', description: 'with --regenerate: print the plan and diffs, write nothing' },
  { flag: 'allow-replace-pool', key: 'allowReplacePool', description: 'with --regenerate: accept attribute changes that replace the user pool (its users are lost)' },
  { flag: 'interactive', key: 'interactive', description: 'with --regenerate: ask for the options no flag gives, the stored values as defaults' },
  { flag: 'help', short: 'h', key: 'help', description: 'show this help' },
  { flag: 'version', key: 'version', description: 'show the version' },
];

export const CONFIG_FLAG = { flag: 'config', value: '<file.json>' } as const;
