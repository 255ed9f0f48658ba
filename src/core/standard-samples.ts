// The sample user's standard attributes, one value each: the generated tests, the catalog's sample
// events (triggers.ts), preview and doctor all sign in the same user. Its own module: the
// trigger catalog needs it, and samples.ts needs the catalog.
import type { StandardAttribute } from './cognito.js';

/** A plausible value per standard attribute, as Cognito passes it to triggers (strings). */
export const STANDARD_ATTRIBUTE_SAMPLES: Readonly<Record<StandardAttribute, string>> = {
  sub: 'a1b2c3d4-5678-90ab-cdef-EXAMPLE11111',
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

/** The sample user's standard attributes: every user has these, whatever the pool's schema requires. */
export function alwaysPresentAttributes(): Record<string, string> {
  const { sub, email, email_verified } = STANDARD_ATTRIBUTE_SAMPLES;
  return { sub, email, email_verified };
}
