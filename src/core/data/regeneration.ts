// What a regeneration that adds, changes or removes --tenant-claim does to Amplify Data, said
// before anything is deployed: the data model is the user's file, and a model that leaves the
// schema takes its DynamoDB table and records with it at the next deployment.
import type { ProjectModel } from '../model.js';
import { TENANT_DATA } from './tenant.js';

const DATA_RESOURCE = 'amplify/data/resource.ts';

/** What this needs of the planner's PlannedFile (plan.ts calls this: no import back). */
interface PlannedData {
  path: string;
  /** Set when the file is written (created, updated or merged). */
  content?: string;
  /** Set when the user's file conflicts and the new version goes beside it. */
  conflict?: { sidePath: string };
}

export function tenantClaimWarnings(previous: ProjectModel, next: ProjectModel, plan: readonly PlannedData[]): string[] {
  const before = previous.tenantClaim?.claim;
  const after = next.tenantClaim?.claim;
  if (before === after) return [];
  const resource = plan.find((file) => file.path === DATA_RESOURCE);
  const { model, field } = TENANT_DATA;
  if (resource?.conflict) {
    return after
      ? [`${DATA_RESOURCE} is yours and conflicts with the tenant version, so it was kept: the tenant rules are in ${resource.conflict.sidePath}. Until ${model} is in your schema, amplify/data/tenant-isolation.test.ts fails (it checks ${model}); adapt it to your own model.`]
      : [];
  }
  if (resource?.content === undefined) return [];
  if (!before) return [`${DATA_RESOURCE} now defines ${model} instead of the Todo starter: the next deployment deletes the Todo table and its records. Move any you need first.`];
  if (!after) return [`${DATA_RESOURCE} goes back to the Todo starter: the next deployment deletes the ${model} table and every tenant's records in it. Keep your own model in the file if you need them.`];
  return [`The ${model} rules now compare the access-token claim ${JSON.stringify(after)} instead of ${JSON.stringify(before)}: records keep their ${field}, so a user sees them only if the new claim carries the same values.`];
}
