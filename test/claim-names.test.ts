// Claim names are data, never object structure: names that Object.prototype also has
// ("__proto__", "constructor", "toString") are ordinary claims in the model, in preview's token
// payloads and labels, and in doctor's findings. (The generated handlers are run with them in
// test/generated-code.property.test.ts.)
import { describe, expect, it } from 'vitest';
import { formatPreview, styleFor } from '../src/cli/inspect-output.js';
import { buildModel } from '../src/core/index.js';
import { diagnose, markerValues, type PreTokenProbe } from '../src/core/doctor/index.js';
import { type AuthStack, authStackOf, getAttArn, schemaAttributes } from '../src/core/stack.js';
import { applyOverrides, readOverrides, sampleUser, standardAccessToken, standardIdToken } from '../src/core/tokens/index.js';
import type { PreviewResult } from '../src/inspect/index.js';

const NAMES = ['__proto__', 'constructor', 'toString'];

/** What a handler's answer looks like to doctor and preview: parsed from JSON, as the invoker returns it. */
const fromHandler = (value: unknown) => JSON.parse(JSON.stringify(value)) as unknown;
const claims = (entries: [string, unknown][]) => JSON.parse(`{${entries.map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v)}`).join(',')}}`);

describe('claim names shared with Object.prototype', () => {
  it('are accepted as attribute and claim names, with their own claim sources', () => {
    const model = buildModel({ attributes: NAMES.map((name) => `${name}:String`), suppressClaims: ['hasOwnProperty'] });
    expect(model.idTokenClaims.map((source) => source.claim)).toEqual(NAMES);
    expect(model.accessTokenClaims.map((source) => source.attribute.name)).toEqual(NAMES);
    expect(model.writeAttributes).not.toContain('custom:__proto__');
  });

  it('preview adds them as the token claims they are, labelled added, and prints them', () => {
    const user = sampleUser([]);
    const context = { user, userPoolId: 'us-east-1_X', region: 'us-east-1', clientId: 'client', scopes: ['openid'] };
    const standard = { idToken: standardIdToken(context), accessToken: standardAccessToken(context) };
    const added = claims(NAMES.map((name) => [name, `value of ${name}`]));
    const overrides = readOverrides('V2_0', fromHandler({ response: { claimsAndScopeOverrideDetails: { accessTokenGeneration: { claimsToAddOrOverride: added } } } }));
    const { accessToken } = applyOverrides(standard, overrides, { version: 'V2_0', clientId: 'client' });
    for (const name of NAMES) {
      expect(Object.getOwnPropertyDescriptor(accessToken.payload, name)?.value).toBe(`value of ${name}`);
      expect(Object.getOwnPropertyDescriptor(accessToken.changes, name)?.value).toBe('added');
    }
    const result: PreviewResult = {
      functionId: 'fn',
      version: 'V2_0',
      triggerSource: 'TokenGeneration_Authentication',
      userAttributes: user.attributes,
      idToken: null,
      accessToken,
      shapeMismatch: false,
      dataRules: [],
    };
    const printed = formatPreview(result, styleFor(false));
    for (const name of NAMES) expect(printed).toMatch(new RegExp(`^  "${name}": "value of ${name}",?  // ← added$`, 'm'));
    expect(JSON.parse(JSON.stringify(result)).accessToken.changes).toMatchObject({ constructor: 'added', toString: 'added' });
  });

  it("preview's labels show any claim name on its line, terminal escapes and all escaped", () => {
    const user = sampleUser([]);
    const context = { user, userPoolId: 'us-east-1_X', region: 'us-east-1', clientId: 'client', scopes: ['openid'] };
    const standard = { idToken: standardIdToken(context), accessToken: standardAccessToken(context) };
    const hostile = ['email', 'cognito:\u001b[2Jx\ny'];
    const overrides = readOverrides('V2_0', fromHandler({ response: { claimsAndScopeOverrideDetails: { idTokenGeneration: { claimsToSuppress: hostile, claimsToAddOrOverride: claims([['\u001b]0;t\u0007', 1]]) } } } }));
    const { idToken } = applyOverrides(standard, overrides, { version: 'V2_0', clientId: 'client' });
    const printed = formatPreview(
      { functionId: 'fn', version: 'V2_0', triggerSource: 'TokenGeneration_Authentication', userAttributes: {}, idToken, accessToken: idToken, shapeMismatch: false, dataRules: [] },
      styleFor(false),
    );
    expect(printed).not.toMatch(/[\u0000-\u0009\u000b-\u001f]/);
    expect(printed).toContain('// ← "email": suppressed');
    expect(printed).toMatch(/^\/\/ "cognito:\\u001b\[2Jx\\ny": /m);
    expect(printed).toContain('"\\u001b]0;t\\u0007": 1');
  });

  it('preview suppresses them like any claim, and only when the token has them', () => {
    const user = sampleUser([]);
    const context = { user, userPoolId: 'us-east-1_X', region: 'us-east-1', clientId: 'client', scopes: ['openid'] };
    const standard = { idToken: standardIdToken(context), accessToken: standardAccessToken(context) };
    const overrides = readOverrides('V1_0', fromHandler({ response: { claimsOverrideDetails: { claimsToSuppress: NAMES } } }));
    expect({ ...applyOverrides(standard, overrides, { version: 'V1_0', clientId: 'client' }).idToken.changes }).toEqual({});
  });

  it('doctor traces them to a writable attribute, and does not call them reserved', () => {
    const pool = {
      UserPoolTier: 'ESSENTIALS',
      LambdaConfig: { PreTokenGenerationConfig: { LambdaArn: getAttArn('pretokengenerationlambda1234ABCD'), LambdaVersion: 'V2_0' } },
      Schema: [{ Name: 'tenant', AttributeDataType: 'String', Mutable: true }],
    };
    const resources = {
      UserPool: { Type: 'AWS::Cognito::UserPool', Properties: pool },
      Client: { Type: 'AWS::Cognito::UserPoolClient', Properties: { UserPoolId: { Ref: 'UserPool' } } },
      pretokengenerationlambda1234ABCD: { Type: 'AWS::Lambda::Function', Properties: {} },
      Permission: {
        Type: 'AWS::Lambda::Permission',
        Properties: {
          Action: 'lambda:InvokeFunction',
          FunctionName: getAttArn('pretokengenerationlambda1234ABCD'),
          Principal: 'cognito-idp.amazonaws.com',
          SourceArn: getAttArn('UserPool'),
        },
      },
    };
    const stack = authStackOf({ templates: { 'auth.nested.template.json': { Resources: resources } }, assetPaths: {} }) as AuthStack;
    const answer = (attributes: Record<string, string>) =>
      fromHandler({
        response: {
          claimsAndScopeOverrideDetails: {
            accessTokenGeneration: { claimsToAddOrOverride: claims(NAMES.map((name) => [name, attributes['custom:tenant']])) },
          },
        },
      });
    const markers = markerValues(schemaAttributes(stack));
    const user = sampleUser(schemaAttributes(stack)).attributes;
    const marked = { ...user, ...Object.fromEntries(markers.map((marker) => [marker.attribute, marker.value])) };
    const probe: PreTokenProbe = {
      resource: 'root/pretokengenerationlambda1234ABCD',
      version: 'V2_0',
      clientId: 'client',
      sample: { ok: true, value: answer(user) },
      markers,
      marked: { ok: true, value: answer(marked) },
      flipped: {},
    };
    const findings = diagnose(stack, probe);
    expect(findings.map((finding) => finding.id)).toEqual(['claim-from-writable-attribute']);
    for (const name of NAMES) expect(findings[0]!.problem).toContain(`"${name}" (access token)`);
  });
});
