// doctor's rules and the token model as pure functions over small hand-made apps (a root stack,
// an auth stack and a function stack, wired as CDK wires them) and handler answers: every finding
// fires on its mistake and stays quiet on the right wiring, in whichever stack things sit.
import { describe, expect, it } from 'vitest';
import { claimRule, mayAddClaim, maySuppressClaim } from '../src/core/claims.js';
import { diagnose, type Finding, markerValues, type PreTokenProbe } from '../src/core/doctor/index.js';
import { type AuthStack, authStackOf, type CfnResource, getAttArn, resolveResource, schemaAttributes, type Template } from '../src/core/stack.js';
import {
  applyOverrides,
  readOverrides,
  sampleUser,
  standardAccessToken,
  standardIdToken,
  userAccessTokenScopes,
} from '../src/core/tokens/index.js';

const POOL = 'amplifyAuthUserPool4BA7F805';
const CLIENT = 'amplifyAuthUserPoolAppClient2626C6F8';
const PRE_TOKEN = 'pretokengenerationlambda1234ABCD';
const PRE_SIGN_UP = 'presignuplambda5678ABCD';
const AUTH_HASH = 'a'.repeat(64);
const FUNCTION_HASH = 'f'.repeat(64);
const AUTH_FILE = 'appauthC4C750CB.nested.template.json';
const FUNCTION_FILE = 'appfunction3A927FB2.nested.template.json';

interface App {
  auth: Record<string, CfnResource>;
  functions: Record<string, CfnResource>;
  /** The auth stack's parameters, as the root passes them. */
  authParameters: Record<string, unknown>;
  authOutputs: Record<string, { Value: unknown }>;
  functionParameters: Record<string, unknown>;
  functionOutputs: Record<string, { Value: unknown }>;
}

function fn(): CfnResource {
  return { Type: 'AWS::Lambda::Function', Properties: { Code: { S3Key: 'abc.zip' }, Handler: 'index.handler', Runtime: 'nodejs22.x' } };
}

function permission(target: unknown, scoped = true): CfnResource {
  return {
    Type: 'AWS::Lambda::Permission',
    Properties: {
      Action: 'lambda:InvokeFunction',
      FunctionName: target,
      Principal: 'cognito-idp.amazonaws.com',
      ...(scoped ? { SourceArn: getAttArn(POOL) } : {}),
    },
  };
}

/**
 * Puts a function in the function stack and returns how the auth stack refers to it: a parameter
 * the root fills from the function stack's output (Amplify's layout for defineFunction without
 * resourceGroupName).
 */
function inFunctionStack(app: App, id: string): { Ref: string } {
  app.functions[id] = fn();
  app.functionOutputs[`app${id}Arn`] = { Value: getAttArn(id) };
  const parameter = `referencetoappfunctionNestedStackOutputsapp${id}Arn`;
  app.authParameters[parameter] = { 'Fn::GetAtt': ['function1351588B', `Outputs.app${id}Arn`] };
  return { Ref: parameter };
}

/** The generated V2 wiring by default: preSignUp and V2 pre token generation in the auth stack, each with a scoped permission. */
function app(change: (app: App, pool: Record<string, any>, client: Record<string, any>) => void = () => undefined): AuthStack {
  const pool: Record<string, any> = {
    UserPoolTier: 'ESSENTIALS',
    LambdaConfig: {
      PreSignUp: getAttArn(PRE_SIGN_UP),
      PreTokenGenerationConfig: { LambdaArn: getAttArn(PRE_TOKEN), LambdaVersion: 'V2_0' },
    },
    Schema: [
      { Name: 'email', AttributeDataType: 'String', Mutable: true, Required: true },
      { Name: 'tenant_id', AttributeDataType: 'String', Mutable: true },
      { Name: 'is_admin', AttributeDataType: 'Boolean', Mutable: true },
    ],
  };
  const client: Record<string, any> = { UserPoolId: { Ref: POOL }, WriteAttributes: ['email'] };
  const built: App = {
    auth: {
      [POOL]: { Type: 'AWS::Cognito::UserPool', Properties: pool },
      [CLIENT]: { Type: 'AWS::Cognito::UserPoolClient', Properties: client },
      [PRE_TOKEN]: fn(),
      [PRE_SIGN_UP]: fn(),
      PreTokenPermission: permission(getAttArn(PRE_TOKEN)),
      PreSignUpPermission: permission(getAttArn(PRE_SIGN_UP)),
    },
    functions: {},
    authParameters: {},
    authOutputs: {},
    functionParameters: {},
    functionOutputs: {},
  };
  change(built, pool, client);
  const templates: Record<string, Template> = {
    'app.template.json': {
      Resources: {
        auth179371D7: { Type: 'AWS::CloudFormation::Stack', Properties: { TemplateURL: `https://s3/bucket/${AUTH_HASH}.json`, Parameters: built.authParameters } },
        function1351588B: {
          Type: 'AWS::CloudFormation::Stack',
          Properties: { TemplateURL: `https://s3/bucket/${FUNCTION_HASH}.json`, Parameters: built.functionParameters },
        },
      },
    },
    [AUTH_FILE]: { Parameters: parametersOf(built.authParameters), Resources: built.auth, Outputs: built.authOutputs },
    [FUNCTION_FILE]: { Parameters: parametersOf(built.functionParameters), Resources: built.functions, Outputs: built.functionOutputs },
  };
  const stack = authStackOf({ templates, assetPaths: { [AUTH_HASH]: AUTH_FILE, [FUNCTION_HASH]: FUNCTION_FILE } });
  if ('problem' in stack) throw new Error(stack.problem);
  return stack;
}

