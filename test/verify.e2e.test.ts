// Verification of generated projects against the real packages, offline: every variant of
// test/verify/variants.ts is written from renderProject, type-checked (one tsc program),
// synthesized to CloudFormation (`tsx amplify/backend.ts`), its auth stack checked against the
// model, its bundled handlers invoked as Lambda would, and its own `npm test` run. All against
// the dependency set of src/core/versions.ts, installed once into test/.work/deps/.
// Every expectation is derived from the variant's model, not written down per variant.
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildModel,
  type ClaimSource,
  clientCredentialsEvent,
  type CustomAttribute,
  hasTrigger,
  protectsCustomAuth,
  type ProjectModel,
  sampleClaimValue,
  sampleEventFor,
  TRIGGERS,
  type TriggerInfo,
  type TriggerName,
  WRITABLE_STANDARD_ATTRIBUTES,
} from '../src/core/index.js';
import { type DoctorReport, inspectCdkOut, previewCdkOut, type PreviewResult } from '../src/inspect/index.js';
import { checkTenantIsolationInCdkOut, type TenantIsolationReport } from '../src/inspect/data/index.js';
import { TENANT_DATA } from '../src/core/data/tenant.js';
import { childEnv, DEPS_NODE_MODULES, ensureDeps, WORK_DIR } from './verify/deps.js';
import { type CallResult, type HandlerCall, type Invocation, invokeHandlers } from './verify/invoke.js';
import { createQueue } from './verify/jobs.js';
import {
  arnTarget,
  type AuthStack,
  getAttArn,
  handlerEntry,
  ofType,
  readAuthStack,
  synthesize,
  type SynthResult,
  triggerFunctionIds,
} from './verify/synth.js';
import { VARIANTS } from './verify/variants.js';
import { execa } from 'execa';
import { ensureBuilt } from './cli-helpers.js';
import {
  type NpmTestResult,
  type PreparedVariant,
  runNpmTest,
  typecheckVariants,
  type TypecheckResult,
  writeVariants,
} from './verify/workspace.js';

const SLOW = 600_000;
/** Two cores: synthesis (tsx + esbuild) and tsc each keep one busy. */
const queue = createQueue(2);
const suiteStarted = Date.now();
let depsTiming = '';

interface PlannedCall {
  key: string;
  trigger: TriggerInfo;
  event: Record<string, any>;
}

interface VariantRun {
  synth: SynthResult;
  stack?: AuthStack;
  planned?: PlannedCall[];
  invocation?: Invocation;
  /** Triggers whose bundled handler could not be found (no single function or no asset). */
  missingHandlers?: Record<string, string>;
  /** `doctor` over this synthesis (the same cdk.out: no second synthesis). */
  doctor?: DoctorReport;
  /** `preview` of a user sign-in, and for V3_0 of a client-credentials grant. */
  previews?: { signIn: PreviewResult; clientCredentials?: PreviewResult };
  /** With --tenant-claim: two tenants through the resolvers in this cdk.out (AppSync simulator over dynalite). */
  tenantIsolation?: { report?: TenantIsolationReport; error?: string; ms: number };
}

let prepared: PreparedVariant[] = [];
let typecheck: Promise<TypecheckResult>;
const runs = new Map<string, Promise<VariantRun>>();
const npmTests = new Map<string, Promise<NpmTestResult>>();
/** `npm run doctor` as a user runs it, in one variant (a second synthesis: one is enough). */
const NPM_DOCTOR_VARIANT = 'v2-essentials';
let npmDoctor: Promise<{ exitCode: number; stdout: string; stderr: string }>;

beforeAll(async () => {
  const [deps] = await Promise.all([ensureDeps(), ensureBuilt()]);
  depsTiming = `dependency install: ${deps.installed ? 'installed' : 'cached'} in ${seconds(deps.ms)}`;
  prepared = writeVariants(VARIANTS);
  // Queued in the order the tests below await them.
  typecheck = queue.schedule('type-check, all variants', typecheckVariants);
  for (const variant of prepared) {
    const name = variant.variant.name;
    runs.set(name, queue.schedule(`synthesize + invoke handlers: ${name}`, () => synthesizeAndInvoke(variant)));
    npmTests.set(name, queue.schedule(`npm test: ${name}`, () => runNpmTest(variant.dir)));
  }
  const doctorDir = prepared.find((variant) => variant.variant.name === NPM_DOCTOR_VARIANT)!.dir;
  npmDoctor = queue.schedule(`npm run doctor: ${NPM_DOCTOR_VARIANT}`, async () => {
    const result = await execa('npm', ['run', '--silent', 'doctor', '--', '--json'], {
      cwd: doctorDir,
      reject: false,
      extendEnv: false,
      env: childEnv(),
    });
    return { exitCode: result.exitCode ?? -1, stdout: String(result.stdout), stderr: String(result.stderr) };
  });
}, SLOW);

afterAll(() => {
  const lines = queue.timings.map(({ label, ms }) => `  ${seconds(ms).padStart(7)}  ${label}`);
  console.log(
    [`verify timings (${depsTiming}; suite ${seconds(Date.now() - suiteStarted)} wall, 2 jobs at a time):`, ...lines].join('\n'),
  );
});

