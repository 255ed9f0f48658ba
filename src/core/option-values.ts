// An options object read from a file (a --config file, the options stored in .yo-rc.json):
// untrusted, so every key and value is checked before the model sees it, and a wrong one is named
// with the file and the key. Which options are lists is read from the model (the defaults resolve
// them to arrays), so a new option needs no entry here.
import { buildModel, modelToOptions } from './model.js';
import { OPTION_KEYS, OptionsError, type RawOptions } from './options.js';
import { quoted } from './escape.js';

let listOptions: ReadonlySet<string> | undefined;

function isListOption(key: string): boolean {
  listOptions ??= new Set(
    Object.entries(modelToOptions(buildModel({})))
      .filter(([, value]) => Array.isArray(value))
      .map(([name]) => name),
  );
  return listOptions.has(key);
}

/**
 * `data` as RawOptions: known keys only, each a string or, for list options, an array of strings
 * (or a comma-separated string). `where` names the file (and key path) in messages, e.g.
 * `Config file team.json`.
 */
export function checkOptionValues(data: unknown, where: string): RawOptions {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new OptionsError(`${where} must hold a JSON object of options, e.g. {"triggers": ["preSignUp"]}, not ${describeJson(data)}.`);
  }
  const options: Record<string, string | string[]> = {};
  for (const [key, value] of Object.entries(data)) {
    if (!(OPTION_KEYS as readonly string[]).includes(key)) {
      throw new OptionsError(`${where}: unknown key ${quoted(key)}. Allowed: ${OPTION_KEYS.join(', ')}.`);
    }
    const isList = isListOption(key);
    if (typeof value === 'string' || (isList && Array.isArray(value) && value.every((item) => typeof item === 'string'))) {
      options[key] = value as string | string[];
    } else {
      const expected = isList ? 'a comma-separated string or an array of strings' : 'a string';
      throw new OptionsError(`${where}: "${key}" must be ${expected}, not ${describeJson(value)}.`);
    }
  }
  return options as RawOptions;
}

/** A JSON value for a message: short, and never the whole of a large one. */
export function describeJson(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
