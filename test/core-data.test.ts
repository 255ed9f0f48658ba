// Amplify Data in the core: the rules read from a model schema as Amplify's transformer gets it,
// what they let a token do, doctor's data-rule findings, the AppSync API read from CloudFormation,
// and the generated tenant model's files for any attribute name a user may give.
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { readAppSyncConfig, runsAsVtl } from '../src/core/data/appsync-config.js';
import type { Template } from '../src/core/stack.js';
import { claimsRead, describeRule, readDataSchema } from '../src/core/data/auth-rules.js';
import { claimsMissingFromAccessToken, dataRuleVerdicts, type SignInTokens } from '../src/core/data/rule-check.js';
import { sampleTenants } from '../src/core/data/tenant.js';
import { tenantClaimWarnings } from '../src/core/data/regeneration.js';
import type { PlannedFile } from '../src/core/plan.js';
import { startLocalAppSync } from '../src/inspect/data/simulator.js';
import { diagnose } from '../src/core/doctor/index.js';
import type { AuthStack } from '../src/core/stack.js';
import { buildModel, renderProject } from '../src/core/index.js';
import { tsString } from '../src/core/escape.js';

/** model-schema.graphql as Amplify 1.25 stages it for this a.schema (captured from cdk.out). */
const MODEL_SCHEMA = `type Invoice @model @auth(rules: [{allow: owner, ownerField: "tenantId", identityClaim: "tenant_id"},
  {allow: groups, operations: [read], groups: ["admins"]}])
{
  tenantId: String @auth(rules: [{allow: owner, operations: [read, create, delete], ownerField: "tenantId", identityClaim: "tenant_id"}])
  number: String!
}

type Project @model @auth(rules: [{allow: groups, groupsField: "team", groupClaim: "org"},
  {allow: owner, ownerField: "members"},
  {allow: private, operations: [read]}])
{
  orgId: String! @primaryKey(sortKeyFields: ["id"])
  id: ID!
  name: String
  members: [String]
  status: ProjectStatus
}

type Note @model @auth(rules: [{allow: owner, ownerField: "owner"},
  {allow: public, provider: apiKey, operations: [read]},
  {allow: public, provider: identityPool, operations: [read]}])
{
  body: String
}

enum ProjectStatus {
  open
  closed
}

type Query {
  echo(content: String): String @aws_cognito_user_pools
}`;

const schema = readDataSchema(MODEL_SCHEMA);

/** The access token of a V2_0 handler that copies tenant_id, and the ID token without it. */
const TOKENS: SignInTokens = {
  idToken: { sub: 'u-1', 'cognito:username': 'u-1', email: 'jane@example.com', 'custom:tenant_id': 'acme' },
  accessToken: { sub: 'u-1', username: 'u-1', token_use: 'access', tenant_id: 'acme' },
};

describe('readDataSchema: the rules of a model schema', () => {
  it('reads model and field rules with Amplify\'s defaults, keys from @primaryKey, and skips the rest of the schema', () => {
    expect(schema.keys).toEqual({ Invoice: ['id'], Project: ['orgId', 'id'], Note: ['id'] });
    expect(schema.rules.map((rule) => `${rule.field ? `${rule.model}.${rule.field}` : rule.model}: ${describeRule(rule)}`)).toEqual([
      "Invoice: allow.ownerDefinedIn('tenantId').identityClaim('tenant_id')",
      "Invoice: allow.groups(['admins']).to(['read'])",
      "Invoice.tenantId: allow.ownerDefinedIn('tenantId').identityClaim('tenant_id').to(['create', 'read', 'delete'])",
      "Project: allow.groupsDefinedIn('team').withClaimIn('org')",
      "Project: allow.ownersDefinedIn('members')",
      "Project: allow.authenticated().to(['read'])",
      'Note: allow.owner()',
      "Note: allow.publicApiKey().to(['read'])",
      "Note: allow.guest().to(['read'])",
    ]);
  });

  it('knows which claims each rule compares for a user-pool sign-in', () => {
    expect(schema.rules.map(claimsRead)).toEqual([['tenant_id'], ['cognito:groups'], ['tenant_id'], ['org'], ['sub', 'username'], [], ['sub', 'username'], [], []]);
  });

  it('reads descriptions, comments, block strings, commas and get/list operations', () => {
    const parsed = readDataSchema(`
      # a comment with @auth(rules: [{allow: public}])
      """A block description with "quotes" and @auth"""
      type Post @model @auth(rules: [{allow: owner, operations: [get, list], identityClaim: "custom:tenant_id"}]) {
        "a field description"
        title: String!, body: String
      }`);
    expect(parsed.rules).toEqual([
      { model: 'Post', allow: 'owner', provider: 'userPools', operations: ['read'], ownerField: 'owner', identityClaim: 'custom:tenant_id' },
    ]);
  });

  it('says what it could not read', () => {
    expect(() => readDataSchema('type A @model @auth(rules: [{allow: owner}) { a: String }')).toThrow(/model schema/);
    expect(() => readDataSchema('type A { a: String ~ }')).toThrow(/unexpected character "~"/);
  });
});

