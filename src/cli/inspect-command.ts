// `doctor [directory]` and `preview [directory]`: offline checks of an Amplify Gen 2 backend and
// the tokens it issues. Loads no Yeoman: only src/inspect and the pure core.
// Exit codes: 0 no error-level finding (preview: printed), 1 an error-level finding, 2 cannot
// inspect (bad arguments, not installed, does not synthesize), 130 cancelled (Ctrl-C).
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { PRE_TOKEN_VERSION_INFO, PRE_TOKEN_VERSIONS } from '../core/cognito.js';
import { hasErrors } from '../core/doctor/index.js';
import { quoted } from '../core/escape.js';
import { CLIENT_CREDENTIALS_SOURCE, DEFAULT_TRIGGER_SOURCE, SampleUserError, USER_TRIGGER_SOURCES } from '../core/tokens/index.js';
import type { CliIo } from './io.js';
import { formatDoctor, formatPreview, styleFor, wantsColour } from './inspect-output.js';
import { COMMAND } from './flags.js';
import { DEFAULT_SYNTH_TIMEOUT_S } from '../inspect/limits.js';

export type InspectCommand = 'doctor' | 'preview';

export const EXIT_CANNOT_INSPECT = 2;
const EXIT_CANCELLED = 130;

class UsageError extends Error {}

export function inspectHelp(command: InspectCommand): string {
  if (command === 'doctor') {
    return [
      `Usage: ${COMMAND} doctor [directory] [--json] [--timeout <seconds>]`,
      '',
      'Synthesizes the Amplify Gen 2 backend in directory (default ".") offline with the project\'s own',
      'installed packages, reads the auth stack, runs the bundled pre token generation handler, and',
      'reports what would fail at deployment or sign-in, each with its fix.',
      '',
      '  --json              the findings as JSON: { stack, findings: [{ id, severity, resource, problem, fix }],',
      '                      notChecked: [{ rules, resource, reason }] }',
      `  --timeout <s>       stop a synthesis that takes longer (default ${DEFAULT_SYNTH_TIMEOUT_S})`,
      '  --help',
      '',
      'Exit codes: 0 no error-level finding; 1 at least one; 2 cannot inspect (not installed, does not synthesize, bad arguments); 130 cancelled.',
      '',
    ].join('\n');
  }
  return [
    `Usage: ${COMMAND} preview [directory] [--user key=value ...] [--trigger-source <source>] [--json] [--timeout <seconds>]`,
    '',
    'Shows the ID and access token payloads after sign-in: runs the bundled pre token generation',
    'handler of the backend in directory (default ".") with a sample user, and applies Cognito\'s rules.',
    '',
    '  --user key=value         an attribute of the sample user (custom: optional), or groups=a,b; repeatable',
    ...triggerSourceHelp(),
    '  --json                   { version, triggerSource, idToken: { payload, changes }, accessToken: … }',
    `  --timeout <s>            stop a synthesis that takes longer (default ${DEFAULT_SYNTH_TIMEOUT_S})`,
    '  --help',
    '',
    'Exit codes: 0 printed; 2 cannot inspect (not installed, does not synthesize, no trigger, bad arguments); 130 cancelled.',
    '',
  ].join('\n');
}

