// The user preview signs in: the generated tests' sample values for the pool's custom attributes,
// a plausible value for every standard attribute the pool requires, or the ones given with
// `--user key=value`. Keys are attribute names (`custom:` optional for custom ones) or `groups`.
import { sampleAttributeValue } from '../samples.js';
import { alwaysPresentAttributes, STANDARD_ATTRIBUTE_SAMPLES } from '../standard-samples.js';
import { escapedInline, quoted } from '../escape.js';
import type { StandardAttribute } from '../cognito.js';
import type { SchemaAttribute } from '../stack.js';
import type { TokenUser } from './standard-claims.js';

export class SampleUserError extends Error {
  override name = 'SampleUserError';
}

/** `given`: the --user pairs, in order; a later pair wins. */
export function sampleUser(schema: SchemaAttribute[], given: [string, string][] = []): TokenUser {
  const attributes = alwaysPresentAttributes();
  for (const attribute of schema) {
    if (attribute.custom) attributes[attribute.name] = sampleAttributeValue(attribute);
    else if (attribute.required && Object.hasOwn(STANDARD_ATTRIBUTE_SAMPLES, attribute.name)) {
      attributes[attribute.name] = STANDARD_ATTRIBUTE_SAMPLES[attribute.name as StandardAttribute];
    }
  }
  if (attributes.phone_number !== undefined) attributes.phone_number_verified ??= 'true';
  let groups: string[] = [];
  const known = new Set([...Object.keys(alwaysPresentAttributes()), ...schema.map((attribute) => attribute.name)]);
  for (const [rawKey, value] of given) {
    if (rawKey === 'groups') {
      groups = value.split(',').filter(Boolean);
      continue;
    }
    const key = known.has(rawKey) ? rawKey : `custom:${rawKey}`;
    if (!known.has(key)) {
      throw new SampleUserError(
        `--user ${escapedInline(rawKey)}=…: the pool has no attribute ${quoted(rawKey)}. Allowed: ${[...known, 'groups'].join(', ')}.`,
      );
    }
    attributes[key] = value;
  }
  return { attributes, username: attributes.sub ?? STANDARD_ATTRIBUTE_SAMPLES.sub, groups };
}