describe('rules against tokens', () => {
  it('finds the claims the access token lacks, and whether the ID token has them', () => {
    const gaps = claimsMissingFromAccessToken(schema.rules, TOKENS);
    expect(gaps.map((gap) => [gap.claim, gap.inIdToken, gap.rules.map((rule) => rule.model)])).toEqual([['org', false, ['Project']]]);
    const idOnly = claimsMissingFromAccessToken(readDataSchema('type A @model @auth(rules: [{allow: owner, ownerField: "t", identityClaim: "custom:tenant_id"}]) { t: String }').rules, TOKENS);
    expect(idOnly.map((gap) => [gap.claim, gap.inIdToken])).toEqual([['custom:tenant_id', true]]);
  });

  it('says per model and operation what the token may do, and why', () => {
    const verdicts = dataRuleVerdicts(schema.rules, TOKENS.accessToken);
    const table = Object.fromEntries(verdicts.map((verdict) => [`${verdict.location} ${verdict.operation}`, verdict.verdict]));
    expect(table).toMatchObject({
      'Invoice create': 'own records',
      'Invoice read': 'own records',
      'Invoice.tenantId update': 'denied',
      'Project create': 'own records',
      'Project read': 'allowed',
      'Note read': 'own records',
    });
    const invoiceRead = verdicts.find((verdict) => verdict.location === 'Invoice' && verdict.operation === 'read')!;
    expect(invoiceRead.because).toEqual(["allow.ownerDefinedIn('tenantId').identityClaim('tenant_id'): records whose tenantId is \"acme\""]);
    const fieldUpdate = verdicts.find((verdict) => verdict.location === 'Invoice.tenantId' && verdict.operation === 'update')!;
    expect(fieldUpdate.because).toEqual(['no rule grants update']);
    // Without the claim, every tenant rule denies, and says which claim is missing.
    const bare = dataRuleVerdicts(schema.rules, { sub: 'u-1', username: 'u-1' });
    const denied = bare.find((verdict) => verdict.location === 'Invoice' && verdict.operation === 'read')!;
    expect(denied.verdict).toBe('denied');
    expect(denied.because).toContain("allow.ownerDefinedIn('tenantId').identityClaim('tenant_id'): the access token has no tenant_id claim");
    expect(denied.because).toContain("allow.groups(['admins']).to(['read']): the user is not in admins (cognito:groups: none)");
    // In the group: allowed outright.
    const admin = dataRuleVerdicts(schema.rules, { ...TOKENS.accessToken, 'cognito:groups': ['admins'] });
    expect(admin.find((verdict) => verdict.location === 'Invoice' && verdict.operation === 'read')!.verdict).toBe('allowed');
  });
});

/** A pool whose client may write nothing but email. */
function authStack(client: Record<string, unknown> = { WriteAttributes: ['email'] }): AuthStack {
  return {
    assembly: { templates: {}, assetPaths: {} },
    file: 'auth.json',
    resources: {},
    poolId: 'Pool',
    pool: { UserPoolTier: 'ESSENTIALS' },
    clients: [{ file: 'auth.json', id: 'Client', properties: client }],
  };
}

