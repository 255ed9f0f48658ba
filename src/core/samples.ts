// Sample data for the generated tests and for this repository's invocation tests: the same user
// in both, so a generated test and a bundled-handler check agree on what the tokens carry.
import type { CustomAttribute } from './attributes.js';
import type { AttributeType } from './cognito.js';
import type { ClaimSource, ProjectModel } from './model.js';
import type { TriggerInfo } from './triggers.js';

const SAMPLE_VALUES: Record<AttributeType, { raw: string; claim: string | number | boolean }> = {
  String: { raw: 'acme-corp', claim: 'acme-corp' },
  Number: { raw: '42', claim: 42 },
  Boolean: { raw: 'true', claim: true },
  DateTime: { raw: '2026-01-15T09:30:00Z', claim: '2026-01-15T09:30:00Z' },
};

/** The value Cognito passes for this attribute in the sample user (always a string). */
export function sampleAttributeValue(attribute: CustomAttribute): string {
  return attribute.type === 'String' ? sampleString(attribute) : SAMPLE_VALUES[attribute.type].raw;
}

/** The claim value the handler should produce from the sample attribute value. */
export function sampleClaimValue(source: ClaimSource, typed: boolean): string | number | boolean {
  const raw = sampleAttributeValue(source.attribute);
  return typed && source.attribute.type !== 'String' ? SAMPLE_VALUES[source.attribute.type].claim : raw;
}

/** A String value that fits the attribute's length constraint. */
function sampleString(attribute: CustomAttribute): string {
  const base = SAMPLE_VALUES.String.raw;
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
