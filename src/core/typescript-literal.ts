// Values written into generated TypeScript as literals, in the style of the templates:
// single quotes, two-space indent, trailing commas, unquoted keys where they are identifiers.

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

export function tsString(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n')}'`;
}

/** An object key: bare where it is an identifier, quoted otherwise. */
export function tsKey(key: string): string {
  return IDENTIFIER.test(key) ? key : tsString(key);
}

/** A literal for a JSON-like value; nested lines are indented by `indent` spaces more than the first. */
export function tsLiteral(value: unknown, indent = 0): string {
  const pad = ' '.repeat(indent);
  if (value === null) return 'null';
  if (typeof value === 'string') return tsString(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
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
