// The record a generated project keeps in .yo-rc.json, under this package's name (where Yeoman
// keeps a generator's configuration; other generators' keys in the file are kept as they are):
// the version that wrote it, the options the user gave (so a default they never fixed can follow
// later changes), every option as resolved, and a hash of each file as generated (so a later run
// knows which files are still as generated). Read and written here only; the text is untrusted.
import { createHash } from 'node:crypto';
import { describeJson, checkOptionValues } from './option-values.js';
import { OPTION_KEYS, OptionsError, type RawOptions } from './options.js';
import { projectPathProblem } from './project-path.js';
import { Refusal } from './refusal.js';
import type { FileMap } from './render.js';
import { SCAFFOLDER_PACKAGE } from './versions.js';

export const RECORD_FILE = '.yo-rc.json';
/** The .yo-rc.json key: Yeoman stores a generator's configuration under its package name. */
export const RECORD_KEY = SCAFFOLDER_PACKAGE;

/** Path → content hash of every file as the tool last generated it. */
export type FileHashes = Record<string, string>;

export interface ProjectRecord {
  /** The create-amplify-token-app version that wrote it (absent in records of earlier versions). */
  version?: string;
  /** Options as the user gave them (flags, --config, answers), without defaults filled in. */
  given: RawOptions;
  /** Every option, resolved: builds the same model again. */
  options: RawOptions;
  files: FileHashes;
}

/** A parsed .yo-rc.json: every top-level entry (other generators' too) and ours, if any. */
export interface RecordFile {
  entries: Record<string, unknown>;
  record?: ProjectRecord;
}

const HASH_PATTERN = /^sha256-[0-9a-f]{64}$/;

export function hashContent(content: string): string {
  return `sha256-${createHash('sha256').update(content).digest('hex')}`;
}

export function newRecord(version: string, given: RawOptions, options: RawOptions, files: FileMap): ProjectRecord {
  const { projectName: _projectName, ...givenOptions } = given;
  const hashes = Object.fromEntries([...files.keys()].sort().map((path) => [path, hashContent(files.get(path)!)]));
  return { version, given: inOptionOrder(givenOptions), options: inOptionOrder(options), files: hashes };
}

/** The .yo-rc.json text: `entries` (from the file as it is) with ours set to `record`. */
export function recordFileText(entries: Record<string, unknown>, record: ProjectRecord): string {
  return `${JSON.stringify({ ...entries, [RECORD_KEY]: record }, null, 2)}\n`;
}

/**
 * Parses the text of .yo-rc.json (`file`: its path, for messages). Every value of our entry is
 * checked: a record from an earlier version (the options alone, or no version) is read as such;
 * anything else that is not as written by this tool is refused with the file and the key named.
 */
export function parseRecordFile(text: string, file: string): RecordFile {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new Refusal(`${file} is not valid JSON (${(error as Error).message}). Fix it, or remove it for a fresh start.`);
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new Refusal(`${file} must hold a JSON object, not ${describeJson(data)}.`);
  }
  const entries = data as Record<string, unknown>;
  if (!Object.hasOwn(entries, RECORD_KEY)) return { entries };
  return { entries, record: checkRecord(entries[RECORD_KEY], file) };
}

function checkRecord(entry: unknown, file: string): ProjectRecord {
  const at = (key?: string) => `${file}: "${RECORD_KEY}${key ? `.${key}` : ''}"`;
  if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
    throw new Refusal(`${at()} must be an object, not ${describeJson(entry)}.`);
  }
  const value = entry as Record<string, unknown>;
  // Records of the first versions were the options alone: without hashes, every file that differs
  // from its new version counts as changed by the user.
  if (!Object.hasOwn(value, 'options')) {
    const options = optionsAt(value, at());
    return { given: options, options, files: {} };
  }
  for (const key of Object.keys(value)) {
    if (!['version', 'given', 'options', 'files'].includes(key)) throw new Refusal(`${at(key)} is not a key this tool writes (version, given, options, files).`);
  }
  const version = value.version;
  if (version !== undefined && (typeof version !== 'string' || !/^\d+\.\d+\.\d+(?:[-+][\w.-]*)?$/.test(version))) {
    throw new Refusal(`${at('version')} must be a version such as "0.1.0", not ${describeJson(version)}.`);
  }
  const options = optionsAt(value.options, at('options'));
  const given = value.given === undefined ? options : optionsAt(value.given, at('given'));
  const files = checkFiles(value.files ?? {}, at('files'));
  return { ...(version !== undefined ? { version: version as string } : {}), given, options, files };
}

function optionsAt(value: unknown, where: string): RawOptions {
  try {
    return checkOptionValues(value, where);
  } catch (error) {
    if (error instanceof OptionsError) throw new Refusal(error.message);
    throw error;
  }
}

function checkFiles(value: unknown, where: string): FileHashes {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new Refusal(`${where} must be an object of path → hash, not ${describeJson(value)}.`);
  }
  const files: FileHashes = {};
  for (const [path, hash] of Object.entries(value)) {
    const problem = projectPathProblem(path) ?? (path === RECORD_FILE ? 'the record itself' : undefined);
    if (problem) throw new Refusal(`${where}: ${describeJson(path)} is not a file inside the project (${problem}); refusing to touch it.`);
    if (typeof hash !== 'string' || !HASH_PATTERN.test(hash)) {
      throw new Refusal(`${where}: the hash of ${path} must be "sha256-" and 64 hex digits, not ${describeJson(hash)}.`);
    }
    files[path] = hash;
  }
  return files;
}

function inOptionOrder(options: RawOptions): RawOptions {
  const ordered: Record<string, unknown> = {};
  for (const key of OPTION_KEYS) if (options[key] !== undefined) ordered[key] = options[key];
  return ordered as RawOptions;
}

/** -1, 0 or 1 as version `a` is older than, the same as or newer than `b` (major.minor.patch). */
export function compareVersions(a: string, b: string): number {
  const parts = (version: string) => version.split(/[-+]/, 1)[0]!.split('.').map(Number);
  const [x, y] = [parts(a), parts(b)];
  for (let index = 0; index < 3; index++) {
    const difference = (x[index] ?? 0) - (y[index] ?? 0);
    if (difference !== 0) return Math.sign(difference);
  }
  return 0;
}
