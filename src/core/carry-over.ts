// Which options a run gives: the options given on this run (flags, --config), the interactive
// answers that change something, and the options stored as given by earlier runs that still apply.
// Decided with the model's own parsers (buildModel, modelToOptions), the same way for every key of
// OPTION_KEYS: an option added to the core needs nothing here.
import { modelToOptions, tryBuildModel } from './model.js';
import { OPTION_KEYS, type RawOptions } from './options.js';

type OptionKey = (typeof OPTION_KEYS)[number];

export interface GivenOptions {
  /** The options this run builds its model from, and stores as given. */
  given: RawOptions;
  /** Stored options left out because they no longer apply (e.g. claims once preTokenGeneration is dropped). */
  dropped: OptionKey[];
}

export interface StoredOptions {
  given: RawOptions;
  options: RawOptions;
}

const NOTHING_STORED: StoredOptions = { given: {}, options: {} };

/**
 * @param run      this run's options (flags and --config), with the project name
 * @param answers  interactive answers (the run's options included), when questions were asked
 * @param stored   the record's options (a fresh run has none)
 *
 * - Every option in `run` is given.
 * - An answer is given when leaving it out would resolve its option to something else: pressing
 *   Enter at a default leaves the default free to follow later changes (the feature plan follows
 *   threat protection). An option stored as given stays given while its answer keeps its value.
 * - A stored option that was neither passed nor asked for carries over, unless it no longer
 *   applies: with this run's options and the stored options before it (OPTION_KEYS is in
 *   dependency order), the model refuses the stored value and, without it, gives the option no
 *   value at all (a pre token generation version without the trigger, access-token claims under
 *   V1_0, claims once every attribute is gone). Anything else carries over; if it then conflicts
 *   (a feature plan fixed below what a new option needs), buildModel refuses with its message.
 */
export function givenOptions(run: RawOptions, answers: RawOptions | undefined, stored: StoredOptions = NOTHING_STORED): GivenOptions {
  const given: RawOptions = answers ? answersThatCount(run, answers, stored) : { ...run };
  const asked = new Set(Object.keys(answers ?? {}));
  const dropped: OptionKey[] = [];
  for (const key of OPTION_KEYS) {
    const value = stored.given[key];
    if (value === undefined || run[key] !== undefined || asked.has(key)) continue;
    const without = resolve(given);
    const inapplicable = without !== undefined && isEmpty(without[key]) && !isEmpty(value) && resolve({ ...given, [key]: value }) === undefined;
    if (inapplicable) dropped.push(key);
    else set(given, key, value);
  }
  return { given, dropped };
}

function answersThatCount(run: RawOptions, answers: RawOptions, stored: StoredOptions): RawOptions {
  const given: RawOptions = { ...answers, ...run };
  for (const key of OPTION_KEYS) {
    if (run[key] !== undefined || given[key] === undefined) continue;
    const { [key]: _answer, ...without } = given;
    const withAnswer = resolve(given)?.[key];
    const withoutAnswer = resolve(without);
    if (withoutAnswer === undefined || !same(withoutAnswer[key], withAnswer)) continue; // the answer decides
    if (stored.given[key] !== undefined && same(stored.options[key], withAnswer)) continue; // fixed earlier, kept
    delete given[key];
  }
  return given;
}

/** The options as the model resolves them, or undefined when they do not validate. */
function resolve(options: RawOptions): Record<string, unknown> | undefined {
  const model = tryBuildModel(options);
  return model && modelToOptions(model);
}

function isEmpty(value: unknown): boolean {
  return value === undefined || value === '' || (Array.isArray(value) && value.length === 0);
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function set(options: RawOptions, key: OptionKey, value: RawOptions[OptionKey]): void {
  (options as Record<string, unknown>)[key] = value;
}
