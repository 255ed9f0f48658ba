// How doctor and preview print: readable text (colour only on a terminal without NO_COLOR) or JSON.
import type { Finding, NotChecked } from '../core/doctor/index.js';
import { quoted } from '../core/escape.js';
import type { DoctorReport, PreviewResult } from '../inspect/index.js';

export interface Style {
  red: (text: string) => string;
  yellow: (text: string) => string;
  green: (text: string) => string;
  bold: (text: string) => string;
  dim: (text: string) => string;
}

/** Colour only for a person at a terminal: not when piped, not with NO_COLOR (any value), not in JSON. */
export function wantsColour(stdoutIsTTY: boolean, env: NodeJS.ProcessEnv, json: boolean): boolean {
  return stdoutIsTTY && !json && (env.NO_COLOR === undefined || env.NO_COLOR === '');
}

export function styleFor(colour: boolean): Style {
  const wrap = (open: number, close: number) => (text: string) => (colour ? `\u001b[${open}m${text}\u001b[${close}m` : text);
  return { red: wrap(31, 39), yellow: wrap(33, 39), green: wrap(32, 39), bold: wrap(1, 22), dim: wrap(2, 22) };
}

export function formatDoctor(report: DoctorReport, directory: string, style: Style): string {
  const lines = [`${style.bold('doctor')} ${directory} ${style.dim(`(auth stack: ${report.stack})`)}`, ''];
  for (const item of report.notChecked) lines.push(...formatNotChecked(item, style), '');
  if (report.findings.length === 0) {
    lines.push(
      style.green(
        report.notChecked.length === 0
          ? 'No problems found: LambdaConfig, invoke permissions, feature plan, handler response, claim sources and data rules are as Cognito and AppSync need them.'
          : 'No problems found in what doctor checked: LambdaConfig, invoke permissions, feature plan. The rules above were not checked.',
      ),
    );
    return `${lines.join('\n')}\n`;
  }
  for (const finding of report.findings) lines.push(...formatFinding(finding, style), '');
  const errors = report.findings.filter((finding) => finding.severity === 'error').length;
  const warnings = report.findings.length - errors;
  const unchecked = report.notChecked.length > 0 ? `, ${report.notChecked.length} not checked` : '';
  lines.push(`${plural(errors, 'error')}, ${plural(warnings, 'warning')}${unchecked}.`);
  return `${lines.join('\n')}\n`;
}

function formatNotChecked(item: NotChecked, style: Style): string[] {
  return [`${style.yellow('not checked')} ${style.bold(item.rules.join(', '))}  ${item.resource}`, `  ${item.reason} Check its answers yourself (a unit test with a sample event).`];
}

function formatFinding(finding: Finding, style: Style): string[] {
  const label = finding.severity === 'error' ? style.red('error  ') : style.yellow('warning');
  return [`${label} ${style.bold(finding.id)}  ${finding.resource}`, `  ${finding.problem}`, `  ${style.dim('fix:')} ${finding.fix}`];
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/** Both payloads as JSON, with a marker comment after each claim the trigger changed. */
export function formatPreview(result: PreviewResult, style: Style): string {
  const lines = [
    `${style.bold('preview')} pre token generation ${result.version} (${result.functionId}), ${result.triggerSource}`,
  ];
  if (result.shapeMismatch) {
    lines.push(style.yellow(`The handler did not answer in the ${result.version} shape: Cognito ignores its answer (run doctor).`));
  }
  if (result.idToken) lines.push('', style.bold('ID token'), ...markedJson(result.idToken.payload, result.idToken.changes, style));
  lines.push('', style.bold('access token'), ...markedJson(result.accessToken.payload, result.accessToken.changes, style));
  if (result.dataRules.length > 0) lines.push('', ...dataRuleLines(result.dataRules, style));
  lines.push('', style.dim('// ← marks claims the trigger changed. Times and ids are sample values.'));
  return `${lines.join('\n')}\n`;
}

/** What the access token (Amplify JS v6 sends it to AppSync) lets this user do, per model and operation. */
function dataRuleLines(verdicts: PreviewResult['dataRules'], style: Style): string[] {
  const width = Math.max(...verdicts.map((verdict) => verdict.location.length));
  const label = { allowed: style.green('allowed    '), 'own records': style.green('own records'), denied: style.yellow('denied     ') };
  return [
    style.bold('Amplify Data, with this access token'),
    ...verdicts.map(
      (verdict) => `  ${verdict.location.padEnd(width)}  ${verdict.operation.padEnd(6)}  ${label[verdict.verdict]}  ${verdict.because.join('; ')}`,
    ),
  ];
}

function markedJson(payload: Record<string, unknown>, changes: Record<string, string>, style: Style): string[] {
  const entries = Object.entries(payload);
  const lines = ['{'];
  entries.forEach(([claim, value], index) => {
    const comma = index < entries.length - 1 ? ',' : '';
    const change = changes[claim];
    lines.push(`  ${JSON.stringify(claim)}: ${JSON.stringify(value)}${comma}${change ? style.green(`  // ← ${change}`) : ''}`);
  });
  lines.push('}');
  for (const [claim, change] of Object.entries(changes)) {
    // Quoted like the claims above: a name from the handler may hold anything, terminal escapes included.
    if (!(claim in payload)) lines.push(change === 'suppressed' ? style.green(`// ← ${quoted(claim)}: suppressed`) : style.yellow(`// ${quoted(claim)}: ${change}`));
  }
  return lines;
}