async function synthesizeAndInvoke(variant: PreparedVariant): Promise<VariantRun> {
  const synth = await synthesize(variant.dir);
  if (synth.exitCode !== 0) return { synth };
  const stack = readAuthStack(synth.cdkOut);
  const planned = plannedCalls(variant.model);
  const calls: HandlerCall[] = [];
  const missingHandlers: Record<string, string> = {};
  for (const call of planned) {
    try {
      const ids = triggerFunctionIds(stack, call.trigger);
      if (ids.length !== 1) throw new Error(`expected one function for ${call.trigger.folder}, found ${ids.join(', ') || 'none'}`);
      calls.push({ key: call.key, file: handlerEntry(synth.cdkOut, stack.assembly, stack.resources[ids[0]!]!), event: call.event });
    } catch (error) {
      missingHandlers[call.key] = String(error);
    }
  }
  const invocation = await invokeHandlers(calls);
  const inspectOptions = { env: childEnv(), scratchParent: WORK_DIR };
  const doctor = await inspectCdkOut(synth.cdkOut, inspectOptions);
  let previews: VariantRun['previews'];
  if (variant.model.preTokenVersion) {
    previews = { signIn: await previewCdkOut(synth.cdkOut, {}, inspectOptions) };
    if (variant.model.preTokenVersion === 'V3_0') {
      previews.clientCredentials = await previewCdkOut(synth.cdkOut, { triggerSource: 'TokenGeneration_ClientCredentials' }, inspectOptions);
    }
  }
  let tenantIsolation: VariantRun['tenantIsolation'];
  if (variant.model.tenantClaim) {
    const started = Date.now();
    try {
      const report = await checkTenantIsolationInCdkOut(
        synth.cdkOut,
        { projectDir: variant.dir, model: TENANT_DATA.model, tenantField: TENANT_DATA.field, tenantAttribute: variant.model.tenantClaim.attribute.name },
        inspectOptions,
      );
      tenantIsolation = { report, ms: Date.now() - started };
    } catch (error) {
      tenantIsolation = { error: String((error as Error).stack ?? error), ms: Date.now() - started };
    }
  }
  return { synth, stack, planned, invocation, missingHandlers, doctor, ...(previews ? { previews } : {}), ...(tenantIsolation ? { tenantIsolation } : {}) };
}

/** The events each variant's handlers get: the catalog's sample for every trigger, and a few more. */
function plannedCalls(model: ProjectModel): PlannedCall[] {
  const calls: PlannedCall[] = [];
  for (const trigger of model.triggers) {
    const event = sampleEventFor(trigger, model) as Record<string, any>;
    const add = (key: string, changed: Record<string, any>) => calls.push({ key, trigger, event: changed });
    add(trigger.name, event);
    if (trigger.name === 'preTokenGeneration') {
      const claimAttributes = claimSources(model).map((source) => `custom:${source.attribute.name}`);
      if (claimAttributes.length > 0) {
        const unset = structuredClone(event);
        for (const attribute of claimAttributes) delete unset.request.userAttributes[attribute];
        add('preTokenGeneration:attributes-unset', unset);
      }
      if (model.preTokenVersion === 'V3_0') add('preTokenGeneration:client-credentials', clientCredentialsEvent());
    }
    if (trigger.name === 'postConfirmation') {
      add('postConfirmation:forgot-password', { ...structuredClone(event), triggerSource: 'PostConfirmation_ConfirmForgotPassword' });
    }
    if (trigger.name === 'defineAuthChallenge') {
      const answered = structuredClone(event);
      answered.request.session = [{ challengeName: 'CUSTOM_CHALLENGE', challengeResult: true, challengeMetadata: 'ONE_TIME_CODE' }];
      add('defineAuthChallenge:answered', answered);
    }
    if (trigger.name === 'verifyAuthChallengeResponse') {
      const wrong = structuredClone(event);
      wrong.request.challengeAnswer = String((Number(wrong.request.challengeAnswer) + 1) % 1_000_000).padStart(6, '0');
      add('verifyAuthChallengeResponse:wrong-answer', wrong);
    }
  }
  return calls;
}

// ---- model-derived expectations ----------------------------------------------------------------

function claimSources(model: ProjectModel): ClaimSource[] {
  const byClaim = new Map([...model.idTokenClaims, ...model.accessTokenClaims].map((source) => [source.claim, source]));
  return [...byClaim.values()];
}

function setsProtectedAttributes(model: ProjectModel): boolean {
  return model.postConfirmationSets.length > 0;
}

function expectedClaims(sources: ClaimSource[], typed: boolean): Record<string, unknown> {
  return Object.fromEntries(sources.map((source) => [source.claim, sampleClaimValue(source, typed)]));
}

function usesConfigVersion(model: ProjectModel): boolean {
  return model.preTokenVersion === 'V2_0' || model.preTokenVersion === 'V3_0';
}

