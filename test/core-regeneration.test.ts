import { describe, expect, it } from 'vitest';
import { buildModel } from '../src/core/model.js';
import { mergePackageJson } from '../src/core/merge.js';
import { checkPoolChanges, poolReplacingChanges } from '../src/core/pool-changes.js';
import { hashContent, hashFiles, planIsEmpty, planRegeneration } from '../src/core/regeneration.js';

const generated = new Map([
  ['amplify/backend.ts', 'backend v1'],
  ['amplify/auth/pre-sign-up/handler.ts', 'handler v1'],
  ['amplify/auth/custom-message/handler.ts', 'message v1'],
]);

const plan = (next: Map<string, string>, disk: Record<string, string>, force = false) =>
  planRegeneration({ next, recorded: hashFiles(generated), read: (path) => disk[path], force });

const actions = (planned: ReturnType<typeof plan>) => Object.fromEntries(planned.map((file) => [file.path, file.action]));

describe('planRegeneration', () => {
  it('writes nothing when neither the options nor the files changed', () => {
    const planned = plan(generated, Object.fromEntries(generated));
    expect(planIsEmpty(planned)).toBe(true);
  });

  it('replaces files still as generated and creates new ones', () => {
    const next = new Map([...generated, ['amplify/backend.ts', 'backend v2'], ['amplify/auth/pre-auth/handler.ts', 'new']]);
    const planned = plan(next, Object.fromEntries(generated));
    expect(actions(planned)).toMatchObject({ 'amplify/backend.ts': 'update', 'amplify/auth/pre-auth/handler.ts': 'create' });
    expect(planned.find((file) => file.path === 'amplify/backend.ts')?.content).toBe('backend v2');
  });

  it('keeps a file the user changed and offers the new version beside it', () => {
    const next = new Map([...generated, ['amplify/auth/pre-sign-up/handler.ts', 'handler v2']]);
    const disk = { ...Object.fromEntries(generated), 'amplify/auth/pre-sign-up/handler.ts': 'my handler' };
    const [file] = plan(next, disk).filter((entry) => entry.path.includes('pre-sign-up'));
    expect(file).toMatchObject({ action: 'keep-modified', sidePath: 'amplify/auth/pre-sign-up/handler.ts.new', content: 'handler v2' });
  });

  it('keeps a changed file quietly when the tool would write what it wrote before', () => {
    const disk = { ...Object.fromEntries(generated), 'amplify/auth/pre-sign-up/handler.ts': 'my handler' };
    const planned = plan(generated, disk);
    const kept = planned.find((entry) => entry.path.includes('pre-sign-up'));
    expect(kept?.action).toBe('keep-modified');
    expect(kept?.content).toBeUndefined();
    expect(planIsEmpty(planned)).toBe(true);
  });

  it('deletes the files of a removed option unless the user changed them', () => {
    const next = new Map([...generated].filter(([path]) => !path.includes('handler')));
    const disk = { ...Object.fromEntries(generated), 'amplify/auth/pre-sign-up/handler.ts': 'my handler' };
    expect(actions(plan(next, disk))).toMatchObject({
      'amplify/auth/custom-message/handler.ts': 'delete',
      'amplify/auth/pre-sign-up/handler.ts': 'keep-modified',
    });
  });

  it('overwrites and deletes changed files with force', () => {
    const next = new Map([['amplify/backend.ts', 'backend v2']]);
    const disk = { 'amplify/backend.ts': 'edited', 'amplify/auth/pre-sign-up/handler.ts': 'my handler' };
    expect(actions(plan(next, disk, true))).toEqual({
      'amplify/backend.ts': 'overwrite-modified',
      'amplify/auth/pre-sign-up/handler.ts': 'delete-modified',
    });
  });

  it('treats merged files as always updatable', () => {
    const planned = planRegeneration({
      next: new Map([['package.json', 'merged']]),
      recorded: { 'package.json': hashContent('old') },
      read: () => 'user edited',
      force: false,
      merged: new Set(['package.json']),
    });
    expect(planned[0]!.action).toBe('update');
  });
});

describe('mergePackageJson', () => {
  const previous = JSON.stringify({ name: 'app', scripts: { test: 'vitest run' }, devDependencies: { a: '1.0.0', sdk: '3.0.0' } });
  const next = JSON.stringify({ name: 'app', scripts: { test: 'vitest run', doctor: 'doctor' }, devDependencies: { a: '1.1.0' } });

  it('updates the managed entries and keeps the user own ones', () => {
    const user = JSON.stringify({
      name: 'renamed',
      scripts: { test: 'vitest run', deploy: 'my deploy' },
      devDependencies: { a: '1.0.0', mine: '2.0.0', sdk: '3.0.0' },
    });
    const merged = JSON.parse(mergePackageJson(user, previous, next));
    expect(merged.name).toBe('renamed');
    expect(merged.scripts).toEqual({ test: 'vitest run', deploy: 'my deploy', doctor: 'doctor' });
    expect(merged.devDependencies).toEqual({ a: '1.1.0', mine: '2.0.0' });
    expect(Object.keys(merged.devDependencies)).toEqual(['a', 'mine']);
  });
});

describe('pool-replacing changes', () => {
  const before = buildModel({ attributes: 'tenant_id:String:1-64,seats:Number' });

  it('allows adding an attribute', () => {
    const after = buildModel({ attributes: 'tenant_id:String:1-64,seats:Number,role:String' });
    expect(poolReplacingChanges(before, after)).toEqual([]);
  });

  it('names each removed or changed attribute', () => {
    const after = buildModel({ attributes: 'tenant_id:Number,role:String' });
    expect(poolReplacingChanges(before, after)).toEqual([
      'custom attribute "tenant_id" changed from tenant_id:String:1-64 to tenant_id:Number',
      'custom attribute "seats" removed (or renamed)',
    ]);
  });

  it('refuses them with the safe alternative, unless the user accepts a new pool', () => {
    const after = buildModel({ attributes: 'tenant_id:String:immutable:1-64,seats:Number' });
    expect(() => checkPoolChanges(before, after, false)).toThrow(/add a new one instead, or pass --allow-replace-pool/);
    expect(() => checkPoolChanges(before, after, true)).not.toThrow();
  });
});