describe('doctor: data rules', () => {
  const ids = (sdl: string, tokens: SignInTokens = TOKENS, stack = authStack()) =>
    diagnose(stack, undefined, { schema: readDataSchema(sdl), tokens }).map((finding) => `${finding.severity} ${finding.id} ${finding.resource}`);
  const protectedField = '@auth(rules: [{allow: owner, operations: [read, create, delete], ownerField: "tenantId", identityClaim: "tenant_id"}])';

  it('a rule comparing a claim only the ID token carries, or neither: data-claim-not-in-access-token', () => {
    const idOnly = { ...TOKENS, accessToken: { sub: 'u-1', username: 'u-1' }, idToken: { ...TOKENS.idToken, tenant_id: 'acme' } };
    const sdl = `type Invoice @model @auth(rules: [{allow: owner, ownerField: "tenantId", identityClaim: "tenant_id"}]) { tenantId: String ${protectedField} }`;
    expect(ids(sdl, idOnly)).toEqual(['error data-claim-not-in-access-token data Invoice, Invoice.tenantId']);
    const [finding] = diagnose(authStack(), undefined, { schema: readDataSchema(sdl), tokens: idOnly });
    expect(finding!.problem).toMatch(/only the ID token carries tenant_id and Amplify JS v6 sends the access token/);
    expect(diagnose(authStack(), undefined, { schema: readDataSchema(sdl), tokens: { ...TOKENS, accessToken: { sub: 'u' } } })[0]!.problem).toMatch(
      /neither token carries tenant_id/,
    );
    expect(ids(sdl)).toEqual([]);
  });

  it('no finding about claims when the tokens are unknown (the handler threw: handler-failed says so)', () => {
    expect(diagnose(authStack(), undefined, { schema: readDataSchema('type A @model @auth(rules: [{allow: owner, ownerField: "t", identityClaim: "x"}]) { t: String @auth(rules: [{allow: owner, operations: [read], ownerField: "t", identityClaim: "x"}]) }') })).toEqual([]);
  });

  it('a rule reading a custom attribute the client may write: claim-from-writable-attribute', () => {
    const sdl = 'type A @model @auth(rules: [{allow: owner, ownerField: "t", identityClaim: "custom:tenant_id"}]) { t: String @auth(rules: [{allow: owner, operations: [read], ownerField: "t", identityClaim: "custom:tenant_id"}]) }';
    expect(ids(sdl, TOKENS, authStack({}))).toEqual(['error claim-from-writable-attribute root/Client WriteAttributes', 'error data-claim-not-in-access-token data A, A.t']);
    expect(ids(sdl, TOKENS, authStack({ WriteAttributes: ['email'] }))).toEqual(['error data-claim-not-in-access-token data A, A.t']);
  });

  it('an owner field shared by a claim that owners may update: data-tenant-reassignable, unless a field rule or the key protects it', () => {
    const model = (field: string, extra = '') =>
      `type Invoice @model${extra} @auth(rules: [{allow: owner, ownerField: "tenantId", identityClaim: "tenant_id"}]) { ${field} id: ID! }`;
    expect(ids(model('tenantId: String'))).toEqual(['warning data-tenant-reassignable data Invoice.tenantId']);
    expect(ids(model(`tenantId: String ${protectedField}`))).toEqual([]);
    expect(ids(model('tenantId: String! @primaryKey(sortKeyFields: ["id"])'))).toEqual([]);
    // A field rule that still grants update keeps the hole open.
    expect(ids(model('tenantId: String @auth(rules: [{allow: owner, operations: [read, update], ownerField: "tenantId", identityClaim: "tenant_id"}])'))).toEqual([
      'warning data-tenant-reassignable data Invoice.tenantId',
    ]);
    // allow.owner(): each user's own records; giving one away is theirs to do.
    expect(ids('type Todo @model @auth(rules: [{allow: owner}]) { content: String }')).toEqual([]);
    // groupsDefinedIn has the same hole, without Amplify's warning.
    expect(ids('type P @model @auth(rules: [{allow: groups, groupsField: "team", groupClaim: "tenant_id"}]) { team: [String] }')).toEqual([
      'warning data-tenant-reassignable data P.team',
    ]);
  });
});

