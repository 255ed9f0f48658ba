// The escaping path (src/core/escape.ts): every function turns any value into text its target
// reads back as exactly that value, and templates cannot write a raw option string.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import MarkdownIt from 'markdown-it';
import { describe, expect, it } from 'vitest';
import { Escaped, jsonText, mdCellCode, mdCode, mdText, quoted, shellWord, templateOutput, tsKey, tsLiteral, tsString } from '../src/core/escape.js';
import { TEMPLATES_DIR } from '../src/core/render.js';
import { FC_PARAMETERS, HOSTILE_FRAGMENTS, hostileString, parseShellWords } from './property/arbitraries.js';

/** Evaluates a JavaScript expression (the TypeScript the functions write is also JavaScript). */
const evaluate = (expression: string): unknown => new Function(`return (${expression});`)();
const markdown = new MarkdownIt();
/** Any string, lone surrogates and control characters included. */
const anyString = fc.oneof(fc.string({ unit: 'binary', maxLength: 40 }), hostileString());
/** What validation lets through to Markdown: no line breaks or control characters; Markdown's own syntax often. */
const singleLine = fc.oneof(
  anyString.filter((value) => !/[\p{Cc}\p{Zl}\p{Zp}]/u.test(value)),
  fc.stringMatching(/^[a-z|`\\*_ <>&![\]()#~@$-]{1,10}$/),
);

describe('TypeScript literals', () => {
  it('a string literal evaluates to the string, and keeps line terminators, bidi and lone surrogates escaped', () => {
    fc.assert(
      fc.property(anyString, (value) => {
        const literal = tsString(value);
        expect(evaluate(literal)).toBe(value);
        expect(literal).not.toMatch(/[\p{C}\p{Zl}\p{Zp}]/u);
      }),
      FC_PARAMETERS,
    );
  });

  it('an object key defines an own property of exactly that name, __proto__ included', () => {
    fc.assert(
      fc.property(fc.oneof(anyString, fc.constantFrom('__proto__', 'constructor', 'toString', 'valueOf', 'hasOwnProperty')), (key) => {
        const object = evaluate(`{ ${tsKey(key)}: 1 }`) as object;
        expect(Object.getOwnPropertyNames(object)).toEqual([key]);
        expect(Object.getPrototypeOf(object)).toBe(Object.prototype);
      }),
      FC_PARAMETERS,
    );
    expect(tsKey('__proto__')).toBe("['__proto__']");
    expect(tsKey('tenant_id')).toBe('tenant_id');
    expect(tsKey('custom:tenant_id')).toBe("'custom:tenant_id'");
  });

  it('a JSON-like value evaluates to an equal value with the same own keys', () => {
    const value = fc.jsonValue().chain((json) => fc.constant(JSON.parse(JSON.stringify(json)) as unknown));
    fc.assert(
      fc.property(fc.oneof(value, fc.dictionary(anyString, anyString)), fc.nat(8), (input, indent) => {
        const output = evaluate(tsLiteral(input, indent));
        expect(JSON.stringify(output)).toBe(JSON.stringify(input));
      }),
      FC_PARAMETERS,
    );
  });
});

describe('JSON', () => {
  it('parses back to the value', () => {
    fc.assert(
      fc.property(fc.oneof(anyString, fc.dictionary(anyString, anyString)), (value) => {
        expect(JSON.parse(jsonText(value, 2))).toEqual(value);
      }),
      FC_PARAMETERS,
    );
  });
});

describe('Markdown', () => {
  const inline = (source: string) => markdown.parseInline(source, {})[0]!.children!;

  it('prose renders as the text itself: no markup, tags, entities or links', () => {
    fc.assert(
      fc.property(singleLine, (value) => {
        const tokens = inline(`a ${mdText(value)} z`);
        // Plain text, and the backslash-escaped characters markdown-it keeps apart as text_special.
        expect(new Set(tokens.map((token) => token.type.replace('text_special', 'text')))).toEqual(new Set(['text']));
        expect(tokens.map((token) => token.content).join('')).toBe(`a ${value} z`);
      }),
      FC_PARAMETERS,
    );
  });

  it('a code span shows the value as it is, backticks and spaces included', () => {
    fc.assert(
      fc.property(singleLine.filter((value) => value.trim() !== ''), (value) => {
        const code = inline(`a ${mdCode(value)} z`).filter((token) => token.type === 'code_inline');
        expect(code.map((token) => token.content)).toEqual([value]);
      }),
      FC_PARAMETERS,
    );
  });

  it('a code span in a table cell keeps the table: pipes are escaped, the cell shows the value', () => {
    fc.assert(
      fc.property(fc.array(singleLine.filter((value) => value.trim() !== ''), { minLength: 1, maxLength: 3 }), (values) => {
        const cell = values.map(mdCellCode).join(', ');
        const tokens = markdown.parse(`| a | b | c |\n| --- | --- | --- |\n| x | ${cell} | z |\n`, {});
        const cells = tokens.filter((token) => token.type === 'inline').map((token) => token.children ?? []);
        expect(cells).toHaveLength(6);
        expect(cells[4]!.filter((token) => token.type === 'code_inline').map((token) => token.content)).toEqual(values);
        expect(cells[5]!.map((token) => token.content).join('')).toBe('z');
      }),
      FC_PARAMETERS,
    );
  });

  it('refuses a line break instead of writing one', () => {
    expect(() => mdText('a\nb')).toThrow(/line break/);
    expect(() => mdCode('a\u2028b')).toThrow(/line break/);
  });
});

describe('shell words', () => {
  it('read back as one word, exactly the value (POSIX quoting; test/cli-readme-commands.e2e.test.ts checks with bash)', () => {
    fc.assert(
      fc.property(anyString.filter((value) => !value.includes('\0')), (value) => {
        expect(parseShellWords(`cmd ${shellWord(value)}`)).toEqual(['cmd', value]);
      }),
      FC_PARAMETERS,
    );
  });
});

describe('messages', () => {
  it('name a value on one line, exactly, and as before for plain values', () => {
    fc.assert(
      fc.property(anyString, (value) => {
        const text = quoted(value);
        expect(text).not.toMatch(/[\p{C}\p{Zl}\p{Zp}]/u);
        expect(evaluate(text)).toBe(value);
      }),
      FC_PARAMETERS,
    );
    expect(quoted('tenant_id')).toBe('"tenant_id"');
  });
});

describe('templates', () => {
  it('<%= %> writes escaped text, numbers, booleans and inert names, and refuses every other value', () => {
    expect(templateOutput(new Escaped("'a b'"))).toBe("'a b'");
    expect(templateOutput(42)).toBe('42');
    expect(templateOutput(false)).toBe('false');
    for (const inert of ['V2_0', 'preTokenGeneration', 'pre-token-generation', 'String', 'claimsAndScopeOverrideDetails.idTokenGeneration']) {
      expect(templateOutput(inert)).toBe(inert);
    }
    const hostile = HOSTILE_FRAGMENTS.filter((fragment) => !['constructor', 'toString'].includes(fragment));
    for (const raw of [...hostile, 'tenant id', '', '-app', '_x', NaN, undefined, null, {}, ['a']]) {
      expect(() => templateOutput(raw), String(raw)).toThrow(/not inert/);
    }
  });

  it('use no <%- %> (raw output): every value goes through <%= %> and its check', () => {
    const templates = readdirSync(TEMPLATES_DIR, { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.ejs'));
    expect(templates.length).toBeGreaterThan(20);
    const raw = templates.filter((file) => readFileSync(join(TEMPLATES_DIR, file), 'utf8').includes('<%-'));
    expect(raw).toEqual([]);
  });
});
