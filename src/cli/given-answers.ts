// Which interactive answers count as options the user gave. An answer that only accepts what the
// option would be anyway (Enter at a default) is left out, so that the default can follow the
// other options on a later --regenerate (e.g. the feature plan follows threat protection).
import { buildModel, modelToOptions, type RawOptions } from '../core/index.js';

type Value = RawOptions[keyof RawOptions];

export function givenAnswers(flags: RawOptions, answers: RawOptions): RawOptions {
  const given: RawOptions = { ...answers };
  for (const key of Object.keys(answers) as (keyof RawOptions)[]) {
    if (key === 'projectName' || flags[key] !== undefined) continue;
    const { [key]: _answer, ...withoutAnswer } = given;
    if (sameValue(resolved(withoutAnswer, key), answers[key])) delete given[key];
  }
  return given;
}

/** The value `key` resolves to without an answer, or undefined when the rest does not validate alone. */
function resolved(options: RawOptions, key: keyof RawOptions): Value {
  try {
    return (modelToOptions(buildModel(options)) as RawOptions)[key];
  } catch {
    return undefined;
  }
}

function sameValue(a: Value, b: Value): boolean {
  if (a === undefined || b === undefined) return false;
  const list = (value: Value) => (Array.isArray(value) ? value : String(value).split(',')).map((item) => String(item).trim()).filter(Boolean);
  return Array.isArray(a) || Array.isArray(b) ? JSON.stringify(list(a)) === JSON.stringify(list(b)) : a === b;
}
