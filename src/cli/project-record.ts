// What a generated project remembers about its generation, in .yo-rc.json under the package's
// name: the options the user gave (so defaults can follow on a later run, e.g. the plan follows
// threat protection unless it was given), the resolved options, and each generated file's hash
// (so a later run knows which files are still as generated).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type FileMap, modelToOptions, type ProjectModel, type RawOptions } from '../core/index.js';
import { type FileHashes, hashFiles } from '../core/regeneration.js';
import { CliError } from './errors.js';

export const RECORD_FILE = '.yo-rc.json';
/** The .yo-rc.json key: Yeoman stores a generator's config under its package name. */
export const RECORD_KEY = 'create-amplify-token-app';

export interface ProjectRecord {
  /** Options as the user gave them (flags, --config, answers), without defaults filled in. */
  given: RawOptions;
  /** Every option, resolved: builds the same model again. */
  options: RawOptions;
  /** Path → content hash of every file as generated. */
  files: FileHashes;
}

export function projectRecord(given: RawOptions, model: ProjectModel, files: FileMap): ProjectRecord {
  const { projectName: _projectName, ...givenOptions } = given;
  return { given: givenOptions, options: modelToOptions(model), files: hashFiles(files) };
}

/** The .yo-rc.json text holding a record, as Yeoman writes it. */
export function recordFileContent(record: ProjectRecord): string {
  return `${JSON.stringify({ [RECORD_KEY]: record }, null, 2)}\n`;
}

/** Reads the record of the project in `dir`; a clear error when it is not a generated project. */
export function readProjectRecord(dir: string): { record: ProjectRecord; text: string } {
  const path = join(dir, RECORD_FILE);
  if (!existsSync(path)) {
    throw new CliError(`No ${RECORD_FILE} in ${dir}: --regenerate works inside a project that ${RECORD_KEY} generated (or give its directory).`);
  }
  const text = readFileSync(path, 'utf8');
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new CliError(`${path} is not valid JSON (${(error as Error).message}).`);
  }
  const entry = (data as Record<string, unknown> | null)?.[RECORD_KEY] as Partial<ProjectRecord> | undefined;
  if (!entry || typeof entry !== 'object') throw new CliError(`${path} holds no "${RECORD_KEY}" entry.`);
  if (typeof entry.options !== 'object' || entry.options === null) {
    // Written before file hashes were recorded: the entry is the options. Without hashes every file
    // that differs from the new version counts as changed by the user (kept, new version beside it).
    const options = entry as RawOptions;
    return { record: { given: options, options, files: {} }, text };
  }
  return {
    record: { given: entry.given ?? entry.options, options: entry.options, files: entry.files ?? {} },
    text,
  };
}
