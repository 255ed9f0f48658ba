// doctor's rules and the token model as pure functions over small hand-made auth stacks and
// handler answers: every finding fires on its mistake and stays quiet on the right wiring.
import { describe, expect, it } from 'vitest';
import { diagnose, type Finding, markerValues, type PreTokenProbe } from '../src/core/doctor/index.js';
import { type AuthStack, type CfnResource, getAttArn, schemaAttributes } from '../src/core/stack.js';
import { applyOverrides, readOverrides, sampleUser, standardAccessToken, standardIdToken } from '../src/core/tokens/index.js';

const POOL = 'UserPool';
const PRE_TOKEN = 'pretokengenerationlambda1234ABCD';
const PRE_SIGN_UP = 'presignuplambda5678ABCD';

function fn(): CfnResource {
  return { Type: 'AWS::Lambda::Function', Properties: { Code: { S3Key: 'abc.zip' } } };
}

function permission(target: string, scoped = true): CfnResource {
  return {
    Type: 'AWS::Lambda::Permission',
    Properties: {
      Action: 'lambda:InvokeFunction',
      FunctionName: getAttArn(target),
      Principal: 'cognito-idp.amazonaws.com',
      ...(scoped ? { SourceArn: getAttArn(POOL) } : {}),
    },
  };
}

/** The generated V2 wiring: preSignUp and V2 pre token generation, each with a scoped permission. */
function stack(change: (s: AuthStack) => void = () => undefined): AuthStack {
  const s: AuthStack = {
    file: 'auth.nested.template.json',
    poolId: POOL,
    clientId: 'Client',
    pool: {
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
    },
    client: { WriteAttributes: ['email'] },
    resources: {},
  };
  s.resources = {
    [POOL]: { Type: 'AWS::Cognito::UserPool', Properties: s.pool },
    Client: { Type: 'AWS::Cognito::UserPoolClient', Properties: s.client },
    [PRE_TOKEN]: fn(),
    [PRE_SIGN_UP]: fn(),
    PreTokenPermission: permission(PRE_TOKEN),
    PreSignUpPermission: permission(PRE_SIGN_UP),
  };
  change(s);
  return s;
}

const ids = (findings: Finding[]) => findings.map((finding) => finding.id);

/** A V2 handler that copies the given attribute into the access token claim `tenant`. */
function probeFor(s: AuthStack, answer: (attributes: Record<string, string>) => unknown): PreTokenProbe {
  const markers = markerValues(schemaAttributes(s));
  const user = sampleUser(schemaAttributes(s)).attributes;
  const marked = { ...user, ...Object.fromEntries(markers.map((marker) => [marker.attribute, marker.value])) };
  return {
    functionId: PRE_TOKEN,
    version: 'V2_0',
    sample: { ok: true, value: answer(user) },
    markers,
    marked: { ok: true, value: answer(marked) },
    flipped: Object.fromEntries(
      markers.filter((m) => m.kind === 'boolean').map((m) => [m.attribute, { ok: true, value: answer({ ...marked, [m.attribute]: 'false' }) }]),
    ),
  };
}

const v2Answer = (access: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  response: { claimsAndScopeOverrideDetails: { accessTokenGeneration: { claimsToAddOrOverride: access }, ...extra } },
});

