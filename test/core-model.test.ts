import { describe, expect, it } from 'vitest';
import { buildModel, modelToOptions, OptionsError, type RawOptions, renderProject } from '../src/core/index.js';

const reject = (raw: RawOptions) => {
  try {
    buildModel(raw);
  } catch (error) {
    expect(error).toBeInstanceOf(OptionsError);
    return (error as Error).message;
  }
  throw new Error(`expected ${JSON.stringify(raw)} to be rejected`);
};

describe('defaults', () => {
  it('are preSignUp + preTokenGeneration V2_0 on ESSENTIALS with tenant_id in both tokens', () => {
    const model = buildModel({});
    expect(model.projectName).toBe('amplify-token-app');
    expect(model.triggers.map((trigger) => trigger.name)).toEqual(['preSignUp', 'preTokenGeneration']);
    expect(model.preTokenVersion).toBe('V2_0');
    expect(model.featurePlan).toBe('ESSENTIALS');
    expect(model.threatProtection).toBe('OFF');
    expect(model.attributes).toEqual([{ name: 'tenant_id', type: 'String', mutable: true }]);
    expect(model.idTokenClaims.map((source) => source.claim)).toEqual(['tenant_id']);
    expect(model.accessTokenClaims.map((source) => source.claim)).toEqual(['tenant_id']);
    expect(model.suppressClaims).toEqual([]);
    expect(model.notices).toEqual([]);
  });

  it('put no access-token claims under V1_0', () => {
    const model = buildModel({ preTokenVersion: 'V1_0' });
    expect(model.idTokenClaims.map((source) => source.claim)).toEqual(['tenant_id']);
    expect(model.accessTokenClaims).toEqual([]);
  });

  it('put no claims anywhere without the preTokenGeneration trigger', () => {
    const model = buildModel({ triggers: 'preSignUp' });
    expect(model.preTokenVersion).toBeUndefined();
    expect(model.idTokenClaims).toEqual([]);
    expect(model.accessTokenClaims).toEqual([]);
  });

  it('choose PLUS, and say so, when threat protection is on and no plan was given', () => {
    const model = buildModel({ threatProtection: 'audit' });
    expect(model.featurePlan).toBe('PLUS');
    expect(model.threatProtection).toBe('AUDIT');
    expect(model.notices).toEqual(['Feature plan PLUS chosen: threat protection AUDIT needs it.']);
  });
});

describe('option parsing', () => {
  it('accepts short version names and any case for enums', () => {
    expect(buildModel({ preTokenVersion: 'v3' }).preTokenVersion).toBe('V3_0');
    expect(buildModel({ preTokenVersion: 'V1' }).preTokenVersion).toBe('V1_0');
    expect(buildModel({ featurePlan: 'plus', threatProtection: 'enforced' }).threatProtection).toBe('ENFORCED');
  });

  it('orders triggers as the catalog does and drops duplicates', () => {
    const model = buildModel({ triggers: ' preTokenGeneration , customMessage,preTokenGeneration' });
    expect(model.triggers.map((trigger) => trigger.name)).toEqual(['customMessage', 'preTokenGeneration']);
  });

  it('parses attribute specs with the optional custom: prefix, mutability and ranges', () => {
    const model = buildModel({
      attributes: ['custom:tenant_id:String:immutable:1-64', 'seats:number:0-500', 'is_admin:Boolean', 'joined:DateTime:mutable'],
    });
    expect(model.attributes).toEqual([
      { name: 'tenant_id', type: 'String', mutable: false, min: 1, max: 64 },
      { name: 'seats', type: 'Number', mutable: true, min: 0, max: 500 },
      { name: 'is_admin', type: 'Boolean', mutable: true },
      { name: 'joined', type: 'DateTime', mutable: true },
    ]);
  });

  it('accepts negative Number ranges', () => {
    expect(buildModel({ attributes: 'offset:Number:-12-14' }).attributes[0]).toMatchObject({ min: -12, max: 14 });
  });

  it('allows no custom attributes at all', () => {
    const model = buildModel({ attributes: '' });
    expect(model.attributes).toEqual([]);
    expect(model.idTokenClaims).toEqual([]);
  });

  it('maps claims to their attributes, with or without the custom: prefix', () => {
    const model = buildModel({ attributes: 'tenant_id:String,role:String', idTokenClaims: 'custom:role', accessTokenClaims: 'tenant_id,role' });
    expect(model.idTokenClaims.map((source) => [source.claim, source.attribute.name])).toEqual([['role', 'role']]);
    expect(model.accessTokenClaims.map((source) => source.claim)).toEqual(['tenant_id', 'role']);
  });

  it('round-trips: the stored options build the same model', () => {
    const model = buildModel({
      projectName: 'acme-auth',
      triggers: 'postConfirmation,preTokenGeneration',
      preTokenVersion: 'V3_0',
      featurePlan: 'PLUS',
      threatProtection: 'ENFORCED',
      attributes: 'tenant_id:String:immutable:1-64,seats:Number',
      idTokenClaims: 'tenant_id',
      suppressClaims: 'email',
      scopesToAdd: 'orders/read',
    });
    const again = buildModel(modelToOptions(model));
    expect(again).toEqual(model);
  });
});

