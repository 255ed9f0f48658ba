// Which options a run gives (src/core/carry-over.ts): the flags, the interactive answers that
// change something, and the stored options that still apply, decided by the model's own parsers.
import { describe, expect, it } from 'vitest';
import { buildModel, modelToOptions, OPTION_KEYS, OptionsError, type RawOptions } from '../src/core/index.js';
import { givenOptions } from '../src/core/carry-over.js';

const defaults = modelToOptions(buildModel({ projectName: 'app' }));
const stored = (given: RawOptions) => ({ given, options: modelToOptions(buildModel({ projectName: 'app', ...given })) });
const run = (flags: RawOptions, given: RawOptions) => givenOptions({ projectName: 'app', ...flags }, undefined, stored(given));

describe('interactive answers (a fresh run: nothing stored)', () => {
  const answered = (flags: RawOptions, answers: RawOptions) => givenOptions(flags, { ...answers, ...flags }).given;

  it('Enter at every question gives nothing but the project name', () => {
    expect(answered({}, { ...defaults })).toEqual({ projectName: 'app' });
  });

  it('a plan that follows threat protection is not given; the threat protection is', () => {
    const given = answered({}, { ...defaults, threatProtection: 'AUDIT', featurePlan: 'PLUS' });
    expect(given).toMatchObject({ threatProtection: 'AUDIT' });
    expect(given).not.toHaveProperty('featurePlan');
  });

  it('a plan chosen above what the rest needs is given', () => {
    expect(answered({}, { ...defaults, featurePlan: 'PLUS' })).toMatchObject({ featurePlan: 'PLUS' });
  });

  it('claims follow the attributes unless the user narrowed them', () => {
    const attributes = ['tenant_id:String', 'plan:String'];
    expect(answered({}, { ...defaults, attributes, idTokenClaims: ['tenant_id', 'plan'] })).not.toHaveProperty('idTokenClaims');
    expect(answered({}, { ...defaults, attributes, idTokenClaims: ['plan'] })).toMatchObject({ idTokenClaims: ['plan'] });
  });

  it('a flag is given even when it names the default', () => {
    expect(answered({ featurePlan: 'ESSENTIALS' }, { ...defaults })).toMatchObject({ featurePlan: 'ESSENTIALS' });
  });
});

describe('interactive answers on --regenerate', () => {
  it('an option fixed earlier stays given while its answer keeps it', () => {
    const before = stored({ featurePlan: 'ESSENTIALS' });
    expect(givenOptions({ projectName: 'app' }, { ...before.options }, before).given).toEqual({ projectName: 'app', featurePlan: 'ESSENTIALS' });
  });

  it('an answer that changes a fixed option back to its default is not undone by the stored value', () => {
    const before = stored({ featurePlan: 'PLUS' });
    const { given } = givenOptions({ projectName: 'app' }, { ...before.options, featurePlan: 'ESSENTIALS' }, before);
    expect(buildModel(given).featurePlan).toBe('ESSENTIALS');
  });

  it('options no question asks carry over (scopes)', () => {
    const before = stored({ scopesToAdd: 'orders/read' });
    const { scopesToAdd: _notAsked, ...answers } = before.options;
    expect(givenOptions({ projectName: 'app' }, answers, before).given).toMatchObject({ scopesToAdd: 'orders/read' });
  });
});

describe('stored options carried over', () => {
  it('trigger names are compared as the core compares them: V3_0 survives --triggers presignup,pretokengeneration', () => {
    const { given, dropped } = run({ triggers: 'presignup,pretokengeneration' }, { preTokenVersion: 'V3_0' });
    expect(dropped).toEqual([]);
    expect(buildModel(given).preTokenVersion).toBe('V3_0');
  });

  it('dropping preTokenGeneration drops the options that need it, and says which', () => {
    const result = run({ triggers: 'preSignUp' }, { preTokenVersion: 'v3', idTokenClaims: 'tenant_id', suppressClaims: 'email', scopesToAdd: 'a/b' });
    expect(result.dropped).toEqual(['preTokenVersion', 'idTokenClaims', 'suppressClaims', 'scopesToAdd']);
    expect(() => buildModel(result.given)).not.toThrow();
  });

  it('V1_0 drops access-token claims and scopes, keeps ID-token claims', () => {
    const result = run({ preTokenVersion: 'V1_0' }, { idTokenClaims: 'tenant_id', accessTokenClaims: 'tenant_id', scopesToAdd: 'a/b' });
    expect(result.dropped).toEqual(['accessTokenClaims', 'scopesToAdd']);
    expect(result.given).toMatchObject({ idTokenClaims: 'tenant_id' });
  });

  it('removing every attribute drops the claims that named them', () => {
    expect(run({ attributes: '' }, { idTokenClaims: 'tenant_id' }).dropped).toEqual(['idTokenClaims']);
  });

  it('options whose default is empty (suppressed claims, scopes) carry over with unrelated flags', () => {
    const { given, dropped } = run({ threatProtection: 'AUDIT' }, { suppressClaims: 'email', scopesToAdd: 'orders/read' });
    expect(dropped).toEqual([]);
    expect(given).toMatchObject({ suppressClaims: 'email', scopesToAdd: 'orders/read' });
  });

  it('a plan fixed below what a new option needs is kept, and the model refuses it', () => {
    const { given, dropped } = run({ threatProtection: 'AUDIT' }, { preTokenVersion: 'V1_0', featurePlan: 'LITE' });
    expect(dropped).toEqual([]);
    expect(() => buildModel(given)).toThrow(OptionsError);
    expect(() => buildModel(given)).toThrow('needs feature plan PLUS, not LITE');
  });

  it('claims naming an attribute that is gone are kept: the model names the problem', () => {
    const { given } = run({ attributes: 'plan:String' }, { idTokenClaims: 'tenant_id' });
    expect(() => buildModel(given)).toThrow('"tenant_id" is not a chosen custom attribute');
  });

  it('every option key carries over the same way: no key needs code of its own', () => {
    const everything = Object.fromEntries(OPTION_KEYS.filter((key) => key !== 'projectName').map((key) => [key, defaults[key]])) as RawOptions;
    const { given, dropped } = run({}, everything);
    expect(dropped).toEqual([]);
    expect(given).toEqual({ projectName: 'app', ...everything });
  });
});
