// Which answers are still valid, given the answers so far. Front ends that ask questions one at
// a time (the interactive CLI) offer only these; the rules themselves stay in buildModel, which
// this file only probes: a choice is valid when some value of each question still to come makes
// buildModel accept the options.
import { parseAttributes, parseAttributeSpec } from './attributes.js';
import {
  FEATURE_PLANS,
  MAX_CUSTOM_ATTRIBUTES,
  PRE_TOKEN_VERSIONS,
  THREAT_PROTECTION_MODES,
} from './cognito.js';
import { buildModel, tryBuildModel } from './model.js';
import { OptionsError, type RawOptions } from './options.js';
import { checkPackageName } from './package-name.js';

/** The single-choice questions, in the order they are asked. */
export const CHOICE_KEYS = ['preTokenVersion', 'featurePlan', 'threatProtection'] as const;
export type ChoiceKey = (typeof CHOICE_KEYS)[number];

const CHOICE_VALUES: Record<ChoiceKey, readonly string[]> = {
  preTokenVersion: PRE_TOKEN_VERSIONS,
  featurePlan: FEATURE_PLANS,
  threatProtection: THREAT_PROTECTION_MODES,
};

export interface ChoiceQuestion {
  /** Values that can still lead to a valid project, in catalog order. */
  choices: string[];
  /** What `--yes` would choose with these answers, when it is a valid choice; else the first choice. */
  default: string | undefined;
  /** The default is what leaving the key out gives (buildModel chooses it, with its notice if any). */
  implied: boolean;
}

/**
 * The valid values of `key` given the fixed answers (flags and earlier answers), when each key in
 * `later` is still to be asked and may take any of its values. No choices: `key` cannot be set at
 * all with these answers (e.g. a version without the preTokenGeneration trigger).
 */
export function choicesFor(key: ChoiceKey, answers: RawOptions, later: readonly ChoiceKey[] = []): ChoiceQuestion {
  const fixed: RawOptions = { ...answers, [key]: undefined };
  const choices = CHOICE_VALUES[key].filter((value) => satisfiable({ ...fixed, [key]: value }, later));
  const implied = tryBuildModel(fixed)?.[key];
  if (implied !== undefined && choices.includes(implied)) return { choices, default: implied, implied: true };
  return { choices, default: choices[0], implied: false };
}

/**
 * Throws the OptionsError that `--yes` would give, unless some values of the keys still to be
 * asked make these options valid. Front ends call it on the given flags before asking anything.
 */
export function checkAnswerable(fixed: RawOptions, later: readonly ChoiceKey[]): void {
  if (satisfiable(fixed, later)) return;
  buildModel(fixed); // throws the message --yes gives
  throw new OptionsError('These options cannot be combined.'); // unreachable: satisfiable() tried this one
}

/**
 * The claims --tenant-claim may name with these answers (buildModel decides: String attributes
 * among the access-token claims of a V2_0/V3_0 project). Empty when the question does not apply.
 */
export function tenantClaimChoices(answers: RawOptions): string[] {
  const model = tryBuildModel({ ...answers, tenantClaim: undefined });
  return (model?.accessTokenClaims ?? []).map((source) => source.claim).filter((claim) => tryBuildModel({ ...answers, tenantClaim: claim }) !== undefined);
}

/** The project directory's name becomes the package name: the same check buildModel makes. */
export function checkProjectName(name: string): void {
  checkPackageName(name);
}

/** Checks a list of attribute specs as buildModel does (names, types, ranges, duplicates, count). */
export function checkAttributeSpecs(specs: string[]): void {
  parseAttributes(specs);
}

/** Whether attributes of this type take a min-max range (String: length, Number: value). */
export function attributeTakesRange(type: string): boolean {
  try {
    parseAttributeSpec(`a:${type}:0-1`);
    return true;
  } catch (error) {
    if (error instanceof OptionsError) return false;
    throw error;
  }
}

/** Whether one more custom attribute fits in the user pool. */
export function canAddAttribute(count: number): boolean {
  return count < MAX_CUSTOM_ATTRIBUTES;
}

/** Whether some values of the later keys (or leaving them out) make buildModel accept the options. */
function satisfiable(fixed: RawOptions, later: readonly ChoiceKey[]): boolean {
  for (const options of completions(fixed, later)) {
    if (tryBuildModel(options)) return true;
  }
  return false;
}

/** Every way to fill the later keys: left out first (the defaults), then each value. */
function* completions(fixed: RawOptions, later: readonly ChoiceKey[]): Generator<RawOptions> {
  const [first, ...rest] = later.filter((key) => fixed[key] === undefined);
  if (first === undefined) {
    yield fixed;
    return;
  }
  for (const value of [undefined, ...CHOICE_VALUES[first]]) {
    yield* completions(value === undefined ? fixed : { ...fixed, [first]: value }, rest);
  }
}
