// The record in .yo-rc.json (src/core/record.ts): every stored value reads back as written, and
// rebuilds the same options; values that would not (a Number range past 2^53) are refused up front.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildModel, formatAttributeSpec, modelToOptions, OptionsError, parseAttributeSpec, type RawOptions, TRIGGER_NAMES } from '../src/core/index.js';
import { NUMBER_RANGE_LIMIT } from '../src/core/attributes.js';
import { newRecord, parseRecordFile, RECORD_KEY, recordFileText } from '../src/core/record.js';
import { FC_PARAMETERS, optionSet } from './property/arbitraries.js';

/** At least `runs` (most generated option sets are refused by the model, and are not the point here). */
const atLeast = (runs: number) => ({ ...FC_PARAMETERS, numRuns: Math.max(FC_PARAMETERS.numRuns ?? 0, runs) });

const integer = fc.oneof(fc.integer({ min: -5000, max: 5000 }), fc.bigInt({ min: -(10n ** 25n), max: 10n ** 25n }).map(String), fc.constantFrom(String(NUMBER_RANGE_LIMIT), `-${NUMBER_RANGE_LIMIT}`));
const range = fc.option(fc.tuple(integer, integer).map(([min, max]) => `${min}-${max}`), { nil: undefined });
const attribute = fc
  .record({
    name: fc.stringMatching(/^[a-z][a-z0-9_]{0,8}$/),
    type: fc.constantFrom('String', 'Number', 'Boolean', 'DateTime', 'string', 'number'),
    immutable: fc.boolean(),
    range,
  })
  .map(({ name, type, immutable, range }) => [name, type, ...(immutable ? ['immutable'] : []), ...(range ? [range] : [])].join(':'));
const list = <T>(items: readonly T[]) => fc.option(fc.subarray([...items]), { nil: undefined });
const options: fc.Arbitrary<RawOptions> = fc
  .record({
    triggers: list(TRIGGER_NAMES.map((name) => (name.length % 2 === 0 ? name.toLowerCase() : name))),
    preTokenVersion: fc.option(fc.constantFrom('V1_0', 'V2_0', 'V3_0', 'v1', 'v3'), { nil: undefined }),
    // Mostly left out: a fixed plan or threat protection makes most other choices invalid.
    featurePlan: fc.option(fc.constantFrom('LITE', 'ESSENTIALS', 'PLUS', 'plus'), { nil: undefined, freq: 1 }),
    threatProtection: fc.option(fc.constantFrom('OFF', 'AUDIT', 'ENFORCED'), { nil: undefined, freq: 1 }),
    attributes: fc.option(fc.array(attribute, { maxLength: 4 }), { nil: undefined }),
    suppressClaims: list(['email', 'locale', 'nickname']),
    scopesToAdd: list(['orders/read', 'api/write']),
  })
  .map((raw) => Object.fromEntries(Object.entries({ projectName: 'app', ...raw }).filter(([, value]) => value !== undefined)) as RawOptions);

/** The model for `raw`, or undefined when the options are refused (with an OptionsError, nothing else). */
function modelOf(raw: RawOptions) {
  try {
    return buildModel(raw);
  } catch (error) {
    if (error instanceof OptionsError) return undefined;
    throw error;
  }
}