describe('readAppSyncConfig: the API from CloudFormation', () => {
  const parentStack = 'data.nested.template.json';
  const modelStack = 'dataInvoice.nested.template.json';
  const templates: Record<string, Template> = {
    [parentStack]: {
      Resources: {
        Api: { Type: 'AWS::AppSync::GraphQLApi', Properties: { AuthenticationType: 'AMAZON_COGNITO_USER_POOLS', AdditionalAuthenticationProviders: [{ AuthenticationType: 'AWS_IAM' }] } },
        Schema: { Type: 'AWS::AppSync::GraphQLSchema', Properties: { DefinitionS3Location: { 'Fn::Sub': 's3://cdk-${AWS::AccountId}-${AWS::Region}/abc.graphql' } } },
        NoneDs: { Type: 'AWS::AppSync::DataSource', Properties: { Name: 'NONE_DS', Type: 'NONE' } },
        InvoiceStack: { Type: 'AWS::CloudFormation::Stack', Metadata: { 'aws:asset:path': modelStack }, Properties: { Parameters: { refApiId: { 'Fn::GetAtt': ['Api', 'ApiId'] }, refNone: { 'Fn::GetAtt': ['NoneDs', 'Name'] } } } },
      },
    },
    [modelStack]: {
      Parameters: { refApiId: {}, refNone: {} },
      Resources: {
        InvoiceTable: {
          Type: 'Custom::AmplifyDynamoDBTable',
          Properties: {
            tableName: { 'Fn::Join': ['', ['Invoice-', { Ref: 'refApiId' }, '-NONE']] },
            keySchema: [{ attributeName: 'id', keyType: 'HASH' }],
            attributeDefinitions: [{ attributeName: 'id', attributeType: 'S' }],
          },
        },
        InvoiceDataSource: {
          Type: 'AWS::AppSync::DataSource',
          Properties: {
            Name: 'InvoiceTable',
            Type: 'AMAZON_DYNAMODB',
            DynamoDBConfig: { TableName: { 'Fn::Select': [1, { 'Fn::Split': ['/', { 'Fn::Select': [5, { 'Fn::Split': [':', { 'Fn::GetAtt': ['InvoiceTable', 'TableArn'] }] }] }] }] } },
          },
        },
        AuthFn: {
          Type: 'AWS::AppSync::FunctionConfiguration',
          Properties: {
            Name: 'QuerygetInvoiceauth0Function',
            DataSourceName: { Ref: 'refNone' },
            RequestMappingTemplateS3Location: { 'Fn::Sub': 's3://cdk-${AWS::AccountId}-${AWS::Region}/req.vtl' },
            ResponseMappingTemplate: '$util.toJson({})',
          },
        },
        JsFn: { Type: 'AWS::AppSync::FunctionConfiguration', Properties: { Name: 'echoFn', DataSourceName: { Ref: 'refNone' }, Runtime: { Name: 'APPSYNC_JS' } } },
        GetInvoiceResolver: {
          Type: 'AWS::AppSync::Resolver',
          Properties: {
            TypeName: 'Query',
            FieldName: 'getInvoice',
            Kind: 'PIPELINE',
            PipelineConfig: { Functions: [{ 'Fn::GetAtt': ['AuthFn', 'FunctionId'] }] },
            RequestMappingTemplate: { 'Fn::Join': ['', ['$util.qr($ctx.stash.put("tableName", "', { 'Fn::GetAtt': ['InvoiceTable', 'TableName'] }, '"))\n$util.qr($ctx.stash.put("arn", "arn:', { Ref: 'AWS::Partition' }, '"))']] },
            ResponseMappingTemplate: '$util.toJson($ctx.prev.result)',
          },
        },
        EchoResolver: { Type: 'AWS::AppSync::Resolver', Properties: { TypeName: 'Query', FieldName: 'echo', Kind: 'PIPELINE', Runtime: { Name: 'APPSYNC_JS' }, PipelineConfig: { Functions: [{ 'Fn::GetAtt': ['JsFn', 'FunctionId'] }] } } },
      },
    },
  };
  const assets: Record<string, string> = { 'asset.abc.graphql': 'type Query { getInvoice(id: ID!): String }', 'asset.req.vtl': '$util.toJson({})' };
  const config = readAppSyncConfig({ templates, assetPaths: {} }, (file) => {
    if (!(file in assets)) throw new Error(`no asset ${file}`);
    return assets[file]!;
  });

  it('resolves references across nested stacks to what an offline deployment would hold', () => {
    expect(config.schema).toBe(assets['asset.abc.graphql']);
    expect(config.defaultAuthenticationType).toBe('AMAZON_COGNITO_USER_POOLS');
    expect(config.additionalAuthenticationTypes).toEqual(['AWS_IAM']);
    expect(config.tables.map((table) => table.name)).toEqual(['Invoice-offlineapi-NONE']);
    expect(config.dataSources).toEqual([
      { name: 'NONE_DS', type: 'NONE' },
      { name: 'InvoiceTable', type: 'AMAZON_DYNAMODB', tableName: 'Invoice-offlineapi-NONE' },
    ]);
    const getInvoice = config.resolvers.find((resolver) => resolver.fieldName === 'getInvoice')!;
    expect(getInvoice.functions).toEqual(['QuerygetInvoiceauth0Function']);
    expect(getInvoice.requestTemplate).toBe('$util.qr($ctx.stash.put("tableName", "Invoice-offlineapi-NONE"))\n$util.qr($ctx.stash.put("arn", "arn:aws"))');
    expect(config.functions[0]).toEqual({
      name: 'QuerygetInvoiceauth0Function',
      dataSourceName: 'NONE_DS',
      requestTemplate: '$util.toJson({})',
      responseTemplate: '$util.toJson({})',
    });
  });

  it('stops at a reference cycle with a message instead of overflowing the stack', () => {
    const looping: Record<string, Template> = {
      'data.nested.template.json': {
        Parameters: { a: {} },
        Resources: {
          Api: { Type: 'AWS::AppSync::GraphQLApi', Properties: { AuthenticationType: 'AMAZON_COGNITO_USER_POOLS' } },
          Schema: { Type: 'AWS::AppSync::GraphQLSchema', Properties: { Definition: { 'Fn::GetAtt': ['Schema', 'Name'] } } },
        },
      },
    };
    looping['data.nested.template.json']!.Resources!.Schema!.Properties!.Name = { 'Fn::GetAtt': ['Schema', 'Name'] };
    expect(() => readAppSyncConfig({ templates: looping, assetPaths: {} }, () => '')).toThrow(/do not end \(a cycle\?\)/);
  });

  it('tells the VTL resolvers from the JavaScript ones', () => {
    const byField = Object.fromEntries(config.resolvers.map((resolver) => [resolver.fieldName, runsAsVtl(resolver, config.functions)]));
    expect(byField).toEqual({ getInvoice: true, echo: false });
  });
});