function parametersOf(passed: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.keys(passed).map((name) => [name, { Type: 'String' }]));
}

const ids = (findings: Finding[]) => findings.map((finding) => finding.id);
const idsAndResources = (findings: Finding[]) => findings.map((finding) => [finding.id, finding.resource]);

/** What the handler answers, for a probe of the given app. */
function probeFor(s: AuthStack, answer: (attributes: Record<string, string>) => unknown, version: PreTokenPresence = 'V2_0'): PreTokenProbe {
  const markers = markerValues(schemaAttributes(s));
  const user = sampleUser(schemaAttributes(s)).attributes;
  const marked = { ...user, ...Object.fromEntries(markers.map((marker) => [marker.attribute, marker.value])) };
  return {
    resource: `auth/${PRE_TOKEN}`,
    version,
    clientId: 'client-123',
    sample: { ok: true, value: answer(user) },
    markers,
    marked: { ok: true, value: answer(marked) },
    flipped: Object.fromEntries(
      markers.filter((m) => m.kind === 'boolean').map((m) => [m.attribute, { ok: true, value: answer({ ...marked, [m.attribute]: 'false' }) }]),
    ),
  };
}
type PreTokenPresence = PreTokenProbe['version'];

const v2Answer = (access: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  response: { claimsAndScopeOverrideDetails: { accessTokenGeneration: { claimsToAddOrOverride: access }, ...extra } },
});

describe('cross-stack references', () => {
  it('a parameter of a nested stack resolves through the parent to the other stack\'s output and resource', () => {
    let ref: { Ref: string } = { Ref: '' };
    const s = app((a) => (ref = inFunctionStack(a, 'pretokenlambda61E89C51')));
    expect(resolveResource(s.assembly, s.file, ref)).toEqual({ file: FUNCTION_FILE, id: 'pretokenlambda61E89C51' });
    expect(resolveResource(s.assembly, s.file, { Ref: 'AWS::Region' })).toBeUndefined();
    expect(resolveResource(s.assembly, s.file, 'arn:aws:lambda:us-east-1:123456789012:function:elsewhere')).toBeUndefined();
  });

  it('Amplify docs\' layout (function stack, V1 through defineAuth) is clean: LambdaConfig and the permission both reach it through a parameter', () => {
    const s = app((a, pool) => {
      const ref = inFunctionStack(a, 'pretokenlambda61E89C51');
      pool.LambdaConfig = { PreTokenGeneration: ref };
      delete pool.UserPoolTier;
      delete a.auth[PRE_TOKEN];
      delete a.auth[PRE_SIGN_UP];
      delete a.auth.PreSignUpPermission;
      a.auth.PreTokenPermission = permission(ref);
    });
    expect(diagnose(s)).toEqual([]);
  });

  it('the same function through the legacy key and the config: no mismatch; another function: mismatch', () => {
    const same = app((a, pool) => {
      const ref = inFunctionStack(a, 'pretokenlambda61E89C51');
      pool.LambdaConfig = { ...pool.LambdaConfig, PreTokenGeneration: ref, PreTokenGenerationConfig: { LambdaArn: ref, LambdaVersion: 'V2_0' } };
      a.auth.PreTokenPermission = permission(ref);
      delete a.auth[PRE_TOKEN];
    });
    expect(diagnose(same)).toEqual([]);
    const other = app((a, pool) => {
      pool.LambdaConfig.PreTokenGeneration = inFunctionStack(a, 'oldpretokenlambda0000AAAA');
      a.auth.OldPermission = permission(pool.LambdaConfig.PreTokenGeneration);
    });
    const findings = diagnose(other);
    expect(ids(findings)).toEqual(['pre-token-legacy-mismatch']);
    expect(findings[0]!.problem).toContain(`names function/oldpretokenlambda0000AAAA but PreTokenGenerationConfig.LambdaArn names auth/${PRE_TOKEN}`);
  });

  it('resources are told apart by stack: a permission for the auth stack\'s function does not cover the function stack\'s of the same id', () => {
    const s = app((a, pool) => {
      const ref = inFunctionStack(a, PRE_TOKEN); // same logical id as the auth stack's function
      pool.LambdaConfig.PreTokenGenerationConfig.LambdaArn = ref;
    });
    // The auth stack's function keeps its permission but is no longer attached; the attached one has none.
    expect(idsAndResources(diagnose(s))).toEqual([
      ['trigger-not-in-lambda-config', `auth/${PRE_TOKEN}`],
      ['trigger-permission-missing', `function/${PRE_TOKEN}`],
    ]);
  });
});

