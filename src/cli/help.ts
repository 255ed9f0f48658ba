// --help: every flag with its default and allowed values, from the flag table and the core.
import { COMMAND, CONFIG_FLAG, SWITCH_FLAGS, VALUE_FLAGS } from './flags.js';
import { DEFAULTS, OPTION_KEYS } from '../core/index.js';

export function helpText(): string {
  const lines = [
    `Usage: ${COMMAND} [directory] [flags]`,
    `       ${COMMAND} --regenerate [directory] [flags] [--dry-run] [--force] [--allow-replace-pool] [--interactive]`,
    `       ${COMMAND} --check [directory] [flags]`,
    '',
    'Scaffolds an Amplify Gen 2 project whose Cognito trigger overrides and token-customizing',
    'handlers are right the first time. Asks for what no flag gives when run in a terminal.',
    '',
    'Arguments:',
    `  directory                     where to create the project; its name is the package name`,
    `                                default: ${DEFAULTS.projectName} ("." for the current directory)`,
    '',
    'Options (lists are comma-separated):',
  ];
  for (const flag of VALUE_FLAGS) {
    const names = `--${flag.flag} ${flag.value}` + (flag.alias ? `, --${flag.alias}` : '');
    lines.push(`  ${names}`);
    lines.push(`      ${flag.description}`);
    lines.push(`      default: ${flag.default}`);
    if (flag.allowed) lines.push(`      allowed: ${flag.allowed}`);
  }
  lines.push(`  --${CONFIG_FLAG.flag} ${CONFIG_FLAG.value}`);
  lines.push('      read options from a JSON object; flags win over it');
  lines.push(`      keys: ${OPTION_KEYS.join(', ')}`);
  lines.push('');
  for (const flag of SWITCH_FLAGS) {
    const names = (flag.short ? `-${flag.short}, ` : '') + `--${flag.flag}`;
    lines.push(`  ${names.padEnd(28)}  ${flag.description}`);
  }
  lines.push('');
  lines.push('Examples:');
  lines.push(`  npm create amplify-token-app@latest my-app -- --yes`);
  lines.push(`  ${COMMAND} my-app --pre-token-version V2_0 --attributes tenant_id:String:immutable,plan:String --yes`);
  lines.push(`  ${COMMAND} my-app --threat-protection AUDIT --config team.json`);
  lines.push(`  ${COMMAND} --regenerate --triggers preSignUp,preTokenGeneration,postConfirmation --dry-run`);
  lines.push('');
  lines.push('Commands for an existing project (each has --help):');
  lines.push(`  ${COMMAND} doctor [directory] [--json]      find Cognito trigger mistakes offline`);
  lines.push(`  ${COMMAND} preview [directory] [--user k=v]  show the ID and access tokens after sign-in`);
  lines.push('');
  lines.push('Exit codes: 0 done (--check: up to date); 1 bad input, a refused change or a write that failed (nothing changed:');
  lines.push('what the run had written is undone), --check found differences, or a failed install (the project is kept);');
  lines.push('130 cancelled with Ctrl-C, 143 with SIGTERM (what this run wrote is undone or removed).');
  return lines.join('\n') + '\n';
}
