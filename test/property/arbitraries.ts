// Shared by the property tests: hostile strings, option sets built from them, bounded run
// parameters, and a strict reader of the shell words the generated README writes.
import fc from 'fast-check';
import { ATTRIBUTE_TYPES, PRE_TOKEN_VERSIONS, TRIGGER_NAMES, FEATURE_PLANS, THREAT_PROTECTION_MODES, type RawOptions } from '../../src/core/index.js';

/**
 * Runs are bounded and repeatable: a fixed seed unless FC_SEED is set, and FC_RUNS runs (default
 * 100 per property) so the fast lane stays fast. A failure prints its seed and path to replay it.
 */
export const FC_PARAMETERS: fc.Parameters<unknown> = {
  seed: process.env.FC_SEED ? Number(process.env.FC_SEED) : 20261130,
  numRuns: process.env.FC_RUNS ? Number(process.env.FC_RUNS) : 100,
};

/** Pieces an attacker or an unlucky user puts in a value: every target's quoting and structure. */
export const HOSTILE_FRAGMENTS = [
  "'",
  '"',
  '\\',
  '`',
  '${x}',
  '$(id)',
  '\n',
  '\r\n',
  '*/',
  '/*',
  '//',
  '</script>',
  '<!--',
  '__proto__',
  'constructor',
  'toString',
  ';',
  '|',
  '&&',
  '>',
  '<',
  '#',
  '~',
  '-',
  '[',
  ']',
  '{',
  '}',
  '=',
  ',',
  ':',
  '*',
  '?',
  '!',
  '%',
  '@',
  '\t',
  '\u2028',
  '\u202e',
  '\ud800',
  '\0',
  'テナント',
  'é',
  '😀',
  'ß',
  ' ',
];

/** Names objects already have: a claim or key of that name must still be an ordinary own property. */
export const PROTOTYPE_NAMES = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf'];

/** A string made of hostile fragments and random characters. */
export function hostileString(maxPieces = 4): fc.Arbitrary<string> {
  const piece = fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...HOSTILE_FRAGMENTS) },
    { weight: 2, arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 3 }) },
    { weight: 2, arbitrary: fc.stringMatching(/^[a-z_]{1,6}$/) },
  );
  return fc.array(piece, { minLength: 1, maxLength: maxPieces }).map((pieces) => pieces.join(''));
}

/** A name validation is likely to accept: printable, no ":" or "," (it still may not). */
function printableName(maxLength: number): fc.Arbitrary<string> {
  return hostileString()
    .map((value) => value.replace(/[\p{C}\p{Z}:,]/gu, ''))
    .filter((value) => value.length >= 1 && value.length <= maxLength);
}

export interface OptionSet {
  options: RawOptions;
}

/**
 * Option sets as every front end may give them, lists as arrays (a --config file), built so that
 * most are valid: names mostly printable (some not at all), claims chosen from the attributes.
 */
