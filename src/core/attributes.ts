// Custom attribute specs: `name:Type[:immutable|:mutable][:min-max]`, the `custom:` prefix optional.
import {
  ATTRIBUTE_NAME_FORBIDDEN,
  ATTRIBUTE_NAME_PATTERN,
  ATTRIBUTE_TYPES,
  type AttributeType,
  MAX_ATTRIBUTE_NAME_LENGTH,
  MAX_CUSTOM_ATTRIBUTES,
  MAX_STRING_ATTRIBUTE_LENGTH,
} from './cognito.js';
import { quoted } from './escape.js';
import { OptionsError } from './options.js';

export interface CustomAttribute {
  /** Name without the `custom:` prefix; also the claim name it feeds. */
  name: string;
  type: AttributeType;
  mutable: boolean;
  /** String: length; Number: value. Absent for Boolean and DateTime. */
  min?: number;
  max?: number;
}

const SPEC_FORMAT = 'name:Type[:immutable][:min-max], e.g. tenant_id:String:immutable:1-64';

export function stripCustomPrefix(name: string): string {
  return name.startsWith('custom:') ? name.slice('custom:'.length) : name;
}

export function parseAttributeSpec(spec: string): CustomAttribute {
  const withoutPrefix = stripCustomPrefix(spec.trim());
  const [rawName = '', rawType, ...rest] = withoutPrefix.split(':');
  const name = rawName.trim();
  checkAttributeName(name, name || spec);
  if (rawType === undefined || rawType.trim() === '') {
    throw new OptionsError(`Attribute ${quoted(spec)} has no type. Write ${SPEC_FORMAT}; types: ${ATTRIBUTE_TYPES.join(', ')}.`);
  }
  const type = ATTRIBUTE_TYPES.find((candidate) => candidate.toLowerCase() === rawType.trim().toLowerCase());
  if (!type) {
    throw new OptionsError(`Attribute ${quoted(name)} has unknown type ${quoted(rawType)}. Allowed: ${ATTRIBUTE_TYPES.join(', ')}.`);
  }
  const attribute: CustomAttribute = { name, type, mutable: true };
  for (const part of rest.map((item) => item.trim())) {
    if (part === 'immutable' || part === 'mutable') {
      attribute.mutable = part === 'mutable';
    } else if (/^-?\d+--?\d+$/.test(part)) {
      const [, min, max] = /^(-?\d+)-(-?\d+)$/.exec(part) ?? [];
      setConstraints(attribute, Number(min), Number(max));
    } else {
      throw new OptionsError(
        `Attribute ${quoted(name)} has an unknown part ${quoted(part)}. Write ${SPEC_FORMAT} (immutable, mutable, or a min-max range).`,
      );
    }
  }
  return attribute;
}

export function checkAttributeName(name: string, shownAs = name): void {
  if (name.length < 1 || name.length > MAX_ATTRIBUTE_NAME_LENGTH) {
    throw new OptionsError(
      `Attribute name ${quoted(shownAs)} is ${name.length} characters long; Cognito allows 1 to ${MAX_ATTRIBUTE_NAME_LENGTH} after "custom:".`,
    );
  }
  if (!ATTRIBUTE_NAME_PATTERN.test(name) || ATTRIBUTE_NAME_FORBIDDEN.test(name)) {
    throw new OptionsError(
      `Attribute name ${quoted(shownAs)} has characters Cognito or this tool cannot use. Use letters, digits and punctuation other than ":" and ",", e.g. tenant_id.`,
    );
  }
}

function setConstraints(attribute: CustomAttribute, min: number, max: number): void {
  const { name, type } = attribute;
  if (type !== 'String' && type !== 'Number') {
    throw new OptionsError(`Attribute ${quoted(name)} is ${type}; only String (length) and Number (value) attributes take a min-max range.`);
  }
  if (min > max) {
    throw new OptionsError(`Attribute ${quoted(name)} has range ${min}-${max}: min is greater than max.`);
  }
  if (type === 'String' && (min < 0 || max > MAX_STRING_ATTRIBUTE_LENGTH)) {
    throw new OptionsError(
      `Attribute ${quoted(name)} has length range ${min}-${max}; Cognito allows String lengths from 0 to ${MAX_STRING_ATTRIBUTE_LENGTH}.`,
    );
  }
  attribute.min = min;
  attribute.max = max;
}

export function parseAttributes(specs: string[]): CustomAttribute[] {
  if (specs.length > MAX_CUSTOM_ATTRIBUTES) {
    throw new OptionsError(`${specs.length} custom attributes given; Cognito allows at most ${MAX_CUSTOM_ATTRIBUTES}.`);
  }
  const attributes = specs.map(parseAttributeSpec);
  const seen = new Set<string>();
  for (const { name } of attributes) {
    if (seen.has(name)) throw new OptionsError(`Attribute ${quoted(name)} is given twice; each custom attribute needs a distinct name.`);
    seen.add(name);
  }
  return attributes;
}

/** The spec string that parses back to this attribute (stored options, prompts' summary). */
export function formatAttributeSpec(attribute: CustomAttribute): string {
  const parts = [attribute.name, attribute.type];
  if (!attribute.mutable) parts.push('immutable');
  if (attribute.min !== undefined && attribute.max !== undefined) parts.push(`${attribute.min}-${attribute.max}`);
  return parts.join(':');
}
