// Cognito may only invoke a trigger function that grants it lambda:InvokeFunction, and the grant
// should be limited to this pool (SourceArn), or any pool in any account could invoke it.
import { type AuthStack, cognitoPermissions, lambdaConfigTargets } from '../stack.js';
import type { Finding } from './finding.js';

export function permissionFindings(stack: AuthStack): Finding[] {
  const permissions = cognitoPermissions(stack);
  const findings: Finding[] = [];
  const seen = new Set<string>();
  for (const [key, functionId] of lambdaConfigTargets(stack)) {
    if (functionId === undefined || seen.has(functionId) || stack.resources[functionId]?.Type !== 'AWS::Lambda::Function') continue;
    seen.add(functionId);
    const own = permissions.filter((permission) => permission.functionId === functionId);
    const invoke = own.filter((permission) => ['lambda:InvokeFunction', 'lambda:*'].includes(permission.properties.Action));
    if (invoke.length === 0) {
      findings.push({
        id: 'trigger-permission-missing',
        severity: 'error',
        resource: functionId,
        problem: `LambdaConfig.${key} names ${functionId}, but no permission lets cognito-idp.amazonaws.com invoke it: sign-in fails with "${key.replace(/Config$/, '')} invocation failed due to error AccessDeniedException".`,
        fix: `Attach it with userPool.addTrigger(…) (grants the permission), or add fn.addPermission('CognitoInvoke', { principal: new ServicePrincipal('cognito-idp.amazonaws.com'), action: 'lambda:InvokeFunction', sourceArn: userPool.userPoolArn }).`,
      });
      continue;
    }
    if (!invoke.some((permission) => permission.properties.SourceArn !== undefined)) {
      findings.push({
        id: 'trigger-permission-unscoped',
        severity: 'warning',
        resource: invoke[0]!.id,
        problem: `The permission lets cognito-idp.amazonaws.com invoke ${functionId} without a SourceArn: any user pool, in any account, may invoke it.`,
        fix: `Add sourceArn: userPool.userPoolArn to the permission (userPool.addTrigger does this).`,
      });
    }
  }
  return findings;
}