export function optionSet(): fc.Arbitrary<RawOptions> {
  const attributeName = fc.oneof(
    { weight: 5, arbitrary: printableName(20) },
    { weight: 1, arbitrary: fc.constant('__proto__') },
    { weight: 1, arbitrary: fc.constantFrom(...PROTOTYPE_NAMES) },
    { weight: 1, arbitrary: hostileString(2) },
  );
  const attribute = fc.record({
    name: attributeName,
    type: fc.constantFrom(...ATTRIBUTE_TYPES),
    immutable: fc.boolean(),
    range: fc.option(fc.tuple(fc.integer({ min: 0, max: 30 }), fc.integer({ min: 30, max: 200 })), { nil: undefined }),
  });
  return fc
    .record({
      projectName: fc.oneof(
        { weight: 4, arbitrary: fc.stringMatching(/^[a-z0-9][a-z0-9._-]{0,30}$/) },
        { weight: 1, arbitrary: fc.constant('@acme/token-app') },
        { weight: 1, arbitrary: hostileString(2) },
      ),
      triggers: fc.oneof(
        { weight: 4, arbitrary: fc.subarray([...TRIGGER_NAMES]).map((names) => [...new Set([...names, 'preTokenGeneration'])]) },
        { weight: 1, arbitrary: fc.subarray([...TRIGGER_NAMES]) },
      ),
      // Mostly left to the defaults, which always combine: the values are what this test is about.
      preTokenVersion: fc.option(fc.constantFrom(...PRE_TOKEN_VERSIONS), { nil: undefined }),
      featurePlan: fc.oneof({ weight: 2, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: fc.constantFrom(...FEATURE_PLANS) }),
      threatProtection: fc.oneof({ weight: 3, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: fc.constantFrom(...THREAT_PROTECTION_MODES) }),
      attributes: fc.uniqueArray(attribute, { maxLength: 4, selector: (item) => item.name }),
      idClaims: fc.option(fc.array(fc.nat(3), { maxLength: 4 }), { nil: undefined }),
      accessClaims: fc.oneof({ weight: 3, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: fc.array(fc.nat(3), { maxLength: 4 }) }),
      suppressClaims: fc.array(
        fc.oneof(
          { weight: 4, arbitrary: printableName(40) },
          { weight: 1, arbitrary: fc.constantFrom(...PROTOTYPE_NAMES) },
          { weight: 1, arbitrary: hostileString(2) },
        ),
        {
          maxLength: 3,
        },
      ),
      scopesToAdd: fc.array(
        fc.oneof(
          { weight: 4, arbitrary: hostileString().map((value) => value.replace(/[^\x21-\x7e]|["\\]/g, '')).filter((value) => value !== '') },
          { weight: 1, arbitrary: hostileString(2) },
        ),
        { maxLength: 2 },
      ),
    })
    .map(({ attributes, idClaims, accessClaims, ...rest }): RawOptions => {
      const specs = attributes.map(({ name, type, immutable, range }) => {
        const rangePart = range && (type === 'String' || type === 'Number') ? `:${range[0]}-${range[1]}` : '';
        return `${name}:${type}${immutable ? ':immutable' : ''}${rangePart}`;
      });
      const pick = (indexes: number[] | undefined) =>
        indexes === undefined ? undefined : [...new Set(indexes.filter((index) => index < attributes.length).map((index) => attributes[index]!.name))];
      return {
        ...rest,
        attributes: specs,
        ...(idClaims !== undefined ? { idTokenClaims: pick(idClaims) } : {}),
        ...(accessClaims !== undefined ? { accessTokenClaims: pick(accessClaims) } : {}),
      };
    })
    .map((options) => Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined)) as RawOptions);
}

/** Characters a word may have unquoted: the shell passes them on as they are (escape.ts leaves them bare). */
const PLAIN = /[A-Za-z0-9_@%+=:,./-]/;

/**
 * The words of a POSIX shell command line, for lines made of plain characters and single-quoted
 * parts only: anything else (double quotes, backslashes, $, globs, operators, a leading ~ or #)
 * outside single quotes throws, since the shell would not pass it on as written.
 */
export function parseShellWords(line: string): string[] {
  const words: string[] = [];
  let word: string | undefined;
  for (let index = 0; index < line.length; index++) {
    const character = line[index]!;
    if (character === ' ') {
      if (word !== undefined) words.push(word);
      word = undefined;
    } else if (character === "'") {
      const end = line.indexOf("'", index + 1);
      if (end === -1) throw new Error(`unterminated quote in: ${line}`);
      word = (word ?? '') + line.slice(index + 1, end);
      index = end;
    } else if (character === '\\' && line[index + 1] === "'") {
      word = (word ?? '') + "'";
      index += 1;
    } else if (PLAIN.test(character)) {
      word = (word ?? '') + character;
    } else {
      throw new Error(`unquoted ${JSON.stringify(character)} at ${index} in: ${line}`);
    }
  }
  if (word !== undefined) words.push(word);
  return words;
}
