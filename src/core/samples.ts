// Sample data for the generated tests and for this repository's invocation tests: the same user
// in both, so a generated test and a bundled-handler check agree on what the tokens carry. preview
// and doctor sign the same user in (tokens/sample-user.ts).
import type { CustomAttribute } from './attributes.js';
import type { ClaimSource, ProjectModel } from './model.js';
import { alwaysPresentAttributes } from './standard-samples.js';
import type { TriggerInfo } from './triggers.js';

/** A length or value range, as a custom attribute's constraints give it. */
type Range = Pick<CustomAttribute, 'min' | 'max'>;

/** `text` padded with `pad` to the range's minimum length and cut to its maximum. */
export function fitLength(text: string, range: Range, pad: string): string {
  return text.padEnd(range.min ?? 0, pad).slice(0, range.max ?? Infinity);
}

/** `value` moved into the range. */
export function clampToRange(value: number, range: Range): number {
  return Math.min(Math.max(value, range.min ?? -Infinity), range.max ?? Infinity);
}

/** The value Cognito passes for an attribute of this type and constraints (always a string). */
export function sampleAttributeValue(attribute: Pick<CustomAttribute, 'type' | 'min' | 'max'>): string {
  switch (attribute.type) {
    case 'String':
      return fitLength('acme-corp', attribute, 'x');
    case 'Number':
      return String(clampToRange(42, attribute));
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

export function sampleUserAttributes(model: ProjectModel): Record<string, string> {
  return {
    ...alwaysPresentAttributes(),
    ...Object.fromEntries(model.attributes.map((attribute) => [`custom:${attribute.name}`, sampleAttributeValue(attribute)])),
  };
}

export function sampleEventFor(trigger: TriggerInfo, model: ProjectModel): Record<string, unknown> {
  return trigger.sampleEvent({ userAttributes: sampleUserAttributes(model), preTokenVersion: model.preTokenVersion });
}
