// Cognito may only invoke a trigger function that grants it lambda:InvokeFunction, and the grant
// should be limited to this pool (SourceArn), or any pool in any account could invoke it. The
// function and its permissions may be in any stack (Amplify's function stack, a custom stack).
import { type AuthStack, cognitoPermissions, describeResource, lambdaConfigTargets, type ResourceRef, resourceAt, sameResource } from '../stack.js';
import type { Finding } from './finding.js';

export function permissionFindings(stack: AuthStack): Finding[] {
  const permissions = cognitoPermissions(stack);
  const findings: Finding[] = [];
  const seen: ResourceRef[] = [];
  for (const [key, fn] of lambdaConfigTargets(stack)) {
    if (fn === undefined || seen.some((ref) => sameResource(ref, fn)) || resourceAt(stack.assembly, fn)?.Type !== 'AWS::Lambda::Function') continue;
    seen.push(fn);
    const name = describeResource(stack.assembly, fn);
    const invoke = permissions
      .filter((permission) => sameResource(permission.target, fn))
      .filter((permission) => ['lambda:InvokeFunction', 'lambda:*'].includes(permission.properties.Action));
    if (invoke.length === 0) {
      findings.push({
        id: 'trigger-permission-missing',
        severity: 'error',
        resource: name,
        problem: `LambdaConfig.${key} names ${name}, but no permission lets cognito-idp.amazonaws.com invoke it: sign-in fails with "${key.replace(/Config$/, '')} invocation failed due to error AccessDeniedException".`,
        fix: `Attach it with userPool.addTrigger(…) (grants the permission), or add fn.addPermission('CognitoInvoke', { principal: new ServicePrincipal('cognito-idp.amazonaws.com'), action: 'lambda:InvokeFunction', sourceArn: userPool.userPoolArn }).`,
      });
      continue;
    }
    if (!invoke.some((permission) => permission.properties.SourceArn !== undefined)) {
      findings.push({
        id: 'trigger-permission-unscoped',
        severity: 'warning',
        resource: describeResource(stack.assembly, invoke[0]!),
        problem: `The permission lets cognito-idp.amazonaws.com invoke ${name} without a SourceArn: any user pool, in any account, may invoke it.`,
        fix: `Add sourceArn: userPool.userPoolArn to the permission (userPool.addTrigger does this).`,
      });
    }
  }
  return findings;
}
