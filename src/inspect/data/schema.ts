// The Amplify Data model schema in a synthesized backend: Amplify stages it for code generation as
// an asset (cdk.out/asset.<hash>/model-schema.graphql), the schema with every @auth rule as
// `.authorization(…)` wrote it.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { type DataSchema, readDataSchema } from '../../core/data/auth-rules.js';
import { readCdkOutFile } from '../auth-stack.js';
import { InspectError } from '../errors.js';

const MODEL_SCHEMA = 'model-schema.graphql';
/** A model schema is text of modest size; anything larger is not one. */
const MAX_SCHEMA_BYTES = 5 * 1024 * 1024;

/** The backend's data schema, or undefined when it defines no data. */
export function readDataSchemaIn(cdkOut: string): DataSchema | undefined {
  const files = readdirSync(cdkOut)
    .filter((entry) => entry.startsWith('asset.'))
    .map((entry) => join(entry, MODEL_SCHEMA))
    .filter((file) => existsSync(join(cdkOut, file)) && statSync(join(cdkOut, file)).isFile());
  if (files.length === 0) return undefined;
  const schemas = files.map((file) => {
    const text = readCdkOutFile(cdkOut, file, MAX_SCHEMA_BYTES);
    try {
      return readDataSchema(text);
    } catch (error) {
      throw new InspectError(`cannot read the data rules in ${join(cdkOut, file)}: ${(error as Error).message}`);
    }
  });
  return { rules: schemas.flatMap((schema) => schema.rules), keys: Object.assign({}, ...schemas.map((schema) => schema.keys)) };
}