const LEGACY_PRE_TOKEN_KEY = 'PreTokenGeneration';
const PRE_TOKEN_CONFIG_KEY = 'PreTokenGenerationConfig';

function withoutResponse(event: Record<string, any>): Record<string, any> {
  const { response: _response, ...rest } = event;
  return rest;
}

function tail(output: string, lines = 60): string {
  return output.split('\n').slice(-lines).join('\n');
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

// ---- tests ---------------------------------------------------------------------------------------

describe('generated projects against the pinned packages (offline)', () => {
  it('type-check: one tsc program over every variant passes, with the pinned TypeScript and types', { timeout: SLOW }, async () => {
    const result = await typecheck;
    expect(result.diagnostics, `type errors in generated projects:\n${result.diagnostics.join('\n')}`).toEqual([]);
    expect(result.exitCode, `tsc failed:\n${tail(result.output)}`).toBe(0);
    // Not vacuous: every generated .ts file of every variant is in the program...
    const generated = prepared.flatMap((variant) =>
      variant.files.filter((file) => file.endsWith('.ts')).map((file) => join(variant.dir, file)),
    );
    expect(generated.length).toBeGreaterThan(prepared.length * 3);
    expect(generated.filter((file) => !result.files.has(file)), 'generated files missing from the type-check program').toEqual([]);
    // ...checked against the installed packages' declarations, not this repository's.
    for (const declarations of ['@types/aws-lambda/', '@aws-amplify/backend/', 'aws-cdk-lib/aws-cognito/']) {
      expect(
        [...result.files].some((file) => file.startsWith(join(DEPS_NODE_MODULES, declarations))),
        `the program has no declarations from ${declarations} of the pinned install`,
      ).toBe(true);
    }
  });

  it(`\`npm run doctor\` in a generated project (${NPM_DOCTOR_VARIANT}) runs the pinned CLI and finds nothing`, { timeout: SLOW }, async () => {
    const result = await npmDoctor;
    expect(result.exitCode, `npm run doctor failed:\n${result.stderr}\n${result.stdout}`).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ findings: [] });
  });

  describe.each(VARIANTS.map((variant) => ({ ...variant, model: buildModel(variant.options) })))('$name', ({ name, model }) => {
    const label = `[${name}]`;

    async function run(): Promise<VariantRun> {
      const result = runs.get(name);
      if (!result) throw new Error(`${label} was not scheduled: beforeAll failed`);
      return result;
    }

    async function stack(): Promise<AuthStack> {
      const { synth, stack: authStack } = await run();
      if (!authStack) throw new Error(`${label} synthesis failed (exit ${synth.exitCode}); see the synthesis test`);
      return authStack;
    }

    /** The one Lambda function of the trigger in the auth stack. */
    async function functionOf(trigger: TriggerInfo): Promise<string> {
      const ids = triggerFunctionIds(await stack(), trigger);
      expect(ids, `${label} the auth stack should have exactly one ${trigger.folder} function`).toHaveLength(1);
      return ids[0]!;
    }

    it('synthesizes offline, trigger bundling included', { timeout: SLOW }, async () => {
      const { synth, stack: authStack } = await run();
      expect(synth.exitCode, `${label} synthesis failed:\n${tail(synth.output)}`).toBe(0);
      expect(authStack, `${label} no auth stack with a user pool in cdk.out`).toBeDefined();
    });

    it('rule 1: LambdaConfig has a key for every chosen trigger and no other, each naming its own function', { timeout: SLOW }, async () => {
      const { pool } = await stack();
      const lambdaConfig: Record<string, unknown> = pool.LambdaConfig ?? {};
      // PreTokenGeneration (legacy) and PreTokenGenerationConfig are two ways to attach one trigger.
      const triggerOfKey = (key: string) =>
        key === PRE_TOKEN_CONFIG_KEY ? 'preTokenGeneration' : (model.triggers.find((t) => t.lambdaConfigKey === key)?.name ?? key);
      const attached = [...new Set(Object.keys(lambdaConfig).map(triggerOfKey))].sort();
      expect(attached, `${label} rule 1: triggers in LambdaConfig ${JSON.stringify(Object.keys(lambdaConfig))}`).toEqual(
        model.triggers.map((trigger) => trigger.name).sort(),
      );
      for (const trigger of model.triggers) {
        if (trigger.name === 'preTokenGeneration') continue; // rule 2
        expect(lambdaConfig[trigger.lambdaConfigKey], `${label} rule 1: LambdaConfig.${trigger.lambdaConfigKey}`).toEqual(
          getAttArn(await functionOf(trigger)),
        );
      }
    });

    it.runIf(model.preTokenVersion)(`rule 2: pre token generation is attached as ${model.preTokenVersion ?? '(not chosen)'}`, { timeout: SLOW }, async () => {
      const { pool } = await stack();
      const lambdaConfig: Record<string, any> = pool.LambdaConfig ?? {};
      const fn = getAttArn(await functionOf(TRIGGERS.preTokenGeneration));
      if (usesConfigVersion(model)) {
        // Both LambdaArn and LambdaVersion: a version alone fails the deployment.
        expect(lambdaConfig[PRE_TOKEN_CONFIG_KEY], `${label} rule 2: LambdaConfig.${PRE_TOKEN_CONFIG_KEY}`).toEqual({
          LambdaVersion: model.preTokenVersion,
          LambdaArn: fn,
        });
        if (LEGACY_PRE_TOKEN_KEY in lambdaConfig) {
          expect(lambdaConfig[LEGACY_PRE_TOKEN_KEY], `${label} rule 2: legacy key must name the same function`).toEqual(fn);
        }
      } else {
        const config = lambdaConfig[PRE_TOKEN_CONFIG_KEY];
        expect(lambdaConfig[LEGACY_PRE_TOKEN_KEY] ?? config?.LambdaArn, `${label} rule 2: V1_0 trigger function`).toEqual(fn);
        if (config !== undefined) {
          expect(config, `${label} rule 2: a V1_0 config`).toEqual({ LambdaVersion: 'V1_0', LambdaArn: fn });
        }
      }
    });

    it('rule 3: Cognito may invoke each trigger function (one permission each, scoped to this pool)', { timeout: SLOW }, async () => {
      const authStack = await stack();
      const cognitoPermissions = ofType(authStack, 'AWS::Lambda::Permission').filter(
        ([, permission]) => permission.Properties?.Principal === 'cognito-idp.amazonaws.com',
      );
      for (const trigger of model.triggers) {
        const fn = await functionOf(trigger);
        const permissions = cognitoPermissions.filter(
          ([, permission]) => arnTarget(permission.Properties?.FunctionName) === fn || permission.Properties?.FunctionName?.Ref === fn,
        );
        expect(permissions, `${label} rule 3: Cognito invoke permissions for ${fn} (${trigger.name})`).toHaveLength(1);
        expect(permissions[0]![1].Properties, `${label} rule 3: permission of ${trigger.name}`).toMatchObject({
          Action: 'lambda:InvokeFunction',
          Principal: 'cognito-idp.amazonaws.com',
          SourceArn: getAttArn(authStack.poolId),
        });
      }
      expect(cognitoPermissions, `${label} rule 3: Cognito invoke permissions in the auth stack`).toHaveLength(model.triggers.length);
    });

    it(`rule 4: feature plan ${model.featurePlan}, threat protection ${model.threatProtection}`, { timeout: SLOW }, async () => {
      const { pool } = await stack();
      expect(pool.UserPoolTier, `${label} rule 4: UserPoolTier`).toBe(model.featurePlan);
      if (model.featurePlan === 'PLUS') {
        expect(pool.UserPoolAddOns, `${label} rule 4: UserPoolAddOns on PLUS`).toEqual({
          AdvancedSecurityMode: model.threatProtection,
          // Custom-auth sign-ins are covered only by their own setting.
          ...(protectsCustomAuth(model) ? { AdvancedSecurityAdditionalFlows: { CustomAuthMode: model.threatProtection } } : {}),
        });
      } else {
        // Threat protection on ESSENTIALS or LITE fails the deployment (FeatureUnavailableInTierException).
        expect(pool.UserPoolAddOns, `${label} rule 4: UserPoolAddOns below PLUS`).toBeUndefined();
      }
    });

    it('rule 5: the schema has each custom attribute with its type, mutability and constraints', { timeout: SLOW }, async () => {
      const { pool } = await stack();
      const schema: Record<string, any>[] = pool.Schema ?? [];
      const standard = new Set<string>(['email', 'email_verified', 'phone_number_verified', 'sub', ...WRITABLE_STANDARD_ATTRIBUTES]);
      expect(
        schema.map((entry) => entry.Name).filter((entryName: string) => !standard.has(entryName)).sort(),
        `${label} rule 5: custom attributes in the schema`,
      ).toEqual(model.attributes.map((attribute) => attribute.name).sort());
      for (const attribute of model.attributes) {
        const entry = schema.find((candidate) => candidate.Name === attribute.name);
        const what = `${label} rule 5: custom:${attribute.name}`;
        expect(entry, what).toMatchObject({ Name: attribute.name, AttributeDataType: attribute.type, Mutable: attribute.mutable });
        const constrained = attribute.min !== undefined && attribute.max !== undefined;
        if (attribute.type === 'String') {
          expect(entry!.StringAttributeConstraints ?? {}, `${what} length constraints`).toEqual(
            constrained ? { MinLength: String(attribute.min), MaxLength: String(attribute.max) } : {},
          );
        }
        if (attribute.type === 'Number') {
          expect(entry!.NumberAttributeConstraints ?? {}, `${what} value constraints`).toEqual(
            constrained ? { MinValue: String(attribute.min), MaxValue: String(attribute.max) } : {},
          );
        }
      }
    });

    it('rule 6: the app client writes exactly model.writeAttributes: email, not the claim attributes', { timeout: SLOW }, async () => {
      const client = (await stack()).clients[0]!.properties;
      expect(client.WriteAttributes, `${label} rule 6: WriteAttributes`).toEqual(model.writeAttributes);
      for (const attribute of model.claimAttributes) {
        expect(client.WriteAttributes, `${label} rule 6: custom:${attribute.name} feeds a claim, the client must not write it`).not.toContain(
          `custom:${attribute.name}`,
        );
      }
      expect(client.WriteAttributes, `${label} rule 6: sign-up needs email`).toContain('email');
    });

    it.runIf(hasTrigger(model, 'defineAuthChallenge'))('rule 6b: the app client allows the custom auth flow', { timeout: SLOW }, async () => {
      const client = (await stack()).clients[0]!.properties;
      expect(client.ExplicitAuthFlows, `${label} rule 6b: ExplicitAuthFlows`).toContain('ALLOW_CUSTOM_AUTH');
    });

    it.runIf(hasTrigger(model, 'postConfirmation'))(
      `rule 7: postConfirmation ${setsProtectedAttributes(model) ? 'may' : 'may not'} call AdminUpdateUserAttributes on this pool`,
      { timeout: SLOW },
      async () => {
        const authStack = await stack();
        const fn = authStack.resources[await functionOf(TRIGGERS.postConfirmation)]!;
        const role = arnTarget(fn.Properties?.Role);
        expect(role, `${label} rule 7: postConfirmation's role`).toBeDefined();
        const statements = ofType(authStack, 'AWS::IAM::Policy')
          .filter(([, policy]) => (policy.Properties?.Roles ?? []).some((entry: { Ref?: string }) => entry.Ref === role))
          .flatMap(([, policy]) => policy.Properties?.PolicyDocument?.Statement ?? []) as Record<string, any>[];
        const grants = statements.filter((statement) => [statement.Action].flat().includes('cognito-idp:AdminUpdateUserAttributes'));
        if (setsProtectedAttributes(model)) {
          expect(grants, `${label} rule 7: AdminUpdateUserAttributes grant`).toEqual([
            expect.objectContaining({ Effect: 'Allow', Resource: getAttArn(authStack.poolId) }),
          ]);
        } else {
          expect(grants, `${label} rule 7: no attribute to set, so no AdminUpdateUserAttributes grant`).toEqual([]);
        }
      },
    );

    describe('bundled handlers (cdk.out/asset.*/index.mjs, run as Lambda runs them)', () => {
      async function outcome(key: string): Promise<{ result: CallResult; event: Record<string, any>; requests: any[] }> {
        const { invocation, planned, missingHandlers } = await run();
        if (!invocation || !planned) throw new Error(`${label} synthesis failed; see the synthesis test`);
        const missing = missingHandlers?.[key];
        if (missing) throw new Error(`${label} no bundled handler for ${key}: ${missing}`);
        const result = invocation.results[key];
        if (!result) throw new Error(`${label} ${key} was not invoked (runner exit ${invocation.exitCode}):\n${tail(invocation.output)}`);
        return { result, event: planned.find((call) => call.key === key)!.event, requests: invocation.requests[key] ?? [] };
      }

      /** The handler's answer; fails the test, with the error, when it threw. */
      async function answer(key: string): Promise<{ value: any; event: Record<string, any>; requests: any[] }> {
        const { result, event, requests } = await outcome(key);
        if (!result.ok) throw new Error(`${label} ${key} handler threw:\n${result.error}`);
        expect(result.value, `${label} ${key} returned nothing`).toBeTruthy();
        return { value: result.value, event, requests };
      }

      const checks: Record<TriggerName, () => Promise<void>> = {
        async preTokenGeneration() {
          if (model.preTokenVersion === 'V1_0') {
            const { value, event } = await answer('preTokenGeneration');
            const details = value.response?.claimsOverrideDetails;
            expect(details, `${label} V1_0 response shape (claimsOverrideDetails)`).toBeDefined();
            expect(value.response, `${label} V1_0 must not answer in the V2 shape`).not.toHaveProperty('claimsAndScopeOverrideDetails');
            expect(details.claimsToAddOrOverride ?? {}, `${label} V1_0 ID token claims, string values`).toEqual(
              expectedClaims(model.idTokenClaims, false),
            );
            expect(details.claimsToSuppress ?? [], `${label} V1_0 suppressed claims`).toEqual(model.suppressClaims);
            expect(withoutResponse(value), `${label} returns the event it got`).toEqual(withoutResponse(event));
            if (claimSources(model).length > 0) {
              const unset = await answer('preTokenGeneration:attributes-unset');
              expect(unset.value.response.claimsOverrideDetails.claimsToAddOrOverride ?? {}, `${label} no claim without its attribute`).toEqual({});
            }
            return;
          }
          const { value, event } = await answer('preTokenGeneration');
          const details = value.response?.claimsAndScopeOverrideDetails;
          expect(details, `${label} ${model.preTokenVersion} response shape (claimsAndScopeOverrideDetails)`).toBeDefined();
          // A V1-shaped response customizes nothing under V2_0/V3_0.
          expect(value.response, `${label} must not answer in the V1 shape`).not.toHaveProperty('claimsOverrideDetails');
          expect(details.idTokenGeneration?.claimsToAddOrOverride ?? {}, `${label} ID token claims, typed`).toEqual(
            expectedClaims(model.idTokenClaims, true),
          );
          expect(details.accessTokenGeneration?.claimsToAddOrOverride ?? {}, `${label} access token claims, typed`).toEqual(
            expectedClaims(model.accessTokenClaims, true),
          );
          expect(details.idTokenGeneration?.claimsToSuppress ?? [], `${label} claims suppressed in the ID token`).toEqual(model.suppressClaims);
          expect(details.accessTokenGeneration?.claimsToSuppress ?? [], `${label} claims suppressed in the access token`).toEqual(
            model.suppressClaims,
          );
          expect(details.accessTokenGeneration?.scopesToAdd ?? [], `${label} scopes added to the access token`).toEqual(model.scopesToAdd);
          expect(withoutResponse(value), `${label} returns the event it got`).toEqual(withoutResponse(event));
          if (claimSources(model).length > 0) {
            const unset = (await answer('preTokenGeneration:attributes-unset')).value.response.claimsAndScopeOverrideDetails;
            expect(unset.idTokenGeneration?.claimsToAddOrOverride ?? {}, `${label} no ID claim without its attribute`).toEqual({});
            expect(unset.accessTokenGeneration?.claimsToAddOrOverride ?? {}, `${label} no access claim without its attribute`).toEqual({});
          }
          if (model.preTokenVersion === 'V3_0') {
            const m2m = (await answer('preTokenGeneration:client-credentials')).value.response?.claimsAndScopeOverrideDetails;
            expect(m2m, `${label} V3_0 client-credentials response`).toBeDefined();
            expect(m2m.accessTokenGeneration?.claimsToAddOrOverride ?? {}, `${label} client credentials: no user, no claims`).toEqual({});
            expect(m2m.accessTokenGeneration?.scopesToAdd ?? [], `${label} client credentials: scopes added`).toEqual(model.scopesToAdd);
            expect(m2m.accessTokenGeneration?.claimsToSuppress ?? [], `${label} client credentials: suppressed claims`).toEqual(
              model.suppressClaims,
            );
          }
        },

        async postConfirmation() {
          const { value, event, requests } = await answer('postConfirmation');
          expect(value, `${label} postConfirmation returns the event`).toEqual(event);
          const reset = await answer('postConfirmation:forgot-password');
          expect(reset.requests, `${label} no Cognito call after a password reset`).toEqual([]);
          if (!setsProtectedAttributes(model)) {
            expect(requests, `${label} no claim attributes to set, so no Cognito call`).toEqual([]);
            return;
          }
          expect(requests, `${label} one AdminUpdateUserAttributes call at sign-up confirmation`).toHaveLength(1);
          expect(requests[0].target).toBe('AWSCognitoIdentityProviderService.AdminUpdateUserAttributes');
          expect(requests[0].body, `${label} the call names this pool and user`).toMatchObject({
            UserPoolId: event.userPoolId,
            Username: event.userName,
          });
          expect(
            (requests[0].body.UserAttributes as { Name: string }[]).map((attribute) => attribute.Name).sort(),
            `${label} the call sets exactly the mutable attributes that feed claims`,
          ).toEqual(model.postConfirmationSets.map((attribute) => `custom:${attribute.name}`).sort());
        },

        async customMessage() {
          const { value, event } = await answer('customMessage');
          expect(value.response.emailMessage, `${label} the message carries the code parameter`).toContain(event.request.codeParameter);
          expect(value.response.emailSubject, `${label} the message has a subject`).toEqual(expect.any(String));
        },

        async createAuthChallenge() {
          const { value } = await answer('createAuthChallenge');
          const answerCode = value.response.privateChallengeParameters?.answer;
          expect(answerCode, `${label} a six-digit code in the private parameters`).toMatch(/^\d{6}$/);
          expect(JSON.stringify(value.response.publicChallengeParameters ?? {}), `${label} the code stays private`).not.toContain(answerCode);
        },

        async defineAuthChallenge() {
          const first = (await answer('defineAuthChallenge')).value.response;
          expect(first, `${label} a new flow asks the custom challenge`).toMatchObject({
            challengeName: 'CUSTOM_CHALLENGE',
            issueTokens: false,
            failAuthentication: false,
          });
          const answered = (await answer('defineAuthChallenge:answered')).value.response;
          expect(answered, `${label} a right answer issues tokens`).toMatchObject({ issueTokens: true, failAuthentication: false });
        },

        async verifyAuthChallengeResponse() {
          const right = (await answer('verifyAuthChallengeResponse')).value.response;
          expect(right.answerCorrect, `${label} the right answer is accepted`).toBe(true);
          const wrong = (await answer('verifyAuthChallengeResponse:wrong-answer')).value.response;
          expect(wrong.answerCorrect, `${label} a wrong answer is refused`).toBe(false);
        },

        async userMigration() {
          // No legacy directory is connected yet: every lookup fails, as for an unknown user.
          const { result } = await outcome('userMigration');
          expect(result.ok, `${label} userMigration should reject until a directory is connected`).toBe(false);
          expect(!result.ok && result.error, `${label} userMigration error`).toMatch(/User does not exist/);
        },

        async postAuthentication() {
          const { value, event } = await answer('postAuthentication');
          expect(value, `${label} postAuthentication returns the event`).toEqual(event);
        },

        async preAuthentication() {
          const { value, event } = await answer('preAuthentication');
          expect(value, `${label} preAuthentication returns the event`).toEqual(event);
        },

        async preSignUp() {
          const { value, event } = await answer('preSignUp');
          expect(value, `${label} preSignUp lets the sample sign-up through unchanged`).toEqual(event);
        },
      };

      it.each(model.triggers.map((trigger) => trigger.name))('%s', { timeout: SLOW }, async (trigger) => {
        await checks[trigger]();
      });

      it.runIf(setsProtectedAttributes(model))(
        'rule 8: the values postConfirmation writes are ones Cognito accepts (mutable attribute, within its constraints)',
        { timeout: SLOW },
        async () => {
          const { requests } = await answer('postConfirmation');
          const written = (requests[0]?.body?.UserAttributes ?? []) as { Name: string; Value: string }[];
          expect(written.length, `${label} rule 8: nothing written`).toBeGreaterThan(0);
          const problems = written.flatMap(({ Name, Value }) => {
            const attribute = model.attributes.find((candidate) => `custom:${candidate.name}` === Name);
            if (!attribute) return [`${Name} is not a custom attribute of the pool`];
            return attributeValueProblems(attribute, Value).map((problem) => `${Name} = ${JSON.stringify(Value)}: ${problem}`);
          });
          expect(problems, `${label} rule 8: AdminUpdateUserAttributes would fail`).toEqual([]);
        },
      );
    });

    it('doctor reports nothing to fix: LambdaConfig, permissions, plan, handler response, claim sources', { timeout: SLOW }, async () => {
      const { doctor } = await run();
      expect(doctor, `${label} synthesis failed; see the synthesis test`).toBeDefined();
      expect(doctor!.findings, `${label} doctor findings`).toEqual([]);
    });

    it.runIf(model.preTokenVersion)(`preview: the tokens after a ${model.preTokenVersion ?? ''} sign-in carry the chosen claims, marked as added`, { timeout: SLOW }, async () => {
      const { previews } = await run();
      const preview = previews?.signIn;
      expect(preview, `${label} no preview`).toBeDefined();
      const typed = usesConfigVersion(model);
      /** The claim value the handler derives from the sample user's attribute. */
      const claimValue = (source: ClaimSource) => {
        const raw = preview!.userAttributes[`custom:${source.attribute.name}`]!;
        if (!typed || source.attribute.type === 'String' || source.attribute.type === 'DateTime') return raw;
        return source.attribute.type === 'Number' ? Number(raw) : raw === 'true';
      };
      expect(preview!.version).toBe(model.preTokenVersion);
      expect(preview!.idToken!.changes, `${label} ID token changes`).toEqual(
        Object.fromEntries(model.idTokenClaims.map((source) => [source.claim, 'added'])),
      );
      for (const source of model.idTokenClaims) expect(preview!.idToken!.payload[source.claim]).toEqual(claimValue(source));
      const accessChanges: Record<string, string> = Object.fromEntries(model.accessTokenClaims.map((source) => [source.claim, 'added']));
      if (model.scopesToAdd.length > 0) accessChanges.scope = 'overridden';
      // V1_0 cannot change the access token: that is the point of V2_0.
      expect(preview!.accessToken.changes, `${label} access token changes`).toEqual(accessChanges);
      for (const source of model.accessTokenClaims) expect(preview!.accessToken.payload[source.claim]).toEqual(claimValue(source));
      for (const scope of model.scopesToAdd) expect(String(preview!.accessToken.payload.scope).split(' ')).toContain(scope);
      expect(preview!.accessToken.payload.token_use).toBe('access');
      // What the data rules let this access token do: its own records, by tenant or by owner.
      const verdicts = Object.fromEntries(preview!.dataRules.map((rule) => [`${rule.location} ${rule.operation}`, rule.verdict]));
      if (model.tenantClaim) {
        const tenant = JSON.stringify(preview!.accessToken.payload[model.tenantClaim.claim]);
        expect(verdicts, `${label} data rules`).toEqual({
          'Invoice create': 'own records',
          'Invoice read': 'own records',
          'Invoice update': 'own records',
          'Invoice delete': 'own records',
          'Invoice.tenantId create': 'own records',
          'Invoice.tenantId read': 'own records',
          'Invoice.tenantId update': 'denied',
          'Invoice.tenantId delete': 'own records',
        });
        expect(preview!.dataRules.find((rule) => rule.location === 'Invoice')!.because[0]).toContain(`records whose tenantId is ${tenant}`);
      } else {
        expect(verdicts, `${label} data rules`).toEqual({ 'Todo create': 'own records', 'Todo read': 'own records', 'Todo update': 'own records', 'Todo delete': 'own records' });
      }
      if (model.preTokenVersion !== 'V3_0') {
        // Only V3_0 gets machine-to-machine events: preview refuses to pretend otherwise.
        await expect(previewCdkOut((await run()).synth.cdkOut, { triggerSource: 'TokenGeneration_ClientCredentials' })).rejects.toThrow(
          /--trigger-source TokenGeneration_ClientCredentials is not one Cognito sends to a V[12]_0 trigger\. Allowed: TokenGeneration_HostedAuth, /,
        );
      }
      if (model.preTokenVersion === 'V3_0') {
        const machine = previews!.clientCredentials!;
        expect(machine.idToken, `${label} client credentials: no ID token`).toBeNull();
        expect(machine.accessToken.changes, `${label} client credentials: only scopes change`).toEqual(
          model.scopesToAdd.length > 0 ? { scope: 'overridden' } : {},
        );
        expect(machine.accessToken.payload).not.toHaveProperty('username');
      }
    });

    it.runIf(model.tenantClaim)(
      'tenant isolation: two users of different tenants, with the access tokens preview computes, through the resolvers Amplify generated',
      { timeout: SLOW },
      async () => {
        const { tenantIsolation } = await run();
        expect(tenantIsolation?.error, `${label} the isolation check could not run`).toBeUndefined();
        const report = tenantIsolation!.report!;
        const claim = model.tenantClaim!;
        // The users differ in their tenant, within the attribute's constraints...
        expect(new Set(report.tenants).size).toBe(2);
        for (const tenant of report.tenants) {
          expect(tenant.length).toBeGreaterThanOrEqual(claim.attribute.min ?? 0);
          expect(tenant.length).toBeLessThanOrEqual(claim.attribute.max ?? 2048);
        }
        // ...and their access tokens carry it: the handler put it there, as deployed.
        expect(report.accessTokens.map((token) => token[claim.claim])).toEqual(report.tenants);
        expect(report.accessTokens.map((token) => token.token_use)).toEqual(['access', 'access']);
        // Every operation, same tenant and across: both kinds are there, and each did what it must.
        const kinds = report.checks.map((check) => check.expected);
        expect(kinds.filter((kind) => kind === 'allowed').length, `${label} same-tenant checks`).toBe(6);
        expect(kinds.filter((kind) => kind === 'denied').length, `${label} cross-tenant checks`).toBe(8);
        console.log(`${label} tenant isolation: ${report.checks.length} checks in ${seconds(tenantIsolation!.ms)} (tokens, simulator, dynalite)`);
        const wrong = report.checks.filter((check) => check.outcome !== check.expected);
        expect(wrong.map((check) => `${check.description}: expected ${check.expected}, got ${check.outcome} (${check.detail})`), `${label} isolation`).toEqual([]);
      },
    );

    it("its own `npm test` passes (the project's vitest, one test file per trigger)", { timeout: SLOW }, async () => {
      const result = await npmTests.get(name)!;
      expect(result.exitCode, `${label} npm test failed:\n${tail(result.output)}`).toBe(0);
      expect(result.report?.success, `${label} vitest report`).toBe(true);
      const variant = prepared.find((candidate) => candidate.variant.name === name)!;
      const expectedFiles = model.triggers.map((trigger) => `amplify/auth/${trigger.folder}/handler.test.ts`);
      // With a tenant claim, the project checks its own data rules offline too.
      if (model.tenantClaim) expectedFiles.push('amplify/data/tenant-isolation.test.ts');
      expect(
        (result.report?.testResults ?? []).map((file) => relative(variant.dir, file.name)).sort(),
        `${label} test files run`,
      ).toEqual(expectedFiles.sort());
    });
  });
});