describe('doctor rules over the auth stack', () => {
  it('the generated wiring is clean', () => {
    expect(diagnose(stack())).toEqual([]);
  });

  it('pre-token-config-incomplete: a version without an ARN (deployment fails)', () => {
    const findings = diagnose(stack((s) => (s.pool.LambdaConfig.PreTokenGenerationConfig = { LambdaVersion: 'V2_0' })));
    expect(ids(findings)).toContain('pre-token-config-incomplete');
    expect(findings[0]!.problem).toMatch(/no LambdaArn.*deployment fails/);
  });

  it('pre-token-legacy-mismatch: the legacy key names another function', () => {
    const findings = diagnose(stack((s) => (s.pool.LambdaConfig.PreTokenGeneration = getAttArn(PRE_SIGN_UP))));
    expect(ids(findings)).toEqual(['pre-token-legacy-mismatch']);
    expect(diagnose(stack((s) => (s.pool.LambdaConfig.PreTokenGeneration = getAttArn(PRE_TOKEN))))).toEqual([]);
  });

  it('trigger-not-in-lambda-config: LambdaConfig replaced, preSignUp lost', () => {
    const findings = diagnose(stack((s) => delete s.pool.LambdaConfig.PreSignUp));
    expect(ids(findings)).toEqual(['trigger-not-in-lambda-config']);
    expect(findings[0]!.resource).toBe(PRE_SIGN_UP);
  });

  it('trigger-not-in-lambda-config: any function Cognito may invoke but LambdaConfig does not name', () => {
    const findings = diagnose(
      stack((s) => {
        s.resources.auditFunction = fn();
        s.resources.auditPermission = permission('auditFunction');
      }),
    );
    expect(findings.map((finding) => [finding.id, finding.resource])).toEqual([['trigger-not-in-lambda-config', 'auditFunction']]);
  });

  it('trigger-permission-missing / -unscoped', () => {
    expect(ids(diagnose(stack((s) => delete s.resources.PreTokenPermission)))).toEqual(['trigger-permission-missing']);
    const unscoped = diagnose(stack((s) => (s.resources.PreTokenPermission = permission(PRE_TOKEN, false))));
    expect(unscoped.map((finding) => [finding.id, finding.severity])).toEqual([['trigger-permission-unscoped', 'warning']]);
  });

  it('plan rules: V2_0 on LITE, threat protection below PLUS, no explicit tier', () => {
    expect(ids(diagnose(stack((s) => (s.pool.UserPoolTier = 'LITE'))))).toEqual(['plan-too-low-for-version']);
    expect(ids(diagnose(stack((s) => (s.pool.UserPoolAddOns = { AdvancedSecurityMode: 'AUDIT' }))))).toEqual(['threat-protection-plan']);
    expect(diagnose(stack((s) => Object.assign(s.pool, { UserPoolTier: 'PLUS', UserPoolAddOns: { AdvancedSecurityMode: 'ENFORCED' } })))).toEqual([]);
    expect(diagnose(stack((s) => (s.pool.UserPoolAddOns = { AdvancedSecurityMode: 'OFF' })))).toEqual([]);
    const implicit = diagnose(stack((s) => delete s.pool.UserPoolTier));
    expect(implicit.map((finding) => [finding.id, finding.severity])).toEqual([['plan-not-explicit', 'warning']]);
    // V1_0 works on every plan: no tier needed.
    expect(diagnose(stack((s) => {
      delete s.pool.UserPoolTier;
      s.pool.LambdaConfig.PreTokenGenerationConfig.LambdaVersion = 'V1_0';
    }))).toEqual([]);
  });
});

