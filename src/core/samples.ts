// Sample data for the generated tests and for this repository's invocation tests: the same user
// in both, so a generated test and a bundled-handler check agree on what the tokens carry.
import type { CustomAttribute } from './attributes.js';
import type { ClaimSource, ProjectModel } from './model.js';
import type { TriggerInfo } from './triggers.js';

/** The value Cognito passes for an attribute of this type and constraints (always a string). */
export function sampleAttributeValue(attribute: Pick<CustomAttribute, 'type' | 'min' | 'max'>): string {
  switch (attribute.type) {
    case 'String':
      return sampleString(attribute);
    case 'Number':
      return String(Math.min(Math.max(42, attribute.min ?? -Infinity), attribute.max ?? Infinity));
    case 'Boolean':
      return 'true';
    case 'DateTime':
      return '2026-01-15T09:30:00Z';
  }
}

/** The claim value the handler should produce from the sample attribute value. */
export function sampleClaimValue(source: ClaimSource, typed: boolean): string | number | boolean {
  const raw = sampleAttributeValue(source.attribute);
  if (!typed) return raw;
  if (source.attribute.type === 'Number') return Number(raw);
  if (source.attribute.type === 'Boolean') return raw === 'true';
  return raw;
}

/** A String value that fits the attribute's length constraint. */
function sampleString(attribute: Pick<CustomAttribute, 'min' | 'max'>): string {
  const base = 'acme-corp';
  const min = attribute.min ?? 0;
  const max = attribute.max ?? Infinity;
  const padded = base.length < min ? base.padEnd(min, 'x') : base;
  return padded.slice(0, Math.min(padded.length, max));
}

export function sampleUserAttributes(model: ProjectModel): Record<string, string> {
  return {
    sub: 'a1b2c3d4-5678-90ab-cdef-EXAMPLE11111',
    email: 'jane@example.com',
    email_verified: 'true',
    ...Object.fromEntries(model.attributes.map((attribute) => [`custom:${attribute.name}`, sampleAttributeValue(attribute)])),
  };
}

export function sampleEventFor(trigger: TriggerInfo, model: ProjectModel): Record<string, unknown> {
  return trigger.sampleEvent({ userAttributes: sampleUserAttributes(model), preTokenVersion: model.preTokenVersion });
}
