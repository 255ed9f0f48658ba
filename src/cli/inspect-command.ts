// `doctor [directory]` and `preview [directory]`: offline checks of an Amplify Gen 2 backend and
// the tokens it issues. Loads no Yeoman: only src/inspect and the pure core.
// Exit codes: 0 no error-level finding (preview: printed), 1 an error-level finding, 2 cannot
// inspect (bad arguments, not installed, does not synthesize).
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { hasErrors } from '../core/doctor/index.js';
import { SampleUserError } from '../core/tokens/index.js';
import type { CliIo } from './io.js';
import { formatDoctor, formatPreview, styleFor, wantsColour } from './inspect-output.js';
import { COMMAND } from './flags.js';

export type InspectCommand = 'doctor' | 'preview';

export const EXIT_CANNOT_INSPECT = 2;

class UsageError extends Error {}

export function inspectHelp(command: InspectCommand): string {
  if (command === 'doctor') {
    return [
      `Usage: ${COMMAND} doctor [directory] [--json]`,
      '',
      'Synthesizes the Amplify Gen 2 backend in directory (default ".") offline with the project\'s own',
      'installed packages, reads the auth stack, runs the bundled pre token generation handler, and',
      'reports what would fail at deployment or sign-in, each with its fix.',
      '',
      '  --json      the findings as JSON: { stack, findings: [{ id, severity, resource, problem, fix }] }',
      '  --help',
      '',
      'Exit codes: 0 no error-level finding; 1 at least one; 2 cannot inspect (not installed, does not synthesize, bad arguments).',
      '',
    ].join('\n');
  }
  return [
    `Usage: ${COMMAND} preview [directory] [--user key=value ...] [--trigger-source <source>] [--json]`,
    '',
    'Shows the ID and access token payloads after sign-in: runs the bundled pre token generation',
    'handler of the backend in directory (default ".") with a sample user, and applies Cognito\'s rules.',
    '',
    '  --user key=value         an attribute of the sample user (custom: optional), or groups=a,b; repeatable',
    '  --trigger-source <s>     TokenGeneration_Authentication (default), _HostedAuth, _NewPasswordChallenge,',
    '                           _AuthenticateDevice, _RefreshTokens, _ClientCredentials (V3_0)',
    '  --json                   { version, triggerSource, idToken: { payload, changes }, accessToken: … }',
    '  --help',
    '',
    'Exit codes: 0 printed; 2 cannot inspect (not installed, does not synthesize, no trigger, bad arguments).',
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
  const { doctorProject, previewProject, InspectError } = await import('../inspect/index.js');
  try {
    if (command === 'doctor') {
      const report = await doctorProject(parsed.directory, io.cwd, io.env);
      io.stdout(parsed.json ? `${JSON.stringify(report, null, 2)}\n` : formatDoctor(report, parsed.directory, style));
      return hasErrors(report.findings) ? 1 : 0;
    }
    const result = await previewProject(
      parsed.directory,
      io.cwd,
      { user: parsed.user, ...(parsed.triggerSource ? { triggerSource: parsed.triggerSource } : {}) },
      io.env,
    );
    io.stdout(parsed.json ? `${JSON.stringify(result, null, 2)}\n` : formatPreview(result, style));
    return 0;
  } catch (error) {
    if (error instanceof InspectError || error instanceof SampleUserError) {
      io.stderr(`Error: cannot ${command} ${parsed.directory}: ${error.message}\n`);
      return EXIT_CANNOT_INSPECT;
    }
    throw error;
  }
}

interface InspectArgs {
  directory: string;
  json: boolean;
  help: boolean;
  user: [string, string][];
  triggerSource?: string;
}

function parseInspectArgs(command: InspectCommand, argv: readonly string[]): InspectArgs {
  const options: NonNullable<ParseArgsConfig['options']> = {
    json: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
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
    throw new UsageError(`${command} takes at most one directory, got ${parsed.positionals.map((item) => `"${item}"`).join(' ')}.`);
  }
  const values = parsed.values as { json?: boolean; help?: boolean; user?: string[]; 'trigger-source'?: string };
  const user = (values.user ?? []).map((pair): [string, string] => {
    const equals = pair.indexOf('=');
    if (equals <= 0) throw new UsageError(`--user "${pair}" is not key=value (e.g. --user tenant_id=acme).`);
    return [pair.slice(0, equals), pair.slice(equals + 1)];
  });
  return {
    directory: parsed.positionals[0] ?? '.',
    json: values.json === true,
    help: values.help === true,
    user,
    ...(values['trigger-source'] !== undefined ? { triggerSource: values['trigger-source'] } : {}),
  };
}
