// What doctor learns by running the bundled pre token generation handler: its answer to a sample
// event of the configured version, and to events whose custom attributes carry marker values, so
// a claim can be traced back to the attribute that feeds it.
import type { PreTokenVersion } from '../cognito.js';
import { fitLength } from '../samples.js';
import type { SchemaAttribute } from '../stack.js';

export type HandlerOutcome = { ok: true; value: unknown } | { ok: false; error: string };

export interface AttributeMarker {
  attribute: string;
  /** The value the attribute had in the marker event (as Cognito passes it: a string). */
  value: string;
  /** Booleans cannot carry a distinct value: they are traced by flipping them (see `flipped`). */
  kind: 'text' | 'number' | 'boolean';
}

export interface PreTokenProbe {
  /** The function, as findings name it (`<stack>/<logical id>`). */
  resource: string;
  version: PreTokenVersion;
  /** The app client id the events carry (callerContext.clientId): `aud` may be set to it. */
  clientId: string;
  sample: HandlerOutcome;
  markers: AttributeMarker[];
  /** The answer to the event with every custom attribute set to its marker. */
  marked: HandlerOutcome;
  /** Boolean attribute → the answer to the marker event with that attribute flipped. */
  flipped: Record<string, HandlerOutcome>;
}

/** A distinct value per custom attribute that fits its type and constraints. */
export function markerValues(attributes: SchemaAttribute[]): AttributeMarker[] {
  return attributes
    .filter((attribute) => attribute.custom)
    .map((attribute, index) => {
      switch (attribute.type) {
        case 'Number': {
          const min = attribute.min ?? 0;
          const max = attribute.max ?? Number.MAX_SAFE_INTEGER;
          const span = max - min + 1;
          const value = span > 1000 ? min + 731 + index * 7 : min + ((index * 7 + 3) % span);
          return { attribute: attribute.name, value: String(value), kind: 'number' as const };
        }
        case 'Boolean':
          return { attribute: attribute.name, value: 'true', kind: 'boolean' as const };
        case 'DateTime':
          return { attribute: attribute.name, value: `20${31 + index}-03-0${1 + (index % 9)}T04:05:06Z`, kind: 'text' as const };
        default: {
          // At least one character, even where the schema allows an empty value.
          const value = fitLength(`mk${index}q${'z'.repeat(4)}`, { min: attribute.min, max: Math.max(attribute.max ?? Infinity, 1) }, 'z');
          return { attribute: attribute.name, value, kind: 'text' as const };
        }
      }
    });
}
