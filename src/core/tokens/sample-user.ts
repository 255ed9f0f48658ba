// The user preview signs in: the generated tests' sample values for the pool's attributes, or the ones given with
// `--user key=value`. Keys are attribute names (`custom:` optional for custom ones) or `groups`.
import { sampleAttributeValue } from '../samples.js';
import type { SchemaAttribute } from '../stack.js';
import type { TokenUser } from './standard-claims.js';

export class SampleUserError extends Error {
  override name = 'SampleUserError';
}

const PLAUSIBLE: Record<string, string> = {
  sub: 'a1b2c3d4-5678-90ab-cdef-EXAMPLE11111',
  email: 'jane@example.com',
  email_verified: 'true',
};

/** `given`: the --user pairs, in order; a later pair wins. */
export function sampleUser(schema: SchemaAttribute[], given: [string, string][] = []): TokenUser {
  const attributes: Record<string, string> = { ...PLAUSIBLE };
  for (const attribute of schema) {
    if (attribute.custom) attributes[attribute.name] = sampleAttributeValue(attribute);
  }
  let groups: string[] = [];
  const known = new Set(['sub', 'email', 'email_verified', ...schema.map((attribute) => attribute.name)]);
  for (const [rawKey, value] of given) {
    if (rawKey === 'groups') {
      groups = value.split(',').filter(Boolean);
      continue;
    }
    const key = known.has(rawKey) ? rawKey : `custom:${rawKey}`;
    if (!known.has(key)) {
      throw new SampleUserError(
        `--user ${rawKey}=…: the pool has no attribute "${rawKey}". Allowed: ${[...known, 'groups'].join(', ')}.`,
      );
    }
    attributes[key] = value;
  }
  return { attributes, username: attributes.sub ?? PLAUSIBLE.sub!, groups };
}
