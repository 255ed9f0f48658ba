// The user preview signs in: the generated tests' sample values for the pool's custom attributes,
// a plausible value for every standard attribute the pool requires, or the ones given with
// `--user key=value`. Keys are attribute names (`custom:` optional for custom ones) or `groups`.
import { sampleAttributeValue } from '../samples.js';
import { quoted } from '../escape.js';
import type { SchemaAttribute } from '../stack.js';
import type { TokenUser } from './standard-claims.js';

export class SampleUserError extends Error {
  override name = 'SampleUserError';
}

const SUB = 'a1b2c3d4-5678-90ab-cdef-EXAMPLE11111';

/** A plausible value per standard attribute, as Cognito passes it to triggers (strings). */
const STANDARD_SAMPLES: Record<string, string> = {
  sub: SUB,
  email: 'jane@example.com',
  email_verified: 'true',
  address: '123 Any Street, Anytown, WA 98101, US',
  birthdate: '1990-04-01',
  family_name: 'Doe',
  gender: 'female',
  given_name: 'Jane',
  locale: 'en-US',
  middle_name: 'Q',
  name: 'Jane Doe',
  nickname: 'jane',
  phone_number: '+12065550100',
  phone_number_verified: 'true',
  picture: 'https://example.com/jane.png',
  preferred_username: 'jane',
  profile: 'https://example.com/jane',
  updated_at: '1767225600',
  website: 'https://example.com',
  zoneinfo: 'America/Los_Angeles',
};

/** Every user has these, whatever the schema says. */
const ALWAYS = ['sub', 'email', 'email_verified'];

/** `given`: the --user pairs, in order; a later pair wins. */
export function sampleUser(schema: SchemaAttribute[], given: [string, string][] = []): TokenUser {
  const attributes: Record<string, string> = Object.fromEntries(ALWAYS.map((name) => [name, STANDARD_SAMPLES[name]!]));
  for (const attribute of schema) {
    if (attribute.custom) attributes[attribute.name] = sampleAttributeValue(attribute);
    else if (attribute.required && STANDARD_SAMPLES[attribute.name] !== undefined) attributes[attribute.name] = STANDARD_SAMPLES[attribute.name]!;
  }
  if (attributes.phone_number !== undefined) attributes.phone_number_verified ??= 'true';
  let groups: string[] = [];
  const known = new Set([...ALWAYS, ...schema.map((attribute) => attribute.name)]);
  for (const [rawKey, value] of given) {
    if (rawKey === 'groups') {
      groups = value.split(',').filter(Boolean);
      continue;
    }
    const key = known.has(rawKey) ? rawKey : `custom:${rawKey}`;
    if (!known.has(key)) {
      throw new SampleUserError(
        `--user ${quoted(rawKey).slice(1, -1)}=…: the pool has no attribute ${quoted(rawKey)}. Allowed: ${[...known, 'groups'].join(', ')}.`,
      );
    }
    attributes[key] = value;
  }
  return { attributes, username: attributes.sub ?? SUB, groups };
}