export async function runInspectCommand(
  command: InspectCommand,
  argv: readonly string[],
  io: CliIo,
  stdoutIsTTY: boolean = process.stdout.isTTY === true,
): Promise<number> {
  let parsed;
  try {
    parsed = parseInspectArgs(command, argv);
  } catch (error) {
    io.stderr(`Error: ${(error as Error).message} Run ${COMMAND} ${command} --help.\n`);
    return EXIT_CANNOT_INSPECT;
  }
  if (parsed.help) {
    io.stdout(inspectHelp(command));
    return 0;
  }
  const style = styleFor(wantsColour(stdoutIsTTY, io.env, parsed.json));
  const { doctorProject, previewProject, InspectError, CancelledError } = await import('../inspect/index.js');
  // Ctrl-C: stop synthesis and the handler runner; the run's scratch directory goes with its end.
  const cancel = new AbortController();
  const onSignal = () => cancel.abort();
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  const options = { env: io.env, timeoutMs: parsed.timeoutS * 1000, signal: cancel.signal };
  try {
    if (command === 'doctor') {
      const report = await doctorProject(parsed.directory, io.cwd, options);
      if (cancel.signal.aborted) throw new CancelledError();
      io.stdout(parsed.json ? `${JSON.stringify(report, null, 2)}\n` : formatDoctor(report, parsed.directory, style));
      return hasErrors(report.findings) ? 1 : 0;
    }
    const result = await previewProject(
      parsed.directory,
      io.cwd,
      { user: parsed.user, ...(parsed.triggerSource ? { triggerSource: parsed.triggerSource } : {}) },
      options,
    );
    if (cancel.signal.aborted) throw new CancelledError();
    io.stdout(parsed.json ? `${JSON.stringify(result, null, 2)}\n` : formatPreview(result, style));
    return 0;
  } catch (error) {
    if (cancel.signal.aborted || error instanceof CancelledError) {
      io.stderr(`\nCancelled: ${command} stopped; its temporary files are removed.\n`);
      return EXIT_CANCELLED;
    }
    if (error instanceof InspectError || error instanceof SampleUserError) {
      io.stderr(`Error: cannot ${command} ${parsed.directory}: ${error.message}\n`);
      return EXIT_CANNOT_INSPECT;
    }
    throw error;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

/** preview's --trigger-source line: the default first, the others shortened to what follows "TokenGeneration". */
function triggerSourceHelp(): string[] {
  const short = (source: string) => source.replace(/^TokenGeneration/, '');
  const others = USER_TRIGGER_SOURCES.filter((source) => source !== DEFAULT_TRIGGER_SOURCE).map(short);
  const machineVersions = PRE_TOKEN_VERSIONS.filter((version) => PRE_TOKEN_VERSION_INFO[version].clientCredentials).join('/');
  const sources = [`${DEFAULT_TRIGGER_SOURCE} (default)`, ...others, `${short(CLIENT_CREDENTIALS_SOURCE)} (${machineVersions})`];
  const half = Math.ceil(sources.length / 2);
  return [
    `  --trigger-source <s>     ${sources.slice(0, half).join(', ')},`,
    `                           ${sources.slice(half).join(', ')}`,
  ];
}

interface InspectArgs {
  directory: string;
  json: boolean;
  timeoutS: number;
  help: boolean;
  user: [string, string][];
  triggerSource?: string;
}

function parseInspectArgs(command: InspectCommand, argv: readonly string[]): InspectArgs {
  const options: NonNullable<ParseArgsConfig['options']> = {
    json: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
    timeout: { type: 'string' },
    ...(command === 'preview' ? { user: { type: 'string', multiple: true }, 'trigger-source': { type: 'string' } } : {}),
  };
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], options, allowPositionals: true, strict: true });
  } catch (error) {
    const message = (error as Error).message;
    const name = /'([^']+)'/.exec(message)?.[1];
    throw new UsageError(name ? `${command}: unknown flag or missing value: ${name}.` : `${command}: ${message}`);
  }
  if (parsed.positionals.length > 1) {
    throw new UsageError(`${command} takes at most one directory, got ${parsed.positionals.map(quoted).join(' ')}.`);
  }
  const values = parsed.values as { json?: boolean; help?: boolean; timeout?: string; user?: string[]; 'trigger-source'?: string };
  const timeoutS = values.timeout === undefined ? DEFAULT_SYNTH_TIMEOUT_S : Number(values.timeout);
  if (!/^\d+(\.\d+)?$/.test(values.timeout ?? '0') || !(timeoutS > 0) || timeoutS > 86_400) {
    throw new UsageError(`--timeout ${quoted(values.timeout ?? '')} is not a number of seconds from 1 to 86400.`);
  }
  const user = (values.user ?? []).map((pair): [string, string] => {
    const equals = pair.indexOf('=');
    if (equals <= 0) throw new UsageError(`--user ${quoted(pair)} is not key=value (e.g. --user tenant_id=acme).`);
    return [pair.slice(0, equals), pair.slice(equals + 1)];
  });
  return {
    directory: parsed.positionals[0] ?? '.',
    json: values.json === true,
    timeoutS,
    help: values.help === true,
    user,
    ...(values['trigger-source'] !== undefined ? { triggerSource: values['trigger-source'] } : {}),
  };
}