describe('the generated tenant model', () => {
  it('two distinct sample tenants fit every length range that allows two', () => {
    for (const [min, max] of [[0, 2048], [1, 1], [1, 64], [3, 36], [8, 8], [12, 20], [30, 40]] as const) {
      const [first, second] = sampleTenants({ min, max });
      expect(first, `${min}-${max}`).not.toBe(second);
      for (const tenant of [first, second]) expect(tenant.length, `${min}-${max}: ${tenant}`).toBeGreaterThanOrEqual(min);
      for (const tenant of [first, second]) expect(tenant.length, `${min}-${max}: ${tenant}`).toBeLessThanOrEqual(max);
    }
  });

  it.each(["o'k", 'back\\slash', 'a*/b', '${x}', 'ünï'])('attribute %s reaches the generated TypeScript only as a string literal', (name) => {
    const model = buildModel({ attributes: [`${name}:String`], tenantClaim: name });
    const files = renderProject(model);
    for (const path of ['amplify/data/resource.ts', 'amplify/data/tenant-isolation.test.ts']) {
      const source = ts.createSourceFile(path, files.get(path)!, ts.ScriptTarget.ES2022, true);
      const diagnostics = (source as unknown as { parseDiagnostics: ts.Diagnostic[] }).parseDiagnostics;
      expect(diagnostics.map((diagnostic) => diagnostic.messageText), path).toEqual([]);
      const literals: string[] = [];
      const visit = (node: ts.Node) => {
        if (ts.isStringLiteral(node)) literals.push(node.text);
        ts.forEachChild(node, visit);
      };
      visit(source);
      expect(literals, path).toContain(name);
    }
    // The claim name appears nowhere else: no comment or identifier carries it.
    const resource = files.get('amplify/data/resource.ts')!;
    expect(resource.split(tsString(name)).length - 1).toBe(2);
    expect(resource.replaceAll(tsString(name), '')).not.toContain(name);
  });
});