/**
 * Why Cognito would refuse this value for the attribute (empty when it accepts it). Immutable
 * attributes can be set only when the user is created (SignUp, AdminCreateUser); String and
 * Number constraints bound the accepted values.
 */
function attributeValueProblems(attribute: CustomAttribute, value: string): string[] {
  const problems: string[] = [];
  if (!attribute.mutable) {
    problems.push('the attribute is immutable: Cognito sets immutable attributes only at user creation, not with AdminUpdateUserAttributes');
  }
  if (attribute.type === 'String' && attribute.min !== undefined && attribute.max !== undefined) {
    if (value.length < attribute.min || value.length > attribute.max) {
      problems.push(`length ${value.length} is outside ${attribute.min}-${attribute.max}`);
    }
  }
  if (attribute.type === 'Number') {
    const number = Number(value);
    if (value.trim() === '' || !Number.isFinite(number)) problems.push('not a number');
    else if (attribute.min !== undefined && attribute.max !== undefined && (number < attribute.min || number > attribute.max)) {
      problems.push(`${number} is outside ${attribute.min}-${attribute.max}`);
    }
  }
  if (attribute.type === 'Boolean' && value !== 'true' && value !== 'false') problems.push('not "true" or "false"');
  if (attribute.type === 'DateTime' && Number.isNaN(Date.parse(value))) problems.push('not a date-time');
  return problems;
}
