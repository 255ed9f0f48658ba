// The interactive session: one question per option that no flag gave, in the order, each
// offering only what is still valid (the core decides) and defaulting to what --yes would choose,
// so that pressing Enter at every question gives the --yes project.
import {
  ATTRIBUTE_TYPES,
  attributeTakesRange,
  buildModel,
  canAddAttribute,
  checkAnswerable,
  checkAttributeSpecs,
  CHOICE_KEYS,
  type ChoiceKey,
  choicesFor,
  DEFAULTS,
  FEATURE_PLAN_INFO,
  type FeaturePlan,
  OptionsError,
  PRE_TOKEN_VERSION_INFO,
  type PreTokenVersion,
  type RawOptions,
  splitList,
  THREAT_PROTECTION_INFO,
  type ThreatProtectionMode,
  TRIGGER_NAMES,
  TRIGGERS,
} from '../core/index.js';
import { checkTargetDirectory, resolveTarget, type Target } from './target.js';

export interface Choice {
  name: string;
  value: string;
  checked?: boolean;
}

/** One question, in a shape independent of the prompt library. */
export type Question =
  | { type: 'input'; message: string; default?: string; validate?: (value: string) => true | string }
  | { type: 'confirm'; message: string; default: boolean }
  | { type: 'select'; message: string; choices: Choice[]; default?: string }
  | { type: 'checkbox'; message: string; choices: Choice[]; validate?: (values: string[]) => true | string };

export type Ask = (question: Question) => Promise<unknown>;

export interface SessionContext {
  cwd: string;
  force: boolean;
  /** The directory argument, when given: its question is skipped. */
  target?: Target;
  /** Shows a line to the user (a choice made for them). */
  info: (message: string) => void;
  /** Starting answers instead of what --yes would choose (--regenerate --interactive: the stored options). */
  defaults?: RawOptions;
}

export interface SessionResult {
  target: Target;
  options: RawOptions;
}

/** Asks for every option not in `given` (flags and --config merged) and returns all of them. */
export async function askOptions(ask: Ask, given: RawOptions, context: SessionContext): Promise<SessionResult> {
  const target = context.target ?? (await askDirectory(ask, given, context));
  const answers: RawOptions = { ...given, projectName: target.projectName };
  const unanswered = (keys: readonly ChoiceKey[]) => keys.filter((key) => given[key] === undefined);

  if (given.triggers === undefined) {
    const sofar = { ...answers }; // as asked: later answers must not leak into the validator
    const checked = new Set<string>(splitList(context.defaults?.triggers) ?? DEFAULTS.triggers);
    const values = await askList(ask, {
      type: 'checkbox',
      message: 'Cognito triggers to generate',
      choices: TRIGGER_NAMES.map((name) => ({ name: `${name}: ${TRIGGERS[name].description}`, value: name, checked: checked.has(name) })),
      validate: (chosen) => validity(() => checkAnswerable({ ...sofar, triggers: chosen }, unanswered(CHOICE_KEYS))),
    });
    answers.triggers = values;
  }

  for (const [index, key] of CHOICE_KEYS.entries()) {
    if (given[key] !== undefined) continue;
    const later = unanswered(CHOICE_KEYS.slice(index + 1));
    const question = choicesFor(key, answers, later);
    if (question.choices.length === 0) continue;
    if (question.choices.length === 1) {
      const only = question.choices[0] as string;
      // Leave it to the core when it chooses the same (it then says why in its notices).
      if (question.implied && later.length === 0) continue;
      answers[key] = only;
      context.info(`${LABELS[key]}: ${only}, the only choice with the answers so far.`);
      continue;
    }
    answers[key] = (await ask({
      type: 'select',
      message: LABELS[key],
      choices: question.choices.map((value) => ({ name: describeChoice(key, value), value })),
      ...(startingChoice(context.defaults?.[key], question.choices) ?? question.default) !== undefined
        ? { default: startingChoice(context.defaults?.[key], question.choices) ?? question.default }
        : {},
    })) as string;
  }

  if (given.attributes === undefined) answers.attributes = await askAttributes(ask, answers, splitList(context.defaults?.attributes));

  const model = buildModel(withUnaskedClaimsEmpty(answers));
  const attributeNames = model.attributes.map((attribute) => attribute.name);
  const hasPreToken = model.preTokenVersion !== undefined;
  if (given.idTokenClaims === undefined && hasPreToken && attributeNames.length > 0) {
    const sofar = { ...answers };
    answers.idTokenClaims = await askList(ask, {
      type: 'checkbox',
      message: 'Attributes to copy into ID-token claims',
      choices: attributeNames.map((name) => ({ name, value: name, checked: isStartingChoice(context.defaults?.idTokenClaims, name) })),
      validate: (chosen) => validity(() => buildModel(withUnaskedClaimsEmpty({ ...sofar, idTokenClaims: chosen }))),
    });
  }
  if (given.accessTokenClaims === undefined && model.preTokenVersion !== undefined && PRE_TOKEN_VERSION_INFO[model.preTokenVersion].customizesAccessToken && attributeNames.length > 0) {
    const sofar = { ...answers };
    answers.accessTokenClaims = await askList(ask, {
      type: 'checkbox',
      message: 'Attributes to copy into access-token claims',
      choices: attributeNames.map((name) => ({ name, value: name, checked: isStartingChoice(context.defaults?.accessTokenClaims, name) })),
      validate: (chosen) => validity(() => buildModel({ ...sofar, accessTokenClaims: chosen })),
    });
  }
  if (given.suppressClaims === undefined && hasPreToken) {
    const sofar = { ...answers };
    answers.suppressClaims = (await ask({
      type: 'input',
      message: 'Claims to remove from the tokens (comma list, e.g. email; empty for none)',
      default: (splitList(context.defaults?.suppressClaims) ?? []).join(','),
      validate: (value) => validity(() => buildModel({ ...sofar, suppressClaims: value })),
    })) as string;
  }
  return { target, options: answers };
}

