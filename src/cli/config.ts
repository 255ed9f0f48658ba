// --config <file.json>: the same options as the flags, in RawOptions' camelCase keys. Flags win.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { OPTION_KEYS, type RawOptions } from '../core/index.js';
import { CliError } from './errors.js';

const LIST_KEYS = new Set<string>(['triggers', 'attributes', 'idTokenClaims', 'accessTokenClaims', 'suppressClaims', 'scopesToAdd']);

export function loadConfig(file: string, cwd: string): RawOptions {
  const path = resolve(cwd, file);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'does not exist' : code === 'EISDIR' ? 'is a directory' : `cannot be read (${code ?? String(error)})`;
    throw new CliError(`Config file ${file} ${why}.`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new CliError(`Config file ${file} is not valid JSON: ${(error as Error).message}.`);
  }
  return checkConfig(data, file);
}

/** The parsed file as RawOptions: known keys only, strings or (for lists) arrays of strings. */
export function checkConfig(data: unknown, file: string): RawOptions {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new CliError(`Config file ${file} must hold a JSON object of options, e.g. {"triggers": ["preSignUp"]}.`);
  }
  const options: Record<string, string | string[]> = {};
  for (const [key, value] of Object.entries(data)) {
    if (!(OPTION_KEYS as readonly string[]).includes(key)) {
      throw new CliError(`Config file ${file}: unknown key "${key}". Allowed: ${OPTION_KEYS.join(', ')}.`);
    }
    const isList = LIST_KEYS.has(key);
    if (typeof value === 'string' || (isList && Array.isArray(value) && value.every((item) => typeof item === 'string'))) {
      options[key] = value as string | string[];
    } else {
      const expected = isList ? 'a comma-separated string or an array of strings' : 'a string';
      throw new CliError(`Config file ${file}: "${key}" must be ${expected}, not ${JSON.stringify(value)}.`);
    }
  }
  return options as RawOptions;
}

/** Flags win over the file, key by key. */
export function mergeOptions(config: RawOptions, flags: RawOptions): RawOptions {
  const merged: RawOptions = { ...config };
  for (const [key, value] of Object.entries(flags)) {
    if (value !== undefined) (merged as Record<string, unknown>)[key] = value;
  }
  return merged;
}
