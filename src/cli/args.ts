// argv → what the user asked for. Only syntax here: values are checked by the core.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { CliError } from './errors.js';
import { COMMAND, CONFIG_FLAG, type OptionKey, SWITCH_FLAGS, VALUE_FLAGS } from './flags.js';
import type { RawOptions } from '../core/index.js';
import { escapedInline, quoted } from '../core/escape.js';

export interface CliArgs {
  /** The positional directory, as given. */
  directory?: string;
  /** Options given as flags (only those given). */
  flags: Omit<RawOptions, 'projectName'>;
  config?: string;
  yes: boolean;
  skipInstall: boolean;
  force: boolean;
  projen: boolean;
  regenerate: boolean;
  check: boolean;
  dryRun: boolean;
  allowReplacePool: boolean;
  interactive: boolean;
  help: boolean;
  version: boolean;
}

type Options = NonNullable<ParseArgsConfig['options']>;

function parserOptions(): Options {
  const options: Options = {};
  for (const flag of VALUE_FLAGS) {
    options[flag.flag] = { type: 'string' };
    if (flag.alias) options[flag.alias] = { type: 'string' };
  }
  options[CONFIG_FLAG.flag] = { type: 'string' };
  for (const flag of SWITCH_FLAGS) {
    options[flag.flag] = flag.short ? { type: 'boolean', short: flag.short } : { type: 'boolean' };
  }
  return options;
}

export function parseCliArgs(argv: readonly string[]): CliArgs {
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args: [...argv], options: parserOptions(), allowPositionals: true, strict: true, tokens: true });
  } catch (error) {
    throw new CliError(describeParseError(error));
  }
  const values = parsed.values as Record<string, string | boolean | undefined>;
  const flags: Omit<RawOptions, 'projectName'> = {};
  for (const flag of VALUE_FLAGS) {
    const given = lastValue(parsed.tokens ?? [], flag.alias ? [flag.flag, flag.alias] : [flag.flag]);
    if (given !== undefined) flags[flag.key as OptionKey] = given;
  }
  if (parsed.positionals.length > 1) {
    throw new CliError(
      `Expected at most one directory, got ${parsed.positionals.length}: ${parsed.positionals.map(quoted).join(' ')}. Lists are comma-separated without spaces, e.g. --triggers preSignUp,preTokenGeneration.`,
    );
  }
  const directory = parsed.positionals[0];
  if (directory !== undefined && directory.trim() === '') throw new CliError('The directory argument is empty.');
  const config = values[CONFIG_FLAG.flag];
  return {
    ...(directory !== undefined ? { directory } : {}),
    flags,
    ...(typeof config === 'string' ? { config } : {}),
    yes: values.yes === true,
    skipInstall: values['skip-install'] === true,
    force: values.force === true,
    projen: values.projen === true,
    regenerate: values.regenerate === true,
    check: values.check === true,
    dryRun: values['dry-run'] === true,
    allowReplacePool: values['allow-replace-pool'] === true,
    interactive: values.interactive === true,
    help: values.help === true,
    version: values.version === true,
  };
}

/** The value of the last of these flags on the command line (a flag and its alias are one option). */
function lastValue(tokens: NonNullable<ReturnType<typeof parseArgs>['tokens']>, names: string[]): string | undefined {
  let value: string | undefined;
  for (const token of tokens) {
    if (token.kind === 'option' && names.includes(token.name) && typeof token.value === 'string') value = token.value;
  }
  return value;
}

function describeParseError(error: unknown): string {
  const code = (error as { code?: string }).code;
  const message = error instanceof Error ? error.message : String(error);
  const help = `Run ${COMMAND} --help for the flags.`;
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
    const name = /'([^']+)'/.exec(message)?.[1] ?? message;
    return `Unknown flag ${quoted(name)}. ${help}`;
  }
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    const name = /'(?:-\w, )?(--?[\w-]+)/.exec(message)?.[1];
    if (name && /argument missing|ambiguous/.test(message)) {
      return `Flag ${name} needs a value (${name}=<value> for a value starting with "-"). ${help}`;
    }
    if (name) return `Flag ${name} takes no value. ${help}`;
  }
  return `${escapedInline(message)} ${help}`;
}