describe('app client write attributes', () => {
  it('leave out every attribute that feeds a claim and keep the rest writable', () => {
    const model = buildModel({ attributes: 'tenant_id:String,nickname2:String,plan:String', idTokenClaims: 'tenant_id', accessTokenClaims: 'plan' });
    expect(model.writeAttributes).toContain('email');
    expect(model.writeAttributes).toContain('custom:nickname2');
    expect(model.writeAttributes).not.toContain('custom:tenant_id');
    expect(model.writeAttributes).not.toContain('custom:plan');
  });

  it('keep custom attributes writable when nothing turns them into claims', () => {
    expect(buildModel({ triggers: 'preSignUp' }).writeAttributes).toContain('custom:tenant_id');
  });
});

describe('validation', () => {
  it('rejects an unknown trigger, naming it and the allowed ones', () => {
    const message = reject({ triggers: 'preSignUp,preTokenGenerator' });
    expect(message).toContain('"preTokenGenerator"');
    expect(message).toContain('preTokenGeneration');
    expect(message).toContain('verifyAuthChallengeResponse');
  });

  it('rejects unknown enum values', () => {
    expect(reject({ preTokenVersion: 'V4_0' })).toMatch(/"V4_0".*V1_0, V2_0, V3_0/);
    expect(reject({ featurePlan: 'GOLD' })).toMatch(/"GOLD".*LITE, ESSENTIALS, PLUS/);
    expect(reject({ threatProtection: 'ON' })).toMatch(/"ON".*OFF, AUDIT, ENFORCED/);
  });

  it('rejects a version without the preTokenGeneration trigger', () => {
    expect(reject({ triggers: 'preSignUp', preTokenVersion: 'V2_0' })).toContain('needs the preTokenGeneration trigger');
  });

  it('rejects V2_0 and V3_0 on LITE', () => {
    expect(reject({ featurePlan: 'LITE' })).toContain('V2_0 needs feature plan ESSENTIALS');
    expect(reject({ featurePlan: 'LITE', preTokenVersion: 'V3_0' })).toContain('V3_0 needs feature plan ESSENTIALS');
    expect(buildModel({ featurePlan: 'LITE', preTokenVersion: 'V1_0' }).featurePlan).toBe('LITE');
  });

  it('rejects threat protection on a plan below PLUS', () => {
    const message = reject({ featurePlan: 'ESSENTIALS', threatProtection: 'AUDIT' });
    expect(message).toContain('AUDIT needs feature plan PLUS, not ESSENTIALS');
    expect(message).toContain('FeatureUnavailableInTierException');
    expect(reject({ featurePlan: 'LITE', preTokenVersion: 'V1_0', threatProtection: 'ENFORCED' })).toContain('not LITE');
  });

  it('rejects access-token claims or scopes with V1_0', () => {
    expect(reject({ preTokenVersion: 'V1_0', accessTokenClaims: 'tenant_id' })).toContain('V1_0 can only change the ID token');
    expect(reject({ preTokenVersion: 'V1_0', scopesToAdd: 'orders/read' })).toContain('scopes (orders/read)');
  });

  it('rejects claim options without the preTokenGeneration trigger', () => {
    expect(reject({ triggers: 'preSignUp', idTokenClaims: 'tenant_id' })).toContain('--id-token-claims needs the preTokenGeneration trigger');
    expect(reject({ triggers: 'preSignUp', suppressClaims: 'email' })).toContain('--suppress-claims needs');
  });

  it('rejects attribute names Cognito rejects', () => {
    expect(reject({ attributes: 'a_name_that_is_too_long:String' })).toContain('23 characters long; Cognito allows 1 to 20');
    expect(reject({ attributes: ':String' })).toContain('0 characters');
    expect(reject({ attributes: 'has space:String' })).toContain('"has space"');
  });

  it('rejects duplicate attributes and more than 50', () => {
    expect(reject({ attributes: 'tenant_id:String,custom:tenant_id:Number' })).toContain('"tenant_id" is given twice');
    const many = Array.from({ length: 51 }, (_, index) => `a${index}:String`);
    expect(reject({ attributes: many })).toContain('51 custom attributes given; Cognito allows at most 50');
  });

  it('rejects unknown or missing attribute types and parts', () => {
    expect(reject({ attributes: 'tenant_id:Text' })).toMatch(/unknown type "Text".*String, Number, Boolean, DateTime/);
    expect(reject({ attributes: 'tenant_id' })).toContain('has no type');
    expect(reject({ attributes: 'tenant_id:String:readonly' })).toContain('unknown part "readonly"');
  });

  it('rejects bad constraints', () => {
    expect(reject({ attributes: 'tenant_id:String:64-1' })).toContain('min is greater than max');
    expect(reject({ attributes: 'bio:String:0-4096' })).toContain('from 0 to 2048');
    expect(reject({ attributes: 'flag:Boolean:0-1' })).toContain('only String (length) and Number (value)');
  });

  it('rejects a claim that is not a chosen attribute', () => {
    const message = reject({ attributes: 'tenant_id:String', accessTokenClaims: 'role' });
    expect(message).toContain('--access-token-claims: "role" is not a chosen custom attribute. Allowed: tenant_id.');
  });

  it('rejects what Cognito\'s claims table forbids in add and suppress lists, and accepts what it allows', () => {
    expect(reject({ attributes: 'sub:String', idTokenClaims: 'sub' })).toContain('"sub" is a claim Cognito does not let a trigger add or override');
    expect(reject({ suppressClaims: 'email,aud' })).toContain('--suppress-claims: "aud"');
    expect(reject({ suppressClaims: 'cognito:username' })).toContain('"cognito:username" is a claim Cognito does not let a trigger suppress');
    expect(reject({ attributes: 'scope:String', accessTokenClaims: 'scope' })).toContain('"scope"');
    expect(reject({ attributes: 'version:Number', accessTokenClaims: 'version' })).toContain('"version"');
    expect(reject({ attributes: 'device_key:String', idTokenClaims: 'device_key' })).toContain('"device_key"');
    // An attribute's value is never the app client's id: aud is refused as a claim source.
    expect(reject({ attributes: 'aud:String', accessTokenClaims: 'aud' })).toContain("only with the app client's id");
    // Cognito lets a trigger suppress cognito:groups (with cognito:roles and cognito:preferred_role) and dev: claims.
    expect(buildModel({ suppressClaims: 'cognito:groups,dev:debug' }).suppressClaims).toEqual(['cognito:groups', 'dev:debug']);
  });

  it('rejects a claim that is both added and suppressed', () => {
    expect(reject({ suppressClaims: 'tenant_id' })).toContain('"tenant_id" is both added and suppressed');
  });

  it('rejects scopes that are not OAuth scope tokens', () => {
    expect(reject({ scopesToAdd: 'orders read' })).toContain('"orders read" is not an OAuth scope');
  });

  it('rejects a project name that is not a valid npm package name', () => {
    for (const name of ['My App', 'UPPER', '.hidden', '_private', 'a'.repeat(215)]) {
      expect(reject({ projectName: name })).toContain('is not a valid npm package name');
    }
    expect(buildModel({ projectName: 'my-token-app.v2' }).projectName).toBe('my-token-app.v2');
  });

  it("applies npm's rules for new package names, and refuses a name that reads as a flag", () => {
    expect(reject({ projectName: '-app' })).toContain('"-app" is not a valid npm package name (it starts with "-")');
    expect(reject({ projectName: '~app' })).toContain('"~app" is not a valid npm package name (it has characters other than');
    expect(reject({ projectName: 'crazy!' })).toContain('(it has characters other than');
    expect(reject({ projectName: 'http' })).toContain('(it is the name of a Node.js built-in module)');
    expect(reject({ projectName: 'node_modules' })).toContain('(npm reserves it)');
    expect(reject({ projectName: '@org/-app' })).toContain('(it starts with "-")');
    expect(reject({ projectName: '@Org/app' })).toContain('(it has capital letters)');
    expect(buildModel({ projectName: '@acme/token-app' }).projectName).toBe('@acme/token-app');
  });

  it('names a hostile value on one line, escaped, in every message', () => {
    const message = reject({ projectName: 'a\nb"\u202e' });
    expect(message).toContain('"a\\nb\\"\\u202e" is not a valid npm package name');
    expect(message).not.toMatch(/[\n\u202e]/);
  });

  it('rejects suppressed claims with spaces, control characters or commas', () => {
    for (const claim of ['a b', 'tab\there', 'line\nbreak', 'a,b', '\u202eevil', '\ud800']) {
      expect(reject({ suppressClaims: [claim] })).toContain('is not a claim name. Use letters, digits, punctuation and symbols');
    }
    // Quotes, backslashes and other punctuation are printable: Cognito takes them, the escaping holds them.
    expect(buildModel({ suppressClaims: ["o'neil", 'a\\b', '${x}', '`y`', '__proto__'] }).suppressClaims).toHaveLength(5);
  });
});

