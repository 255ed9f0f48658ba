// Changes Cognito refuses on a live user pool. CloudFormation can only replace the pool to make
// them, which loses every user, so regeneration refuses them unless the user accepts that.
import { formatAttributeSpec } from './attributes.js';
import type { ProjectModel } from './model.js';
import { OptionsError } from './options.js';

export function poolReplacingChanges(previous: ProjectModel, next: ProjectModel): string[] {
  const changes: string[] = [];
  for (const before of previous.attributes) {
    const after = next.attributes.find((attribute) => attribute.name === before.name);
    if (!after) {
      changes.push(`custom attribute "${before.name}" removed (or renamed)`);
    } else if (formatAttributeSpec(before) !== formatAttributeSpec(after)) {
      changes.push(`custom attribute "${before.name}" changed from ${formatAttributeSpec(before)} to ${formatAttributeSpec(after)}`);
    }
  }
  return changes;
}

/** Throws when the change would replace the user pool and the user has not accepted that. */
export function checkPoolChanges(previous: ProjectModel, next: ProjectModel, allowReplacePool: boolean): void {
  const changes = poolReplacingChanges(previous, next);
  if (changes.length === 0 || allowReplacePool) return;
  throw new OptionsError(
    [
      `Refused: ${changes.join('; ')}.`,
      'Cognito cannot remove, rename or change the type, mutability or constraints of a custom attribute on an existing user pool: the deployment fails, or replaces the pool and loses its users.',
      'Keep the attribute as it was and add a new one instead, or pass --allow-replace-pool to accept a new, empty user pool.',
    ].join('\n'),
  );
}
