// The tenant-partitioned data model a generated project gets with --tenant-claim (its resource.ts
// and the offline isolation test name the same model and field), and the two tenants that test
// signs in as.
import type { CustomAttribute } from '../attributes.js';
import { fitLength, sampleAttributeValue } from '../samples.js';

export const TENANT_DATA = {
  /** The model whose records belong to one tenant each. */
  model: 'Invoice',
  /** Its field holding the tenant, compared with the access-token claim. */
  field: 'tenantId',
} as const;

/**
 * Two distinct tenant values that fit the attribute's length constraint: the first is the sample
 * value preview and the generated handler tests use, the second another company.
 */
export function sampleTenants(attribute: Pick<CustomAttribute, 'min' | 'max'>): [string, string] {
  const first = sampleAttributeValue({ type: 'String', ...attribute });
  const second = fitLength('globex-inc', attribute, 'x');
  if (first === second) throw new Error(`no two distinct tenant values fit the length range ${attribute.min}-${attribute.max}`);
  return [first, second];
}