describe('doctor rules over the handler\'s answers', () => {
  it('a V2 handler copying a protected attribute is clean', () => {
    const s = stack();
    expect(diagnose(s, probeFor(s, (attributes) => v2Answer({ tenant: attributes['custom:tenant_id'] })))).toEqual([]);
  });

  it('handler-response-shape: a V1-shaped answer under V2_0', () => {
    const s = stack();
    const probe = probeFor(s, (attributes) => ({
      response: { claimsAndScopeOverrideDetails: {}, claimsOverrideDetails: { claimsToAddOrOverride: { tenant: attributes['custom:tenant_id'] } } },
    }));
    expect(ids(diagnose(s, probe))).toEqual(['handler-response-shape']);
  });

  it('claim-from-writable-attribute: by marker (String) and by flipping (Boolean); no WriteAttributes counts as writable', () => {
    const s = stack((st) => (st.client.WriteAttributes = ['email', 'custom:tenant_id', 'custom:is_admin']));
    const probe = probeFor(s, (attributes) => v2Answer({ org: `org-${attributes['custom:tenant_id']}`, admin: attributes['custom:is_admin'] === 'true' }));
    const findings = diagnose(s, probe);
    expect(findings.map((finding) => finding.problem.split(' are ')[0]!.split(' is ')[0])).toEqual([
      'org (access token)',
      'admin (access token)',
    ]);
    expect(ids(diagnose(stack((st) => delete st.client.WriteAttributes), probe))).toEqual([
      'claim-from-writable-attribute',
      'claim-from-writable-attribute',
    ]);
    expect(diagnose(stack(), probe)).toEqual([]);
  });

  it('reserved-claim: adding, overriding or suppressing a claim Cognito sets', () => {
    const s = stack();
    const probe = probeFor(s, () => v2Answer({ sub: 'someone-else', 'cognito:groups': ['x'] }, { idTokenGeneration: { claimsToSuppress: ['token_use'] } }));
    const findings = diagnose(s, probe);
    expect(ids(findings)).toEqual(['reserved-claim', 'reserved-claim', 'reserved-claim']);
    expect(findings.map((finding) => finding.problem)).toEqual([
      expect.stringContaining('suppresses token_use in the ID token: token_use is a claim Cognito sets itself'),
      expect.stringContaining('adds or overrides sub in the access token: sub is'),
      expect.stringContaining('adds or overrides cognito:groups in the access token'),
    ]);
  });

  it('handler-failed: a handler that throws is a warning, not a crash', () => {
    const s = stack();
    const probe = { ...probeFor(s, () => ({})), sample: { ok: false as const, error: 'TypeError: boom\n    at handler' } };
    expect(diagnose(s, probe).map((finding) => [finding.id, finding.severity, finding.problem.includes('TypeError: boom')])).toEqual([
      ['handler-failed', 'warning', true],
    ]);
  });
});

describe('token model: Cognito\'s rules for a pre token generation answer', () => {
  const user = sampleUser(
    [{ name: 'custom:tenant_id', custom: true, type: 'String', mutable: false }],
    [['tenant_id', 'globex'], ['groups', 'admins,staff']],
  );
  const context = { user, userPoolId: 'us-east-1_X', region: 'us-east-1', clientId: 'client', scopes: ['openid', 'profile'] };
  const standard = { idToken: standardIdToken(context), accessToken: standardAccessToken(context) };

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
    const { idToken, accessToken } = applyOverrides(standard, overrides);
    expect(idToken.payload).toMatchObject({ tenant: 'globex', email: 'x@example.com', 'cognito:groups': ['readers'] });
    expect(idToken.payload).not.toHaveProperty('gone');
    expect(idToken.payload).not.toHaveProperty('custom:tenant_id');
    expect(idToken.changes).toEqual({ tenant: 'added', email: 'overridden', gone: 'suppressed', 'custom:tenant_id': 'suppressed', 'cognito:groups': 'overridden' });
    expect(accessToken.payload).toMatchObject({ tenant: 'globex', sub: user.attributes.sub, scope: 'openid orders/read', 'cognito:groups': ['readers'] });
    expect(accessToken.changes).toMatchObject({ sub: 'ignored (reserved)', scope: 'overridden' });
  });

  it('V1: the ID token only; a V2-shaped answer changes nothing', () => {
    const v1 = readOverrides('V1_0', { response: { claimsOverrideDetails: { claimsToAddOrOverride: { tenant: 'globex' } } } });
    const tokens = applyOverrides(standard, v1);
    expect(tokens.idToken.changes).toEqual({ tenant: 'added' });
    expect(tokens.accessToken.payload).toEqual(standard.accessToken);
    const wrongShape = readOverrides('V1_0', { response: { claimsAndScopeOverrideDetails: { idTokenGeneration: { claimsToAddOrOverride: { tenant: 'x' } } } } });
    expect(wrongShape.shapeMatches).toBe(false);
    expect(applyOverrides(standard, wrongShape).idToken.changes).toEqual({});
  });

  it('--user names an attribute the pool has', () => {
    expect(() => sampleUser([], [['tenant_id', 'x']])).toThrow(/the pool has no attribute "tenant_id"\. Allowed: sub, email, email_verified, groups/);
  });
});
