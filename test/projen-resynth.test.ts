// An option change followed by a second synthesis, in a real directory (projen's own cleanup of
// files it no longer produces, recorded in .projen/files.json): a removed trigger's managed files
// go, its handler stays, a user's handler edit survives, a managed file edited by hand is restored.
import { chmodSync, existsSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildModel, fileOwner, renderProject } from '../src/core/index.js';
import { AmplifyTokenApp, type AmplifyTokenAuthOptions, stripMarker } from '../src/projen/index.js';
import { listFiles, PROJEN_WORK_DIR, readTree } from './projen/helpers.js';

const DIR = join(PROJEN_WORK_DIR, `resynth-${process.pid}`);
const NAME = 'resynth-app';

const FIRST: AmplifyTokenAuthOptions = {
  triggers: ['preSignUp', 'postConfirmation', 'preTokenGeneration'],
  preTokenVersion: 'V2_0',
  attributes: ['tenant_id:String', 'plan:String'],
  accessTokenClaims: ['tenant_id'],
};
const SECOND: AmplifyTokenAuthOptions = {
  triggers: ['preTokenGeneration'],
  preTokenVersion: 'V2_0',
  attributes: ['tenant_id:String', 'plan:String'],
  accessTokenClaims: ['tenant_id', 'plan'],
};

/** What `npx projen` does with .projenrc.ts: build the project, synthesize. No npm install here. */
function synth(auth: AmplifyTokenAuthOptions): void {
  new AmplifyTokenApp({ name: NAME, outdir: DIR, auth }).synth();
}

const coreFor = (auth: AmplifyTokenAuthOptions) => renderProject(buildModel({ projectName: NAME, ...auth } as never));

const USER_EDIT = '\n// my change: keep this\n';
/** By mode bits: the tests may run as root, for whom every file is writable. */
const writable = (path: string) => (statSync(join(DIR, path)).mode & 0o222) !== 0;
const handler = (folder: string) => `amplify/auth/${folder}/handler.ts`;

let disablePost: string | undefined;
beforeAll(() => {
  disablePost = process.env.PROJEN_DISABLE_POST;
  process.env.PROJEN_DISABLE_POST = 'true';
  rmSync(DIR, { recursive: true, force: true });
});
afterAll(() => {
  if (disablePost === undefined) delete process.env.PROJEN_DISABLE_POST;
  else process.env.PROJEN_DISABLE_POST = disablePost;
  rmSync(DIR, { recursive: true, force: true });
});

describe('second synthesis after an option change', () => {
  let afterFirst: Map<string, string>;

  it('first synthesis writes the scaffolder files; managed ones read-only, handlers writable', () => {
    synth(FIRST);
    afterFirst = readTree(DIR);
    for (const [path, content] of coreFor(FIRST)) {
      const owner = fileOwner(path);
      if (owner === 'options') {
        expect(stripMarker(path, afterFirst.get(path)!), path).toBe(content);
        expect(writable(path), path).toBe(false);
      }
      if (owner === 'user') {
        expect(afterFirst.get(path), path).toBe(content);
        expect(writable(path), path).toBe(true);
      }
    }
  });

  it('synthesizing again with the same options changes nothing', () => {
    synth(FIRST);
    expect(readTree(DIR)).toEqual(afterFirst);
  });

  it('after removing triggers: their managed files are gone, their handlers (with user edits) stay', () => {
    // The user edits handlers, and (against the marker's advice) a managed file.
    for (const folder of ['pre-sign-up', 'pre-token-generation']) {
      writeFileSync(join(DIR, handler(folder)), readFileSync(join(DIR, handler(folder)), 'utf8') + USER_EDIT);
    }
    const backend = join(DIR, 'amplify/backend.ts');
    chmodSync(backend, 0o644);
    writeFileSync(backend, readFileSync(backend, 'utf8') + USER_EDIT);

    synth(SECOND);
    const files = listFiles(DIR);

    // Managed files of the removed triggers: gone.
    for (const folder of ['pre-sign-up', 'post-confirmation']) {
      expect(files).not.toContain(`amplify/auth/${folder}/resource.ts`);
      // Handlers and their tests: kept, edits included.
      expect(files).toContain(`amplify/auth/${folder}/handler.ts`);
      expect(files).toContain(`amplify/auth/${folder}/handler.test.ts`);
    }
    expect(readFileSync(join(DIR, handler('pre-sign-up')), 'utf8')).toContain(USER_EDIT);
    expect(readFileSync(join(DIR, handler('post-confirmation')), 'utf8')).toBe(coreFor(FIRST).get(handler('post-confirmation')));

    // The kept trigger's handler is not regenerated for the new claims: it is the user's.
    expect(readFileSync(join(DIR, handler('pre-token-generation')), 'utf8')).toBe(
      coreFor(FIRST).get(handler('pre-token-generation')) + USER_EDIT,
    );

    // Every option-owned file is the new options' version; the hand edit to backend.ts is gone.
    const second = coreFor(SECOND);
    for (const [path, content] of second) {
      if (fileOwner(path) === 'options') expect(stripMarker(path, readFileSync(join(DIR, path), 'utf8')), path).toBe(content);
    }
    expect(readFileSync(backend, 'utf8')).not.toContain(USER_EDIT);

    // projen's record and package.json follow: no managed files of the removed triggers, and the
    // admin SDK (needed only by the post confirmation handler) is no longer a dependency.
    const manifest = JSON.parse(readFileSync(join(DIR, '.projen/files.json'), 'utf8')) as { files: string[] };
    expect(manifest.files.filter((path) => path.startsWith('amplify/auth/')).sort()).toEqual([
      'amplify/auth/pre-token-generation/resource.ts',
      'amplify/auth/resource.ts',
    ]);
    const before = JSON.parse(afterFirst.get('package.json')!) as { devDependencies: Record<string, string> };
    const after = JSON.parse(readFileSync(join(DIR, 'package.json'), 'utf8')) as { devDependencies: Record<string, string> };
    expect(Object.keys(before.devDependencies)).toContain('@aws-sdk/client-cognito-identity-provider');
    expect(Object.keys(after.devDependencies)).not.toContain('@aws-sdk/client-cognito-identity-provider');
  });

  it('adding a trigger back writes its managed file again and leaves the kept handler as the user has it', () => {
    synth(FIRST);
    expect(existsSync(join(DIR, 'amplify/auth/pre-sign-up/resource.ts'))).toBe(true);
    expect(readFileSync(join(DIR, handler('pre-sign-up')), 'utf8')).toContain(USER_EDIT);
    expect(readTree(DIR).get('amplify/backend.ts')).toBe(afterFirst.get('amplify/backend.ts'));
  });
});
