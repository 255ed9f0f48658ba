// Bringing the user's version of a file and the tool's new version together. Three kinds:
// - text (every generated file by default): a three-way merge (diff3) of the user's file, the file
//   as the previous options render it (the merge base) and as the new options render it;
// - .gitignore: the patterns the project needs are appended when missing, nothing is removed;
// - package.json: the tool's scripts and dependencies are brought to the new options, every other
//   key and entry stays as the user has it.
import { diff3Merge } from 'node-diff3';
import { describeJson } from './option-values.js';
import { Refusal } from './refusal.js';

export type TextMerge = { clean: true; text: string } | { clean: false };

/**
 * The user's edits (base → ours) applied to the new version (base → theirs), line by line. Not
 * clean when both change the same lines differently: then the user decides.
 */
export function mergeText(ours: string, base: string, theirs: string): TextMerge {
  const regions = diff3Merge(ours.split('\n'), base.split('\n'), theirs.split('\n'), { excludeFalseConflicts: true });
  if (regions.some((region) => region.conflict !== undefined)) return { clean: false };
  return { clean: true, text: regions.flatMap((region) => region.ok ?? []).join('\n') };
}

/** The user's .gitignore with each pattern of the generated one that it lacks appended. */
export function mergeGitignore(onDisk: string, generated: string): string {
  const present = new Set(onDisk.split(/\r?\n/).map((line) => line.trim()));
  const missing = generated
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#') && !present.has(line));
  if (missing.length === 0) return onDisk;
  const separator = onDisk === '' || onDisk.endsWith('\n') ? '' : '\n';
  return `${onDisk}${separator}# Amplify (create-amplify-token-app)\n${missing.join('\n')}\n`;
}

/** The package.json sections whose entries the tool manages, one entry at a time. */
const MANAGED_SECTIONS = ['scripts', 'dependencies', 'devDependencies'] as const;

type Json = Record<string, unknown>;

/**
 * The user's package.json with the tool's entries brought to `next`: entries the tool wrote before
 * (`previous`, undefined on a fresh run into an existing project) but no longer produces are
 * removed; keys the user's file lacks are added; every other key and entry stays as the user has it.
 */
export function mergePackageJson(onDisk: string, previous: string | undefined, next: string, file = 'package.json'): string {
  const user = parseObject(onDisk, file);
  const before = previous === undefined ? {} : (JSON.parse(previous) as Json);
  const after = JSON.parse(next) as Json;
  for (const [key, value] of Object.entries(after)) {
    if (!Object.hasOwn(user, key) && !(MANAGED_SECTIONS as readonly string[]).includes(key)) user[key] = value;
  }
  for (const section of MANAGED_SECTIONS) {
    const current = stringRecord(user[section], `${file}: "${section}"`);
    const wanted = (after[section] ?? {}) as Record<string, string>;
    const entries: Record<string, string> = { ...current };
    for (const key of Object.keys((before[section] ?? {}) as Json)) {
      if (!Object.hasOwn(wanted, key)) delete entries[key];
    }
    Object.assign(entries, wanted);
    if (current !== undefined || Object.keys(entries).length > 0) user[section] = sortedIfSorted(entries, current);
  }
  return `${JSON.stringify(user, null, 2)}\n`;
}

function parseObject(text: string, file: string): Json {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new Refusal(`${file} is not valid JSON (${(error as Error).message}); this tool merges its scripts and dependencies into it. Fix it, then run again.`);
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) throw new Refusal(`${file} must hold a JSON object, not ${describeJson(data)}.`);
  return data as Json;
}

function stringRecord(value: unknown, where: string): Record<string, string> | undefined {
  if (value === undefined) return undefined;
  const entries = typeof value === 'object' && value !== null && !Array.isArray(value) ? Object.entries(value) : undefined;
  const bad = entries?.find(([, entry]) => typeof entry !== 'string');
  if (!entries || bad) {
    const shown = bad ? `"${bad[0]}" is ${describeJson(bad[1])}` : `it is ${describeJson(value)}`;
    throw new Refusal(`${where} must be an object of names to strings (${shown}); this tool merges its entries into it. Fix it, then run again.`);
  }
  return Object.fromEntries(entries) as Record<string, string>;
}

/** Dependencies stay alphabetical (npm keeps them so); scripts keep the user's order. */
function sortedIfSorted(entries: Record<string, string>, original: Record<string, string> | undefined): Record<string, string> {
  const keys = Object.keys(original ?? {});
  const wasSorted = keys.every((key, index) => index === 0 || keys[index - 1]!.localeCompare(key) <= 0);
  if (!wasSorted) return entries;
  return Object.fromEntries(Object.entries(entries).sort(([a], [b]) => a.localeCompare(b)));
}
