// A small, conservative reader of TypeScript source: comments removed, each string literal
// replaced by a placeholder `§n§` whose decoded value is kept aside. Enough to find literal facts
// (a list of strings, an enum member, a property name) in a file a person may have edited, and to
// say "cannot tell" when the code is not that simple. Not a parser: callers read only patterns
// they can check completely, and treat anything else as unknown.

export interface ScannedSource {
  /** The code without comments, string literals replaced by `§n§`. */
  code: string;
  /** Decoded value of string literal n; undefined for a template literal with `${…}` or an escape not decoded here. */
  strings: (string | undefined)[];
  /** The text of string literal n between its quotes, as written. */
  raw: string[];
}

export function scanSource(source: string): ScannedSource {
  const strings: (string | undefined)[] = [];
  const raw: string[] = [];
  let code = '';
  let index = 0;
  while (index < source.length) {
    const char = source[index]!;
    const next = source[index + 1];
    if (char === '/' && next === '/') {
      const end = source.indexOf('\n', index);
      index = end === -1 ? source.length : end;
    } else if (char === '/' && next === '*') {
      const end = source.indexOf('*/', index + 2);
      index = end === -1 ? source.length : end + 2;
      code += ' ';
    } else if (char === '"' || char === "'" || char === '`') {
      const end = literalEnd(source, index);
      raw.push(source.slice(index + 1, end - 1));
      strings.push(decodeLiteral(raw[raw.length - 1]!, char));
      code += `§${strings.length - 1}§`;
      index = end;
    } else {
      code += char;
      index += 1;
    }
  }
  return { code, strings, raw };
}

/** The index just after the literal that starts at `start` (its closing quote). */
function literalEnd(source: string, start: number): number {
  const quote = source[start];
  let index = start + 1;
  while (index < source.length) {
    const char = source[index];
    if (char === '\\') index += 2;
    else if (char === quote) return index + 1;
    else if (quote !== '`' && char === '\n') return index; // unterminated: stop at the line end
    else index += 1;
  }
  return source.length;
}

const SIMPLE_ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', b: '\b', f: '\f', v: '\v', 0: '\0', "'": "'", '"': '"', '`': '`', '\\': '\\' };

function decodeLiteral(body: string, quote: string): string | undefined {
  if (quote === '`' && body.includes('${')) return undefined;
  let value = '';
  for (let index = 0; index < body.length; index++) {
    const char = body[index]!;
    if (char !== '\\') {
      value += char;
      continue;
    }
    const escape = body[index + 1] ?? '';
    if (escape in SIMPLE_ESCAPES) {
      value += SIMPLE_ESCAPES[escape];
      index += 1;
    } else if (escape === 'u' && /^[0-9a-fA-F]{4}$/.test(body.slice(index + 2, index + 6))) {
      value += String.fromCharCode(parseInt(body.slice(index + 2, index + 6), 16));
      index += 5;
    } else if (escape === 'x' && /^[0-9a-fA-F]{2}$/.test(body.slice(index + 2, index + 4))) {
      value += String.fromCharCode(parseInt(body.slice(index + 2, index + 4), 16));
      index += 3;
    } else {
      return undefined;
    }
  }
  return value;
}

/** The decoded literal behind a `§n§` placeholder. */
export function literalAt(scanned: ScannedSource, placeholder: string): string | undefined {
  const match = /^§(\d+)§$/.exec(placeholder.trim());
  return match ? scanned.strings[Number(match[1])] : undefined;
}