describe('attributes that feed claims', () => {
  it('reject an attribute named like a reserved claim when the claims default to every attribute', () => {
    expect(reject({ attributes: 'tenant_id:String,username:String' })).toContain('Attribute "username" would become a claim');
    expect(buildModel({ attributes: 'tenant_id:String,username:String', idTokenClaims: 'tenant_id', accessTokenClaims: 'tenant_id' }).claimAttributes.map((a) => a.name)).toEqual(['tenant_id']);
  });

  it('are given starting values by postConfirmation only when mutable, with a notice for the others', () => {
    const model = buildModel({ triggers: 'postConfirmation,preTokenGeneration', attributes: 'tenant_id:String:immutable,seats:Number' });
    expect(model.claimAttributes.map((attribute) => attribute.name)).toEqual(['tenant_id', 'seats']);
    expect(model.postConfirmationSets.map((attribute) => attribute.name)).toEqual(['seats']);
    expect(model.notices).toEqual([
      'custom:tenant_id: immutable and feeding a claim, so only AdminCreateUser can set it; the postConfirmation trigger leaves it out.',
    ]);
  });

  it('leave the tenant attribute without a starting value: a shared placeholder would put every new user into one tenant', () => {
    const options = { triggers: 'postConfirmation,preTokenGeneration', attributes: 'org:String,role:String', tenantClaim: 'org' };
    const model = buildModel(options);
    expect(model.postConfirmationSets.map((attribute) => attribute.name)).toEqual(['role']);
    expect(model.notices.join('\n')).toContain('custom:org partitions the data, so the postConfirmation trigger gives it no starting value');
    const handler = renderProject(model).get('amplify/auth/post-confirmation/handler.ts')!;
    expect(handler).toContain("'custom:role': 'unassigned'");
    expect(handler).not.toContain("'custom:org'");
    expect(handler).toContain('The tenant attribute is left out on purpose');
    // Only the tenant attribute feeds a claim: no administrator call, the same explanation.
    const alone = renderProject(buildModel({ ...options, attributes: 'org:String' })).get('amplify/auth/post-confirmation/handler.ts')!;
    expect(alone).not.toContain('AdminUpdateUserAttributes(');
    expect(alone).toContain('It gives the tenant attribute no starting value on purpose');
  });

  it('are set by nobody but administrators without postConfirmation', () => {
    expect(buildModel({ attributes: 'seats:Number' }).postConfirmationSets).toEqual([]);
  });
});

