// --config <file.json>: the same options as the flags, in RawOptions' camelCase keys. Flags win.
// The file is untrusted: read only as a regular file of bounded size (not a FIFO, not /dev/zero),
// its keys and values checked by the core.
import { resolve } from 'node:path';
import { OptionsError, type RawOptions } from '../core/index.js';
import { checkOptionValues } from '../core/option-values.js';
import { quoted } from '../core/escape.js';
import { MAX_CONFIG_BYTES, readBoundedFile, UnreadableFile } from '../fs/bounded-read.js';
import { CliError } from './errors.js';

export function loadConfig(file: string, cwd: string): RawOptions {
  let text: string;
  try {
    text = readBoundedFile(resolve(cwd, file), { maxBytes: MAX_CONFIG_BYTES });
  } catch (error) {
    if (error instanceof UnreadableFile) throw new CliError(`Config file ${quoted(file)} ${error.message}.`);
    throw error;
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new CliError(`Config file ${quoted(file)} is not valid JSON: ${(error as Error).message}.`);
  }
  return checkConfig(data, file);
}

/** The parsed file as RawOptions: known keys only, strings or (for lists) arrays of strings. */
export function checkConfig(data: unknown, file: string): RawOptions {
  let options: RawOptions;
  try {
    options = checkOptionValues(data, `Config file ${quoted(file)}`);
  } catch (error) {
    throw error instanceof OptionsError ? new CliError(error.message) : error;
  }
  return options;
}

/** Flags win over the file, key by key. */
export function mergeOptions(config: RawOptions, flags: RawOptions): RawOptions {
  const merged: RawOptions = { ...config };
  for (const [key, value] of Object.entries(flags)) {
    if (value !== undefined) (merged as Record<string, unknown>)[key] = value;
  }
  return merged;
}
