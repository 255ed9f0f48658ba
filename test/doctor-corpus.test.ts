// The doctor corpus without synthesis: every project states its expected findings in a form the
// scoring can use, the fixtures README lists them as expected.json says, and the scoring counts
// right (the e2e test, doctor-fixtures.e2e.test.ts, runs doctor over the corpus with it).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FINDING_IDS, type Finding } from '../src/core/doctor/index.js';
import { CORPUS_DIR, corpusTable, currentBlock, readCorpus, replaceBlock, scoreCorpus, scoreProject, type CorpusProject } from './doctor-corpus/corpus.js';

const corpus = readCorpus();

describe('the corpus', () => {
  it('every project states its shape, its mistake (or null) and findings doctor can report', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(20);
    for (const project of corpus) {
      expect(project.shape.length, project.name).toBeGreaterThan(10);
      expect(project.mistake === null || project.mistake.length > 10, project.name).toBe(true);
      // A project with a mistake expects a finding (or a not-checked handler); a correct one expects no error.
      if (project.mistake !== null) expect(project.findings.length, project.name).toBeGreaterThan(0);
      else expect(project.findings.filter((finding) => finding.severity === 'error'), project.name).toEqual([]);
      for (const finding of project.findings) {
        expect(FINDING_IDS, project.name).toContain(finding.id);
        expect(['error', 'warning'], project.name).toContain(finding.severity);
        expect(finding.resource, project.name).toMatch(/^[\w-]+\/\w+/);
      }
    }
  });

  it('covers a correct project of each layout and each mistake doctor looks for', () => {
    const correct = corpus.filter((project) => project.mistake === null).length;
    expect(correct).toBeGreaterThanOrEqual(10);
    const caught = new Set(corpus.flatMap((project) => project.findings.map((finding) => finding.id)));
    // handler-failed is a warning about doctor's own run, not a mistake a project makes on purpose.
    expect([...FINDING_IDS].filter((id) => !caught.has(id))).toEqual(['handler-failed']);
  });

  it('the fixtures README lists every project as expected.json says', () => {
    const readme = join(CORPUS_DIR, 'README.md');
    const text = readFileSync(readme, 'utf8');
    const table = corpusTable(corpus);
    if (process.env.DOCTOR_CORPUS_UPDATE) writeFileSync(readme, replaceBlock(text, table));
    expect(currentBlock(readFileSync(readme, 'utf8')), 'stale: run with DOCTOR_CORPUS_UPDATE=1').toBe(table);
  });
});

describe('scoring', () => {
  const finding = (id: Finding['id'], resource: string, problem = 'p', severity: Finding['severity'] = 'error'): Finding => ({ id, severity, resource, problem, fix: 'f' });
  const project = (name: string, mistake: string | null, findings: CorpusProject['findings']): CorpusProject => ({ name, shape: 's', mistake, findings, notChecked: [] });

  it('pairs findings one to one by id, severity, exact resource and the text mentioned', () => {
    const expected = project('p', 'm', [
      { id: 'reserved-claim', severity: 'error', resource: 'auth/fn', mentions: 'version' },
      { id: 'reserved-claim', severity: 'error', resource: 'auth/fn', mentions: 'aud' },
    ]);
    const score = scoreProject(expected, {
      exitCode: 1,
      findings: [finding('reserved-claim', 'auth/fn', 'sets aud'), finding('reserved-claim', 'auth/fn', 'sets aud again'), finding('reserved-claim', 'auth/fnX', 'version')],
      notChecked: [],
    });
    expect([score.matched, score.extra.map((f) => f.problem), score.missed.map((f) => f.mentions)]).toEqual([1, ['sets aud again', 'version'], ['version']]);
    expect(score.expectedExitCode).toBe(1);
    expect(scoreProject(project('w', 'm', [{ id: 'plan-not-explicit', severity: 'warning', resource: 'auth/pool' }]), { exitCode: 0, findings: [], notChecked: [] }).expectedExitCode).toBe(0);
  });

  it('precision, recall and false errors on correct projects', () => {
    const projects = [project('ok', null, []), project('bad', 'm', [{ id: 'trigger-permission-missing', severity: 'error', resource: 'function/fn' }])];
    const perfect = scoreCorpus(projects, [
      scoreProject(projects[0]!, { exitCode: 0, findings: [], notChecked: [] }),
      scoreProject(projects[1]!, { exitCode: 1, findings: [finding('trigger-permission-missing', 'function/fn')], notChecked: [] }),
    ]);
    expect([perfect.precision, perfect.recall, perfect.falseErrorsOnCorrect]).toEqual([1, 1, 0]);
    const wolf = scoreCorpus(projects, [
      scoreProject(projects[0]!, { exitCode: 1, findings: [finding('trigger-permission-missing', 'function/fn')], notChecked: [] }),
      scoreProject(projects[1]!, { exitCode: 0, findings: [], notChecked: [] }),
    ]);
    expect([wolf.precision, wolf.recall, wolf.falseErrorsOnCorrect, wolf.reported]).toEqual([0, 0, 1, 1]);
  });
});
