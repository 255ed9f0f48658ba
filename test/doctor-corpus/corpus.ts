// The doctor corpus: hand-written Amplify Gen 2 projects in test/fixtures/doctor/, each with the
// findings a correct doctor reports (expected.json), and the scoring of what doctor reported
// against them: matches, false findings, missed findings, precision and recall. The README blocks
// that report them are generated here, so no number in them is typed by hand.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Finding, NotChecked } from '../../src/core/doctor/index.js';

export const CORPUS_DIR = join(import.meta.dirname, '..', 'fixtures', 'doctor');

export interface ExpectedFinding {
  id: Finding['id'];
  severity: Finding['severity'];
  /** Exactly as doctor names it: `<stack>/<logical id>` and a property path where it gives one. */
  resource: string;
  /** Text the problem must contain, where one project has several findings of one id on one resource. */
  mentions?: string;
}

export interface ExpectedNotChecked {
  resource: string;
  /** Text the reason must contain. */
  mentions: string;
}

export interface CorpusProject {
  name: string;
  /** The layout: how the project wires its triggers. */
  shape: string;
  /** The mistake it makes, or null for a correct project. */
  mistake: string | null;
  findings: ExpectedFinding[];
  notChecked: ExpectedNotChecked[];
}

export function readCorpus(dir = CORPUS_DIR): CorpusProject[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => {
      const file = join(dir, entry.name, 'expected.json');
      if (!existsSync(file)) throw new Error(`${entry.name}: no expected.json`);
      return { name: entry.name, ...(JSON.parse(readFileSync(file, 'utf8')) as Omit<CorpusProject, 'name'>) };
    });
}

export interface DoctorRun {
  exitCode: number;
  findings: Finding[];
  notChecked: NotChecked[];
}

export interface ProjectScore {
  name: string;
  matched: number;
  /** Reported but not expected. */
  extra: Finding[];
  /** Expected but not reported. */
  missed: ExpectedFinding[];
  notCheckedMatched: number;
  notCheckedExtra: NotChecked[];
  notCheckedMissed: ExpectedNotChecked[];
  /** What the exit code should be: 1 with an expected error, else 0. */
  expectedExitCode: number;
}

function matches(expected: ExpectedFinding, actual: Finding): boolean {
  return (
    expected.id === actual.id &&
    expected.severity === actual.severity &&
    expected.resource === actual.resource &&
    (expected.mentions === undefined || actual.problem.includes(expected.mentions))
  );
}

/** Pairs expected and reported one to one, in order. */
function pair<E, A>(expected: E[], actual: A[], same: (e: E, a: A) => boolean): { matched: number; extra: A[]; missed: E[] } {
  const left = [...actual];
  const missed: E[] = [];
  for (const item of expected) {
    const index = left.findIndex((candidate) => same(item, candidate));
    if (index < 0) missed.push(item);
    else left.splice(index, 1);
  }
  return { matched: expected.length - missed.length, extra: left, missed };
}

export function scoreProject(project: CorpusProject, run: DoctorRun): ProjectScore {
  const findings = pair(project.findings, run.findings, matches);
  const notChecked = pair(project.notChecked, run.notChecked, (e, a) => e.resource === a.resource && a.reason.includes(e.mentions));
  return {
    name: project.name,
    matched: findings.matched,
    extra: findings.extra,
    missed: findings.missed,
    notCheckedMatched: notChecked.matched,
    notCheckedExtra: notChecked.extra,
    notCheckedMissed: notChecked.missed,
    expectedExitCode: project.findings.some((finding) => finding.severity === 'error') ? 1 : 0,
  };
}

export interface CorpusScore {
  projects: number;
  correctProjects: number;
  expected: number;
  reported: number;
  matched: number;
  /** Error-level findings on projects that have no mistake. */
  falseErrorsOnCorrect: number;
  precision: number;
  recall: number;
  notCheckedExpected: number;
  notCheckedMatched: number;
}

export function scoreCorpus(projects: CorpusProject[], scores: ProjectScore[]): CorpusScore {
  const byName = new Map(projects.map((project) => [project.name, project]));
  const matched = sum(scores.map((score) => score.matched));
  const reported = matched + sum(scores.map((score) => score.extra.length));
  const expected = sum(projects.map((project) => project.findings.length));
  return {
    projects: projects.length,
    correctProjects: projects.filter((project) => project.mistake === null).length,
    expected,
    reported,
    matched,
    falseErrorsOnCorrect: sum(
      scores.filter((score) => byName.get(score.name)?.mistake === null).map((score) => score.extra.filter((finding) => finding.severity === 'error').length),
    ),
    // No finding reported: nothing false was said.
    precision: reported === 0 ? 1 : matched / reported,
    recall: expected === 0 ? 1 : matched / expected,
    notCheckedExpected: sum(projects.map((project) => project.notChecked.length)),
    notCheckedMatched: sum(scores.map((score) => score.notCheckedMatched)),
  };
}

function sum(values: number[]): number {
  return values.reduce((total, value) => total + value, 0);
}

export const README_START = '<!-- doctor-corpus:start (generated by the doctor corpus tests; DOCTOR_CORPUS_UPDATE=1 rewrites it) -->';
export const README_END = '<!-- doctor-corpus:end -->';

/** The README's doctor-section paragraph: the scores, as measured. */
export function corpusReport(score: CorpusScore): string {
  const ratio = (value: number) => value.toFixed(2);
  return [
    README_START,
    `Over the ${score.projects} projects of the corpus (${score.correctProjects} correct, ${score.projects - score.correctProjects} with mistakes; ${score.expected} expected findings):`,
    '',
    '| precision | recall | false errors on correct projects | handlers reported as not checked |',
    '| ---: | ---: | ---: | ---: |',
    `| ${ratio(score.precision)} (${score.matched} of ${score.reported} reported findings expected) | ${ratio(score.recall)} (${score.matched} of ${score.expected} expected findings reported) | ${score.falseErrorsOnCorrect} | ${score.notCheckedMatched} of ${score.notCheckedExpected} |`,
    README_END,
  ].join('\n');
}

/** The fixtures README's table: every project, its layout, its mistake and the findings expected. */
export function corpusTable(projects: CorpusProject[]): string {
  const cell = (text: string) => text.replace(/\|/g, '\\|');
  const rows = projects.map((project) => {
    const findings = project.findings.map((finding) => `\`${finding.id}\`${finding.severity === 'warning' ? ' (warning)' : ''}`);
    const notChecked = project.notChecked.length > 0 ? [`handler not checked (${project.notChecked.map((item) => item.mentions).join(', ')})`] : [];
    const expected = [...findings, ...notChecked].join(', ') || 'none';
    return `| \`${project.name}\` | ${cell(project.shape)} | ${cell(project.mistake ?? '—')} | ${expected} |`;
  });
  return [README_START, '| project | shape | mistake | doctor reports |', '| --- | --- | --- | --- |', ...rows, README_END].join('\n');
}

/** The text with the block between the markers replaced (it must have the markers). */
export function replaceBlock(text: string, block: string): string {
  const start = text.indexOf(README_START.split(' (')[0]!);
  const end = text.indexOf(README_END);
  if (start < 0 || end < 0) throw new Error(`no ${README_START} … ${README_END} block`);
  return `${text.slice(0, start)}${block}${text.slice(end + README_END.length)}`;
}

/** The block between the markers, or undefined. */
export function currentBlock(text: string): string | undefined {
  const start = text.indexOf(README_START.split(' (')[0]!);
  const end = text.indexOf(README_END);
  return start < 0 || end < 0 ? undefined : text.slice(start, end + README_END.length);
}