describe('--tenant-claim', () => {
  it('takes a String attribute among the access-token claims, custom: prefix optional, and is stored as explicit options', () => {
    const model = buildModel({ attributes: 'tenant_id:String:immutable:1-64,seats:Number', tenantClaim: 'custom:tenant_id' });
    expect(model.tenantClaim).toEqual({ claim: 'tenant_id', attribute: { name: 'tenant_id', type: 'String', mutable: false, min: 1, max: 64 } });
    expect(modelToOptions(model).tenantClaim).toBe('tenant_id');
    expect(buildModel(modelToOptions(model))).toEqual(model);
  });

  it('is none by default and when empty, and then leaves no trace in the options', () => {
    for (const tenantClaim of [undefined, '', '  ']) {
      const model = buildModel({ ...(tenantClaim !== undefined ? { tenantClaim } : {}) });
      expect(model.tenantClaim).toBeUndefined();
      expect(modelToOptions(model)).not.toHaveProperty('tenantClaim');
    }
  });

  it('needs V2_0 or V3_0: the data rules read the access token', () => {
    expect(reject({ preTokenVersion: 'V1_0', tenantClaim: 'tenant_id' })).toBe(
      '--tenant-claim tenant_id: the data rules read the claim from the access token (Amplify JS sends it to AppSync), and pre token generation V1_0 can only change the ID token. Use pre token generation V2_0 or V3_0, or --tenant-claim "" for none.',
    );
    expect(reject({ triggers: 'preSignUp', tenantClaim: 'tenant_id' })).toContain('without the preTokenGeneration trigger nothing adds it there');
    expect(buildModel({ preTokenVersion: 'V3_0', tenantClaim: 'tenant_id' }).tenantClaim?.claim).toBe('tenant_id');
  });

  it('needs the attribute among the access-token claims, naming the value and what is allowed', () => {
    const attributes = 'tenant_id:String,region:String,seats:Number';
    expect(reject({ attributes, accessTokenClaims: 'region,seats', idTokenClaims: 'tenant_id', tenantClaim: 'tenant_id' })).toBe(
      '--tenant-claim tenant_id: "tenant_id" is not among the access-token claims; the data rules read the access token. Allowed: region.',
    );
    expect(reject({ attributes, tenantClaim: 'org' })).toBe(
      '--tenant-claim org: "org" is not a chosen custom attribute; the data rules read the access token. Allowed: tenant_id, region.',
    );
    expect(reject({ attributes: 'seats:Number', tenantClaim: 'org' })).toContain('Allowed: none (put a String attribute in --access-token-claims).');
  });

  it('needs a String attribute: the rule compares the claim with the records\' tenant field as text', () => {
    expect(reject({ attributes: 'tenant_id:String,seats:Number,beta:Boolean', tenantClaim: 'seats' })).toBe(
      '--tenant-claim seats: the attribute is Number, but a tenant claim is compared as text with each record\'s tenant field. Allowed: tenant_id.',
    );
    expect(reject({ attributes: 'tenant_id:String,beta:Boolean', tenantClaim: 'beta' })).toContain('the attribute is Boolean');
  });
});
