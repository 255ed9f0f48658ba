// The one way an option value reaches generated text. Each function turns a value into text that
// is valid and inert for one target: a TypeScript string or object key, JSON, Markdown (prose,
// a code span, a table cell), a POSIX shell word. Templates get them wrapped as `Escaped`, and
// their `<%= %>` refuses any other string that is not inert everywhere (templateOutput), so a
// template that forgets to escape a value fails in the tests instead of emitting it raw.

/** Text already made safe for the place a template puts it. */
export class Escaped {
  constructor(readonly text: string) {}

  toString(): string {
    return this.text;
  }
}

/**
 * Strings `<%= %>` writes as they are: names from the catalogs and enums (`V2_0`, `preTokenGeneration`,
 * `pre-token-generation`, `String`). Text matching it means the same verbatim in TypeScript (code,
 * string or comment), JSON strings, Markdown and shell words: no quote, no space, no operator but
 * `.` and `-`, no leading `-` or `_` (so no `__proto__` and no flag-like word).
 */
const INERT = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;

/** EJS's `escape` for `<%= %>`: escaped text, numbers, booleans and inert strings only. */
export function templateOutput(value: unknown): string {
  if (value instanceof Escaped) return value.text;
  if ((typeof value === 'number' && Number.isFinite(value)) || typeof value === 'boolean') return String(value);
  if (typeof value === 'string' && INERT.test(value)) return value;
  const shown = typeof value === 'string' ? JSON.stringify(value) : String(value);
  throw new TypeError(
    `<%= %> got ${shown}, which is not inert in every target: write it with the template helper for its place (it.str, it.key, it.ts, it.json, it.md, it.code, it.cellCode; shell commands from readme-commands.ts).`,
  );
}

// ---------------------------------------------------------------------------------------------
// TypeScript: single quotes, two-space indent, trailing commas, bare keys where they are identifiers.

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;
/**
 * Characters written as escapes in a string literal: the backslash, the quote, line terminators
 * and other control, format (bidirectional overrides: "Trojan Source"), surrogate, private-use and
 * unassigned code points.
 */
const ESCAPED_IN = {
  "'": /[\\'\p{C}\p{Zl}\p{Zp}]/gu,
  '"': /[\\"\p{C}\p{Zl}\p{Zp}]/gu,
};

/** Single quotes, or double quotes when the value has more single quotes than double ones (as Prettier does). */
export function tsString(value: string): string {
  const quote = count(value, "'") > count(value, '"') ? '"' : "'";
  return `${quote}${value.replace(ESCAPED_IN[quote], escapeCharacter)}${quote}`;
}

function count(text: string, character: string): number {
  return text.split(character).length - 1;
}

function escapeCharacter(character: string): string {
  if (character === '\\' || character === "'" || character === '"') return `\\${character}`;
  if (character === '\n') return '\\n';
  if (character === '\r') return '\\r';
  if (character === '\t') return '\\t';
  const code = character.codePointAt(0)!;
  return code > 0xffff ? `\\u{${code.toString(16)}}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/**
 * An object literal key: bare where it is an identifier, quoted otherwise. `__proto__` is the one
 * name an object literal does not define as a property (bare or quoted, it sets the prototype), so
 * it is written computed, `['__proto__']`, which defines an own property like any other key.
 */
export function tsKey(key: string): string {
  if (key === '__proto__') return `[${tsString(key)}]`;
  return IDENTIFIER.test(key) ? key : tsString(key);
}

/** A literal for a JSON-like value; nested lines are indented by `indent` spaces more than the first. */
export function tsLiteral(value: unknown, indent = 0): string {
  const pad = ' '.repeat(indent);
  if (value === null) return 'null';
  if (typeof value === 'string') return tsString(value);
  if ((typeof value === 'number' && Number.isFinite(value)) || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    const flat = `[${value.map((item) => tsLiteral(item)).join(', ')}]`;
    if (flat.length <= 80 && !flat.includes('\n')) return flat;
    return `[\n${value.map((item) => `${pad}  ${tsLiteral(item, indent + 2)},\n`).join('')}${pad}]`;
  }
  if (typeof value === 'object') {
    const entries = Object.entries(value).filter(([, item]) => item !== undefined);
    if (entries.length === 0) return '{}';
    const lines = entries.map(([key, item]) => `${pad}  ${tsKey(key)}: ${tsLiteral(item, indent + 2)},\n`);
    return `{\n${lines.join('')}${pad}}`;
  }
  throw new TypeError(`Cannot write ${typeof value} as a TypeScript literal`);
}

// ---------------------------------------------------------------------------------------------
// JSON

/** JSON text; nested lines are indented by `indent` spaces more than the first. */
export function jsonText(value: unknown, indent = 0): string {
  return JSON.stringify(value, null, 2).replace(/\n/g, `\n${' '.repeat(indent)}`);
}

// ---------------------------------------------------------------------------------------------
// Markdown (CommonMark with GitHub's tables). Values are single-line: validation refuses line
// breaks and control characters in every option value, and these functions refuse them too.

/**
 * Inline prose (not at the start of a line): every character that can begin markup, an HTML tag or
 * entity, a GitHub mention or math is backslash-escaped.
 */
export function mdText(value: string): string {
  return singleLine(value, 'Markdown').replace(/[\\`*_{}[\]<>()#+!|~&@$]/g, (character) => `\\${character}`);
}

/**
 * A code span showing the value as it is: delimited by one backtick more than the longest run of
 * backticks inside, padded with a space where the value starts or ends with a backtick or space.
 */
export function mdCode(value: string): string {
  const text = singleLine(value, 'Markdown');
  const longestRun = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longestRun + 1);
  const pad = /^[` ]|[` ]$/.test(text) ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}

/** A code span inside a table cell: GitHub's tables split cells at any `|` not escaped, even in code. */
export function mdCellCode(value: string): string {
  return mdCode(value).replace(/\|/g, '\\|');
}

// ---------------------------------------------------------------------------------------------
// Messages

/**
 * A value named in a one-line error message: in double quotes, with quotes, backslashes, line
 * breaks and other control or format characters escaped, so the message stays one line on the
 * terminal and shows the value exactly (a plain value reads as "tenant_id", as before).
 */
export function quoted(value: string): string {
  return `"${value.replace(/["\\\p{C}\p{Zl}\p{Zp}]/gu, (character) => (character === '"' || character === '\\' ? `\\${character}` : escapeCharacter(character)))}"`;
}

/** The same escapes without the quotes: a value inside a message as it was typed (`--user tenant=…`). */
export function escapedInline(value: string): string {
  return quoted(value).slice(1, -1);
}

// ---------------------------------------------------------------------------------------------
// POSIX shell

/** Words the shell reads as they are: no quoting, globbing, expansion, or leading `-`/`~`/`=`. */
const PLAIN_SHELL_WORD = /^[A-Za-z0-9_@%+:,./][A-Za-z0-9_@%+=:,./-]*$/;

/** One shell word that the shell passes on as exactly `value`: bare when plain, else single-quoted. */
export function shellWord(value: string): string {
  if (PLAIN_SHELL_WORD.test(value)) return value;
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

function singleLine(value: string, target: string): string {
  if (/[\p{Cc}\p{Zl}\p{Zp}]/u.test(value)) {
    throw new TypeError(`${JSON.stringify(value)} has a line break or control character: it cannot be written as ${target} text.`);
  }
  return value;
}