describe('doctor rules over the stacks', () => {
  it('the generated wiring is clean', () => {
    expect(diagnose(app())).toEqual([]);
  });

  it('pre-token-config-incomplete: a version without an ARN (deployment fails)', () => {
    const findings = diagnose(app((_a, pool) => (pool.LambdaConfig.PreTokenGenerationConfig = { LambdaVersion: 'V2_0' })));
    expect(ids(findings)).toContain('pre-token-config-incomplete');
    expect(findings[0]!.problem).toMatch(/no LambdaArn.*deployment fails/);
  });

  it('trigger-not-in-lambda-config: LambdaConfig replaced, preSignUp lost (in the auth stack or the function stack)', () => {
    expect(idsAndResources(diagnose(app((_a, pool) => delete pool.LambdaConfig.PreSignUp)))).toEqual([
      ['trigger-not-in-lambda-config', `auth/${PRE_SIGN_UP}`],
    ]);
    const elsewhere = app((a, pool) => {
      a.auth.PreSignUpPermission = permission(inFunctionStack(a, 'signupguardlambda9999ABCD'));
      delete pool.LambdaConfig.PreSignUp;
      delete a.auth[PRE_SIGN_UP];
    });
    expect(idsAndResources(diagnose(elsewhere))).toEqual([['trigger-not-in-lambda-config', 'function/signupguardlambda9999ABCD']]);
  });

  it('trigger-permission-missing / -unscoped, wherever the function is', () => {
    expect(ids(diagnose(app((a) => delete a.auth.PreTokenPermission)))).toEqual(['trigger-permission-missing']);
    const unscoped = diagnose(app((a) => (a.auth.PreTokenPermission = permission(getAttArn(PRE_TOKEN), false))));
    expect(unscoped.map((finding) => [finding.id, finding.severity])).toEqual([['trigger-permission-unscoped', 'warning']]);
    const outside = app((a, pool) => {
      pool.LambdaConfig.PreTokenGenerationConfig.LambdaArn = inFunctionStack(a, 'pretokenlambda61E89C51');
      delete a.auth[PRE_TOKEN];
      delete a.auth.PreTokenPermission;
    });
    expect(idsAndResources(diagnose(outside))).toEqual([['trigger-permission-missing', 'function/pretokenlambda61E89C51']]);
    // A permission the function stack grants itself (fn.addPermission) counts, scoped through a parameter.
    const ownGrant = (sourceArn: unknown) =>
      app((a, pool) => {
        pool.LambdaConfig.PreTokenGenerationConfig.LambdaArn = inFunctionStack(a, 'pretokenlambda61E89C51');
        a.functions.CognitoInvoke = permission(getAttArn('pretokenlambda61E89C51'), false);
        if (sourceArn !== undefined) a.functions.CognitoInvoke.Properties!.SourceArn = sourceArn;
        a.authOutputs.PoolArn = { Value: getAttArn(POOL) };
        a.functionParameters.referencetoPoolArn = { 'Fn::GetAtt': ['auth179371D7', 'Outputs.PoolArn'] };
        delete a.auth[PRE_TOKEN];
        delete a.auth.PreTokenPermission;
      });
    expect(diagnose(ownGrant({ Ref: 'referencetoPoolArn' }))).toEqual([]);
    expect(idsAndResources(diagnose(ownGrant(undefined)))).toEqual([['trigger-permission-unscoped', 'function/CognitoInvoke']]);
  });

  it('plan rules: V2_0 on LITE, threat protection below PLUS, no explicit tier', () => {
    expect(ids(diagnose(app((_a, pool) => (pool.UserPoolTier = 'LITE'))))).toEqual(['plan-too-low-for-version']);
    expect(ids(diagnose(app((_a, pool) => (pool.UserPoolAddOns = { AdvancedSecurityMode: 'AUDIT' }))))).toEqual(['threat-protection-plan']);
    expect(diagnose(app((_a, pool) => Object.assign(pool, { UserPoolTier: 'PLUS', UserPoolAddOns: { AdvancedSecurityMode: 'ENFORCED' } })))).toEqual([]);
    expect(diagnose(app((_a, pool) => (pool.UserPoolAddOns = { AdvancedSecurityMode: 'OFF' })))).toEqual([]);
    const implicit = diagnose(app((_a, pool) => delete pool.UserPoolTier));
    expect(implicit.map((finding) => [finding.id, finding.severity])).toEqual([['plan-not-explicit', 'warning']]);
    expect(implicit[0]!.problem).toMatch(/pools created before the plans existed are on LITE/);
    // V1_0 works on every plan: no tier needed.
    expect(diagnose(app((_a, pool) => {
      delete pool.UserPoolTier;
      pool.LambdaConfig.PreTokenGenerationConfig.LambdaVersion = 'V1_0';
    }))).toEqual([]);
  });

  it('threat protection without a tier: what AWS documents, and that its pages disagree', () => {
    const findings = diagnose(app((_a, pool) => {
      delete pool.UserPoolTier;
      pool.UserPoolAddOns = { AdvancedSecurityMode: 'AUDIT' };
    }));
    expect(ids(findings)).toEqual(['plan-not-explicit']);
    expect(findings[0]!.problem).toMatch(/AWS's pages disagree.*defaults to PLUS.*defaults to ESSENTIALS.*existing pool on a lower plan fails/);
    expect(findings[0]!.fix).toContain("'PLUS'");
  });

  it('plan-too-low-for-feature: passwordless, passkeys and email MFA on LITE', () => {
    const findings = diagnose(app((_a, pool) => {
      pool.UserPoolTier = 'LITE';
      pool.LambdaConfig.PreTokenGenerationConfig.LambdaVersion = 'V1_0';
      pool.Policies = { SignInPolicy: { AllowedFirstAuthFactors: ['PASSWORD', 'EMAIL_OTP', 'WEB_AUTHN'] } };
      pool.EnabledMfas = ['SOFTWARE_TOKEN_MFA', 'EMAIL_OTP'];
    }));
    expect(findings.map((finding) => [finding.id, finding.problem.split(' (')[0]])).toEqual([
      ['plan-too-low-for-feature', 'Passwordless sign-in'],
      ['plan-too-low-for-feature', 'Passkeys'],
      ['plan-too-low-for-feature', 'Email MFA'],
    ]);
    expect(findings[0]!.problem).toMatch(/needs the ESSENTIALS plan.*need to be disabled for the LITE pricing tier/);
    expect(diagnose(app((_a, pool) => (pool.Policies = { SignInPolicy: { AllowedFirstAuthFactors: ['PASSWORD', 'SMS_OTP'] } })))).toEqual([]);
  });

  it('threat-protection-custom-auth: custom-auth sign-ins outside threat protection', () => {
    const withCustomAuth = (addOns: Record<string, unknown>) =>
      app((a, pool) => {
        pool.UserPoolTier = 'PLUS';
        pool.UserPoolAddOns = addOns;
        for (const key of ['DefineAuthChallenge', 'CreateAuthChallenge', 'VerifyAuthChallengeResponse']) {
          a.auth[`${key}Fn`] = fn();
          a.auth[`${key}Permission`] = permission(getAttArn(`${key}Fn`));
          pool.LambdaConfig[key] = getAttArn(`${key}Fn`);
        }
      });
    const findings = diagnose(withCustomAuth({ AdvancedSecurityMode: 'ENFORCED' }));
    expect(findings.map((finding) => [finding.id, finding.severity])).toEqual([['threat-protection-custom-auth', 'warning']]);
    expect(findings[0]!.fix).toContain("advancedSecurityAdditionalFlows: { customAuthMode: 'ENFORCED' }");
    expect(diagnose(withCustomAuth({ AdvancedSecurityMode: 'ENFORCED', AdvancedSecurityAdditionalFlows: { CustomAuthMode: 'ENFORCED' } }))).toEqual([]);
    expect(diagnose(withCustomAuth({}))).toEqual([]);
  });
});

describe('doctor rules over the handler\'s answers', () => {
  it('a V2 handler copying a protected attribute is clean', () => {
    const s = app();
    expect(diagnose(s, probeFor(s, (attributes) => v2Answer({ tenant: attributes['custom:tenant_id'] })))).toEqual([]);
  });

  it('handler-response-shape: a V1-shaped answer under V2_0', () => {
    const s = app();
    const probe = probeFor(s, (attributes) => ({
      response: { claimsAndScopeOverrideDetails: {}, claimsOverrideDetails: { claimsToAddOrOverride: { tenant: attributes['custom:tenant_id'] } } },
    }));
    expect(ids(diagnose(s, probe))).toEqual(['handler-response-shape']);
  });

  it('claim-from-writable-attribute: by marker (String) and by flipping (Boolean); no WriteAttributes counts as writable', () => {
    const writable = app((_a, _pool, client) => (client.WriteAttributes = ['email', 'custom:tenant_id', 'custom:is_admin']));
    const answer = (attributes: Record<string, string>) => v2Answer({ org: `org-${attributes['custom:tenant_id']}`, admin: attributes['custom:is_admin'] === 'true' });
    const findings = diagnose(writable, probeFor(writable, answer));
    expect(findings.map((finding) => finding.problem.split(' are ')[0]!.split(' is ')[0])).toEqual(['"org" (access token)', '"admin" (access token)']);
    const unlisted = app((_a, _pool, client) => delete client.WriteAttributes);
    expect(ids(diagnose(unlisted, probeFor(unlisted, answer)))).toEqual(['claim-from-writable-attribute', 'claim-from-writable-attribute']);
    expect(diagnose(unlisted, probeFor(unlisted, answer))[0]!.problem).toMatch(/no WriteAttributes list, and AWS documents inconsistently/);
    const safe = app();
    expect(diagnose(safe, probeFor(safe, answer))).toEqual([]);
  });

  it('claim-from-writable-attribute: any app client of the pool that may write it, in any stack', () => {
    const s = app((a) => {
      a.authOutputs.PoolRef = { Value: { Ref: POOL } };
      a.functionParameters.referencetoPoolRef = { 'Fn::GetAtt': ['auth179371D7', 'Outputs.PoolRef'] };
      a.functions.NativeClient = { Type: 'AWS::Cognito::UserPoolClient', Properties: { UserPoolId: { Ref: 'referencetoPoolRef' } } };
      a.auth.SafeClient = { Type: 'AWS::Cognito::UserPoolClient', Properties: { UserPoolId: { Ref: POOL }, WriteAttributes: ['email'] } };
      a.auth.OtherPoolClient = { Type: 'AWS::Cognito::UserPoolClient', Properties: { UserPoolId: 'us-east-1_other', WriteAttributes: [] } };
      a.auth.WritableClient = { Type: 'AWS::Cognito::UserPoolClient', Properties: { UserPoolId: { Ref: POOL } } };
    });
    expect(s.clients.map((client) => client.id)).toEqual([CLIENT, 'SafeClient', 'WritableClient', 'NativeClient']);
    const findings = diagnose(s, probeFor(s, (attributes) => v2Answer({ tenant: attributes['custom:tenant_id'] })));
    expect(idsAndResources(findings)).toEqual([
      ['claim-from-writable-attribute', 'auth/WritableClient WriteAttributes'],
      ['claim-from-writable-attribute', 'function/NativeClient WriteAttributes'],
    ]);
    expect(findings[0]!.problem).toMatch(/one of the pool's 4 app clients/);
  });

  it('claim-from-writable-attribute: a group override fed by an attribute (users pick their own role)', () => {
    const s = app((_a, _pool, client) => (client.WriteAttributes = ['email', 'custom:tenant_id']));
    const probe = probeFor(s, (attributes) => ({
      response: { claimsAndScopeOverrideDetails: { groupOverrideDetails: { groupsToOverride: [attributes['custom:tenant_id']] } } },
    }));
    expect(diagnose(s, probe)[0]!.problem).toMatch(/^cognito:groups \(both tokens, groupOverrideDetails\) is copied from custom:tenant_id/);
  });

  it('reserved-claim: what Cognito\'s claims table forbids, and nothing it allows', () => {
    const s = app();
    const forbidden = probeFor(s, () =>
      v2Answer(
        { sub: 'someone-else', 'cognito:groups': ['x'], version: 3, device_key: 'k', 'dev:flag': 'on', aud: 'another-client' },
        { idTokenGeneration: { claimsToSuppress: ['token_use', 'cognito:roles'], claimsToAddOrOverride: { aud: 'client-123' } } },
      ),
    );
    const findings = diagnose(s, forbidden);
    expect(findings.map((finding) => finding.problem.split(',')[0])).toEqual([
      'The handler adds or overrides "aud" in the ID token and adds or overrides "aud" in the access token',
      'The handler suppresses "token_use" in the ID token',
      'The handler suppresses "cognito:roles" in the ID token',
      'The handler adds or overrides "sub" in the access token',
      'The handler adds or overrides "cognito:groups" in the access token',
      'The handler adds or overrides "version" in the access token',
      'The handler adds or overrides "device_key" in the access token',
      'The handler adds or overrides "dev:flag" in the access token',
    ]);
    expect(new Set(ids(findings))).toEqual(new Set(['reserved-claim']));
    const allowed = probeFor(s, () =>
      v2Answer(
        { aud: 'client-123', 'cognito:roles': ['arn:aws:iam::123456789012:role/reader'], 'cognito:preferred_role': 'arn:aws:iam::123456789012:role/reader' },
        { idTokenGeneration: { claimsToSuppress: ['cognito:groups', 'dev:debug', 'email'] } },
      ),
    );
    expect(diagnose(s, allowed)).toEqual([]);
  });

  it('claim-value-not-accepted: V1_0 takes strings only; V2_0 no objects for a few ID-token claims', () => {
    const v1 = app((_a, pool) => (pool.LambdaConfig.PreTokenGenerationConfig.LambdaVersion = 'V1_0'));
    const v1Probe = probeFor(v1, () => ({ response: { claimsOverrideDetails: { claimsToAddOrOverride: { seats: 12, tenant: 'acme' } } } }), 'V1_0');
    const v1Findings = diagnose(v1, v1Probe);
    expect(ids(v1Findings)).toEqual(['claim-value-not-accepted']);
    expect(v1Findings[0]!.problem).toMatch(/sets "seats" in the ID token to 12: V1_0 takes string values only, got a number/);
    const v2 = app();
    expect(diagnose(v2, probeFor(v2, () => v2Answer({ seats: 12, tags: ['a'], profile: { plan: 'pro' } })))).toEqual([]);
    const object = probeFor(v2, () => ({ response: { claimsAndScopeOverrideDetails: { idTokenGeneration: { claimsToAddOrOverride: { address: { street: 'x' } } } } } }));
    expect(diagnose(v2, object)[0]!.problem).toMatch(/address cannot be a JSON object in the ID token/);
  });

  it('handler-failed: a handler that throws is a warning, not a crash', () => {
    const s = app();
    const probe = { ...probeFor(s, () => ({})), sample: { ok: false as const, error: 'TypeError: boom\n    at handler' } };
    expect(diagnose(s, probe).map((finding) => [finding.id, finding.severity, finding.problem.includes('TypeError: boom')])).toEqual([
      ['handler-failed', 'warning', true],
    ]);
  });
});

describe('Cognito\'s claims table', () => {
  it('protected claims, and the ones with rules of their own', () => {
    for (const claim of ['sub', 'iss', 'token_use', 'device_key', 'version', 'scope', 'cognito:username', 'cognito:anything']) {
      expect([claim, mayAddClaim(claim, 'id'), mayAddClaim(claim, 'access'), maySuppressClaim(claim)]).toEqual([claim, false, false, false]);
    }
    expect([mayAddClaim('cognito:groups', 'access'), maySuppressClaim('cognito:groups')]).toEqual([false, true]);
    expect([mayAddClaim('cognito:roles', 'id'), mayAddClaim('cognito:preferred_role', 'access'), maySuppressClaim('cognito:roles')]).toEqual([true, true, false]);
    expect([mayAddClaim('aud', 'access', 'client-1', 'client-1'), mayAddClaim('aud', 'access', 'other', 'client-1'), mayAddClaim('aud', 'id', 'client-1', 'client-1')]).toEqual([true, false, false]);
    expect([mayAddClaim('dev:x', 'id'), maySuppressClaim('dev:x')]).toEqual([false, true]);
    expect([mayAddClaim('tenant', 'access'), maySuppressClaim('email')]).toEqual([true, true]);
    expect(claimRule('cognito:groups').note).toMatch(/also removes cognito:roles and cognito:preferred_role/);
  });
});

describe('token model: Cognito\'s rules for a pre token generation answer', () => {
  const user = sampleUser(
    [{ name: 'custom:tenant_id', custom: true, type: 'String', mutable: false, required: false }],
    [['tenant_id', 'globex'], ['groups', 'admins,staff']],
  );
  const context = { user, userPoolId: 'us-east-1_X', region: 'us-east-1', clientId: 'client', scopes: ['openid', 'profile'] };
  const standard = { idToken: standardIdToken(context), accessToken: standardAccessToken(context) };
  const v2 = { version: 'V2_0' as const, clientId: 'client' };

  it('the standard tokens: attributes in the ID token only, groups in both', () => {
    expect(standard.idToken).toMatchObject({ token_use: 'id', 'custom:tenant_id': 'globex', 'cognito:groups': ['admins', 'staff'], email_verified: true });
    expect(standard.accessToken).toMatchObject({ token_use: 'access', scope: 'openid profile', 'cognito:groups': ['admins', 'staff'] });
    expect(standard.accessToken).not.toHaveProperty('custom:tenant_id');
  });

  it('V2: add/override, suppress wins, reserved claims untouched, groups override, scopes added and suppressed', () => {
    const overrides = readOverrides('V2_0', {
      response: {
        claimsAndScopeOverrideDetails: {
          idTokenGeneration: { claimsToAddOrOverride: { tenant: 'globex', email: 'x@example.com', gone: 'y' }, claimsToSuppress: ['gone', 'custom:tenant_id'] },
          accessTokenGeneration: { claimsToAddOrOverride: { tenant: 'globex', sub: 'forged' }, scopesToAdd: ['orders/read'], scopesToSuppress: ['profile'] },
          groupOverrideDetails: { groupsToOverride: ['readers'] },
        },
      },
    });
    const { idToken, accessToken } = applyOverrides(standard, overrides, v2);
    expect(idToken.payload).toMatchObject({ tenant: 'globex', email: 'x@example.com', 'cognito:groups': ['readers'] });
    expect(idToken.payload).not.toHaveProperty('gone');
    expect(idToken.payload).not.toHaveProperty('custom:tenant_id');
    expect(idToken.changes).toEqual({ tenant: 'added', email: 'overridden', gone: 'suppressed', 'custom:tenant_id': 'suppressed', 'cognito:groups': 'overridden' });
    expect(accessToken.payload).toMatchObject({ tenant: 'globex', sub: user.attributes.sub, scope: 'openid orders/read', 'cognito:groups': ['readers'] });
    expect(accessToken.changes).toMatchObject({ sub: 'ignored (reserved)', scope: 'overridden' });
  });

  it('a group override replaces the whole group configuration; an empty or null one removes the groups', () => {
    const answer = (groupOverrideDetails: unknown) =>
      applyOverrides(standard, readOverrides('V2_0', { response: { claimsAndScopeOverrideDetails: { groupOverrideDetails } } }), v2);
    const roles = answer({ groupsToOverride: ['readers'], iamRolesToOverride: ['arn:role/r'], preferredRole: 'arn:role/r' });
    expect(roles.accessToken.payload).toMatchObject({ 'cognito:groups': ['readers'], 'cognito:roles': ['arn:role/r'], 'cognito:preferred_role': 'arn:role/r' });
    for (const empty of [{}, null, { groupsToOverride: [] }]) {
      const tokens = answer(empty);
      expect(tokens.idToken.payload, JSON.stringify(empty)).not.toHaveProperty('cognito:groups');
      expect(tokens.accessToken.changes['cognito:groups'], JSON.stringify(empty)).toBe('suppressed');
    }
    // No groupOverrideDetails at all: the groups stay.
    expect(answer(undefined).idToken.payload['cognito:groups']).toEqual(['admins', 'staff']);
  });

  it('suppressing cognito:groups also removes cognito:roles and cognito:preferred_role; aud only as the client id in the access token', () => {
    const overrides = readOverrides('V2_0', {
      response: {
        claimsAndScopeOverrideDetails: {
          idTokenGeneration: { claimsToAddOrOverride: { aud: 'client' }, claimsToSuppress: ['cognito:groups'] },
          accessTokenGeneration: { claimsToAddOrOverride: { aud: 'client', 'dev:x': '1' } },
          groupOverrideDetails: { groupsToOverride: ['readers'], iamRolesToOverride: ['arn:role/r'], preferredRole: 'arn:role/r' },
        },
      },
    });
    const { idToken, accessToken } = applyOverrides(standard, overrides, v2);
    for (const claim of ['cognito:groups', 'cognito:roles', 'cognito:preferred_role']) expect(idToken.payload).not.toHaveProperty(claim);
    expect(idToken.changes).toMatchObject({ aud: 'ignored (reserved)', 'cognito:groups': 'suppressed', 'cognito:roles': 'suppressed' });
    expect(accessToken.payload).toMatchObject({ aud: 'client', 'cognito:roles': ['arn:role/r'] });
    expect(accessToken.changes).toMatchObject({ aud: 'added', 'dev:x': 'ignored (reserved)' });
  });

  it('V1: the ID token only, string values only, groups in both tokens; a V2-shaped answer changes nothing', () => {
    const v1 = readOverrides('V1_0', {
      response: { claimsOverrideDetails: { claimsToAddOrOverride: { tenant: 'globex', seats: 3 }, groupOverrideDetails: { groupsToOverride: ['readers'] } } },
    });
    const tokens = applyOverrides(standard, v1, { version: 'V1_0', clientId: 'client' });
    expect(tokens.idToken.changes).toEqual({ tenant: 'added', seats: 'ignored (value not accepted)', 'cognito:groups': 'overridden' });
    expect(tokens.accessToken.changes).toEqual({ 'cognito:groups': 'overridden' });
    expect(tokens.accessToken.payload).toEqual({ ...standard.accessToken, 'cognito:groups': ['readers'] });
    const wrongShape = readOverrides('V1_0', { response: { claimsAndScopeOverrideDetails: { idTokenGeneration: { claimsToAddOrOverride: { tenant: 'x' } } } } });
    expect(wrongShape.shapeMatches).toBe(false);
    expect(applyOverrides(standard, wrongShape, { version: 'V1_0', clientId: 'client' }).idToken.changes).toEqual({});
  });

  it('an API sign-in\'s access token carries only aws.cognito.signin.user.admin; managed login the client\'s OAuth scopes', () => {
    for (const source of ['TokenGeneration_Authentication', 'TokenGeneration_NewPasswordChallenge', 'TokenGeneration_AuthenticateDevice', 'TokenGeneration_RefreshTokens']) {
      expect(userAccessTokenScopes(source, ['openid', 'email'])).toEqual(['aws.cognito.signin.user.admin']);
    }
    expect(userAccessTokenScopes('TokenGeneration_HostedAuth', ['openid', 'email'])).toEqual(['openid', 'email']);
  });

  it('the sample user has every standard attribute the pool requires; --user names an attribute the pool has', () => {
    const required = (name: string) => ({ name, custom: false, type: 'String' as const, mutable: true, required: true });
    const attributes = sampleUser([required('given_name'), required('phone_number'), required('birthdate')]).attributes;
    expect(attributes).toMatchObject({ given_name: 'Jane', phone_number: '+12065550100', phone_number_verified: 'true', birthdate: '1990-04-01' });
    expect(sampleUser([{ ...required('family_name'), required: false }]).attributes).not.toHaveProperty('family_name');
    expect(() => sampleUser([], [['tenant_id', 'x']])).toThrow(/the pool has no attribute "tenant_id"\. Allowed: sub, email, email_verified, groups/);
  });
});