describe('round trip of every stored value', () => {
  it('options → record → .yo-rc.json text → record → the same options and the same model', () => {
    let accepted = 0;
    fc.assert(
      fc.property(options, (raw) => {
        const model = modelOf(raw);
        if (!model) return;
        accepted += 1;
        const resolved = modelToOptions(model);
        const record = newRecord('0.1.0', raw, resolved, new Map([['README.md', 'x']]));
        const read = parseRecordFile(recordFileText({ 'generator-other': { kept: true } }, record), '.yo-rc.json');
        expect(read.record).toEqual(record);
        expect(read.entries['generator-other']).toEqual({ kept: true });
        expect(modelToOptions(buildModel(read.record!.options))).toEqual(resolved);
        expect(modelToOptions(buildModel({ ...read.record!.given, projectName: 'app' }))).toEqual(resolved);
      }),
      atLeast(1000),
    );
    expect(accepted).toBeGreaterThan(60); // not vacuous: about 180 of 1000 are valid
  });

  it('hostile values (quotes, backslashes, __proto__, unicode) read back from .yo-rc.json exactly', () => {
    fc.assert(
      fc.property(optionSet(), (raw) => {
        const model = modelOf(raw);
        if (!model) return;
        const record = newRecord('0.1.0', raw, modelToOptions(model), new Map());
        const read = parseRecordFile(recordFileText({}, record), '.yo-rc.json').record!;
        expect(read).toEqual(record);
        expect(modelToOptions(buildModel(read.options))).toEqual(record.options);
      }),
      atLeast(200),
    );
  });

  it('every attribute spec the parser accepts is stored as a spec that parses to the same attribute', () => {
    fc.assert(
      fc.property(attribute, (spec) => {
        let parsed;
        try {
          parsed = parseAttributeSpec(spec);
        } catch (error) {
          if (error instanceof OptionsError) return;
          throw error;
        }
        expect(parseAttributeSpec(formatAttributeSpec(parsed))).toEqual(parsed);
        expect(formatAttributeSpec(parsed)).not.toMatch(/e\+/);
      }),
      atLeast(500),
    );
  });

  it('a Number range beyond 2^53 - 1 is refused, naming the range as written', () => {
    expect(() => parseAttributeSpec('seats:Number:1-99999999999999999999999')).toThrow(
      `Attribute "seats" has value range 1-99999999999999999999999; the range must lie within -${NUMBER_RANGE_LIMIT} to ${NUMBER_RANGE_LIMIT}`,
    );
    expect(formatAttributeSpec(parseAttributeSpec(`seats:Number:-${NUMBER_RANGE_LIMIT}-${NUMBER_RANGE_LIMIT}`))).toBe(`seats:Number:-${NUMBER_RANGE_LIMIT}-${NUMBER_RANGE_LIMIT}`);
  });
});

describe('reading a record', () => {
  it('reads a record of an earlier version (the options alone) as given and resolved at once', () => {
    const text = JSON.stringify({ [RECORD_KEY]: { triggers: ['preSignUp'] } });
    expect(parseRecordFile(text, '.yo-rc.json').record).toEqual({ given: { triggers: ['preSignUp'] }, options: { triggers: ['preSignUp'] }, files: {} });
  });

  it.each([
    ['not JSON', '{', '.yo-rc.json is not valid JSON'],
    ['not an object', '[1]', '.yo-rc.json must hold a JSON object, not [1]'],
    ['our entry not an object', `{"${RECORD_KEY}": "x"}`, `"${RECORD_KEY}" must be an object, not "x"`],
    ['a bad version', `{"${RECORD_KEY}": {"version": 1, "options": {}}}`, `"${RECORD_KEY}.version" must be a version such as "0.1.0", not 1`],
    ['an absolute path', `{"${RECORD_KEY}": {"options": {}, "files": {"/etc/passwd": "sha256-${'0'.repeat(64)}"}}}`, '"/etc/passwd" is not a file inside the project (absolute)'],
    ['a path inside .git', `{"${RECORD_KEY}": {"options": {}, "files": {".git/config": "sha256-${'0'.repeat(64)}"}}}`, '".git/config" is not a file inside the project (inside .git or node_modules'],
    ['the tool’s own lock', `{"${RECORD_KEY}": {"options": {}, "files": {".create-amplify-token-app.lock": "sha256-${'0'.repeat(64)}"}}}`, "(one of this tool's own working files)"],
    ['a bad hash', `{"${RECORD_KEY}": {"options": {}, "files": {"a.ts": "md5-x"}}}`, 'the hash of a.ts must be "sha256-" and 64 hex digits'],
    ['an unknown key', `{"${RECORD_KEY}": {"options": {}, "extra": 1}}`, `"${RECORD_KEY}.extra" is not a key this tool writes`],
  ])('refuses %s, naming the file and the key', (_name, text, message) => {
    expect(() => parseRecordFile(text, '.yo-rc.json')).toThrow(message);
  });
});