const LABELS: Record<ChoiceKey, string> = {
  preTokenVersion: 'Pre token generation version',
  featurePlan: 'User pool feature plan (higher plans cost more per monthly active user)',
  threatProtection: 'Threat protection',
};

function describeChoice(key: ChoiceKey, value: string): string {
  switch (key) {
    case 'preTokenVersion': {
      const version = value as PreTokenVersion;
      const { customizes, minimumPlan } = PRE_TOKEN_VERSION_INFO[version];
      return `${version}: ${customizes} (plan ${minimumPlan} or higher)`;
    }
    case 'featurePlan':
      return `${value}: ${FEATURE_PLAN_INFO[value as FeaturePlan].unlocks}`;
    case 'threatProtection':
      return `${value}: ${THREAT_PROTECTION_INFO[value as ThreatProtectionMode].means}`;
  }
}

async function askDirectory(ask: Ask, given: RawOptions, context: SessionContext): Promise<Target> {
  const directory = (await ask({
    type: 'input',
    message: 'Project directory (its name becomes the package name)',
    default: given.projectName ?? DEFAULTS.projectName,
    validate: (value) =>
      validity(() => {
        const target = resolveTarget(value.trim(), context.cwd);
        checkTargetDirectory(target, context.force);
      }),
  })) as string;
  return resolveTarget(directory.trim(), context.cwd);
}

/** The attribute loop: keep the starting ones, then add (name, type, mutability, range) while wanted. */
async function askAttributes(ask: Ask, current: RawOptions, starting?: string[]): Promise<string[]> {
  const answers = { ...current };
  let specs = [...(starting ?? DEFAULTS.attributes)] as string[];
  if (specs.length > 0) {
    specs = await askList(ask, {
      type: 'checkbox',
      message: 'Custom attributes (uncheck to leave one out)',
      choices: specs.map((spec) => ({ name: spec, value: spec, checked: true })),
      validate: (kept) => validity(() => buildModel(withUnaskedClaimsEmpty({ ...answers, attributes: kept }))),
    });
  }
  let more = canAddAttribute(specs.length) && ((await ask({ type: 'confirm', message: 'Add a custom attribute?', default: false })) as boolean);
  while (more) {
    specs.push(await askAttribute(ask, specs));
    more = canAddAttribute(specs.length) && ((await ask({ type: 'confirm', message: 'Add another custom attribute?', default: false })) as boolean);
  }
  return specs;
}

async function askAttribute(ask: Ask, current: readonly string[]): Promise<string> {
  const existing = [...current];
  const name = ((await ask({
    type: 'input',
    message: 'Attribute name (without custom:)',
    validate: (value) => validity(() => checkAttributeSpecs([...existing, `${value.trim()}:String`])),
  })) as string).trim().replace(/^custom:/, '');
  const type = (await ask({
    type: 'select',
    message: `Type of custom:${name}`,
    choices: ATTRIBUTE_TYPES.map((value) => ({ name: value, value })),
    default: 'String',
  })) as string;
  const mutable = (await ask({ type: 'confirm', message: `Can custom:${name} change after sign-up (mutable)?`, default: true })) as boolean;
  const base = mutable ? `${name}:${type}` : `${name}:${type}:immutable`;
  if (!attributeTakesRange(type)) return base;
  const range = ((await ask({
    type: 'input',
    message: type === 'String' ? 'Length range as min-max (empty for none)' : 'Value range as min-max (empty for none)',
    default: '',
    validate: (value) => validity(() => checkAttributeSpecs([...existing, withRange(base, value)])),
  })) as string).trim();
  return withRange(base, range);
}

function withRange(spec: string, range: string): string {
  const trimmed = range.trim().replace(/\s+/g, '');
  return trimmed === '' ? spec : `${spec}:${trimmed}`;
}

async function askList(ask: Ask, question: Extract<Question, { type: 'checkbox' }>): Promise<string[]> {
  const values = await ask(question);
  return splitList(values as string[]) ?? [];
}

/** A starting value for a select: used when it is still one of the choices. */
function startingChoice(value: string | string[] | undefined, choices: readonly string[]): string | undefined {
  return typeof value === 'string' && choices.includes(value) ? value : undefined;
}

/** Checked at the start: every item without starting answers (as --yes), else those listed. */
function isStartingChoice(starting: string | string[] | undefined, name: string): boolean {
  const list = splitList(starting);
  return list === undefined || list.includes(name);
}

/** A validator's answer: true, or the core's message for the user. */
/**
 * Claims are asked after the attributes: until then they count as none, so an attribute that may
 * not become a claim (say, sub) is refused at its claim checkbox, not blamed on an earlier answer.
 */
function withUnaskedClaimsEmpty(answers: RawOptions): RawOptions {
  return { ...answers, idTokenClaims: answers.idTokenClaims ?? [], accessTokenClaims: answers.accessTokenClaims ?? [] };
}

function validity(check: () => unknown): true | string {
  try {
    check();
    return true;
  } catch (error) {
    if (error instanceof OptionsError || (error instanceof Error && error.name === 'CliError')) return error.message;
    throw error;
  }
}