describe('regenerating with another tenant claim', () => {
  const plan = (action: PlannedFile['action'] | 'conflict'): PlannedFile[] => [
    action === 'conflict'
      ? { path: 'amplify/data/resource.ts', action: 'keep', conflict: { sidePath: 'amplify/data/resource.ts.new', content: '', alreadyThere: false } }
      : { path: 'amplify/data/resource.ts', action, ...(action === 'update' || action === 'merge' ? { content: 'new' } : {}) },
  ];
  const none = buildModel({});
  const tenant = buildModel({ tenantClaim: 'tenant_id' });
  const org = buildModel({ attributes: 'tenant_id:String,org:String', tenantClaim: 'org' });

  it('warns before a deployment deletes a table, or compares another claim', () => {
    expect(tenantClaimWarnings(none, tenant, plan('update'))).toEqual([
      'amplify/data/resource.ts now defines Invoice instead of the Todo starter: the next deployment deletes the Todo table and its records. Move any you need first.',
    ]);
    expect(tenantClaimWarnings(tenant, none, plan('update'))[0]).toMatch(/goes back to the Todo starter: the next deployment deletes the Invoice table/);
    expect(tenantClaimWarnings(tenant, org, plan('update'))[0]).toMatch(/now compare the access-token claim "org" instead of "tenant_id"/);
    expect(tenantClaimWarnings(none, tenant, plan('merge'))[0]).toMatch(/now defines Invoice instead of the Todo starter/);
    expect(tenantClaimWarnings(none, tenant, plan('conflict'))[0]).toMatch(/is yours and conflicts with the tenant version, so it was kept: the tenant rules are in amplify\/data\/resource\.ts\.new/);
  });

  it('says nothing when the claim stays, or the data model is the user\'s and nothing is lost', () => {
    expect(tenantClaimWarnings(tenant, tenant, plan('update'))).toEqual([]);
    expect(tenantClaimWarnings(tenant, none, plan('keep'))).toEqual([]);
    expect(tenantClaimWarnings(tenant, none, plan('conflict'))).toEqual([]);
    expect(tenantClaimWarnings(none, tenant, [])).toEqual([]);
  });
});

describe('the offline check without the simulator installed', () => {
  it('names the packages and the command, instead of failing on an import', async () => {
    const config = { schema: '', defaultAuthenticationType: 'AMAZON_COGNITO_USER_POOLS', additionalAuthenticationTypes: [], tables: [], dataSources: [], functions: [], resolvers: [] };
    await expect(startLocalAppSync('/nonexistent-project', config)).rejects.toThrow(
      /the AppSync simulator is not installed\. .*npm install -D @aws-amplify\/amplify-appsync-simulator@2\.16\.20 dynalite@4\.0\.0 graphql@15\.11\.0$/,
    );
  });
});

describe('names from the schema and the tokens in messages', () => {
  it('cannot write terminal escapes or break a line: shown escaped in rules, verdicts and findings', () => {
    const hostile = 'x\u001b[31m\nred';
    const sdl = `type A @model @auth(rules: [{allow: owner, ownerField: "t", identityClaim: ${JSON.stringify(hostile)}}]) { t: String @auth(rules: [{allow: owner, operations: [read], ownerField: "t", identityClaim: ${JSON.stringify(hostile)}}]) }`;
    const parsed = readDataSchema(sdl);
    expect(parsed.rules[0]!.identityClaim).toBe(hostile);
    const texts = [
      ...parsed.rules.map(describeRule),
      ...dataRuleVerdicts(parsed.rules, { sub: 'u', username: 'u' }).flatMap((verdict) => verdict.because),
      ...diagnose(authStack(), undefined, { schema: parsed, tokens: TOKENS }).flatMap((finding) => [finding.problem, finding.fix, finding.resource]),
    ];
    expect(texts.length).toBeGreaterThan(5);
    for (const text of texts) expect(text).not.toMatch(/[\u001b\n]/);
    expect(describeRule(parsed.rules[0]!)).toBe("allow.ownerDefinedIn('t').identityClaim('x\\u001b[31m\\nred')");
  });
});
