// The interactive session with a scripted "user": which questions are asked, in which order, with
// which choices, what Enter gives (the --yes project), and what the validators say.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toInquirerQuestion } from '../src/cli/inquirer-question.js';
import { askOptions, type Question } from '../src/cli/prompts.js';
import { resolveTarget } from '../src/cli/target.js';
import { buildModel, DEFAULTS, modelToOptions, type RawOptions, renderProject } from '../src/core/index.js';

const WORK = resolve('test/.work/cli/prompts');

beforeAll(() => {
  rmSync(WORK, { recursive: true, force: true });
  mkdirSync(WORK, { recursive: true });
});
afterAll(() => rmSync(WORK, { recursive: true, force: true }));

type Answer = unknown | ((question: Question) => unknown);

interface Asked {
  message: string;
  choices?: string[];
  default?: unknown;
}

/** What pressing Enter answers: the default, or the pre-checked boxes. */
function enter(question: Question): unknown {
  switch (question.type) {
    case 'input':
      return question.default ?? '';
    case 'confirm':
      return question.default;
    case 'select':
      return question.default ?? question.choices[0]?.value;
    case 'checkbox':
      return question.choices.filter((choice) => choice.checked).map((choice) => choice.value);
  }
}

function validate(question: Question, answer: unknown): true | string {
  if (question.type === 'input' && question.validate) return question.validate(answer as string);
  if (question.type === 'checkbox' && question.validate) return question.validate(answer as string[]);
  return true;
}

/**
 * Runs the session. `script` answers the questions whose message matches, in order (each entry
 * once); every other question gets Enter. Every answer must pass the question's validator.
 */
async function session(given: RawOptions, script: [RegExp, Answer][] = [], extra: { directory?: string; force?: boolean } = {}) {
  const asked: Asked[] = [];
  const info: string[] = [];
  const pending = [...script];
  const result = await askOptions(
    async (question) => {
      asked.push({
        message: question.message,
        ...('choices' in question ? { choices: question.choices.map((choice) => choice.value) } : {}),
        ...('default' in question ? { default: question.default } : {}),
      });
      const index = pending.findIndex(([pattern]) => pattern.test(question.message));
      let answer: unknown = enter(question);
      if (index >= 0) {
        const [, scripted] = pending.splice(index, 1)[0]!;
        answer = typeof scripted === 'function' ? (scripted as (q: Question) => unknown)(question) : scripted;
      }
      const valid = validate(question, answer);
      if (valid !== true) throw new Error(`"${question.message}" rejected ${JSON.stringify(answer)}: ${valid}`);
      return answer;
    },
    given,
    {
      cwd: WORK,
      force: extra.force ?? false,
      ...(extra.directory ? { target: resolveTarget(extra.directory, WORK) } : {}),
      info: (message) => info.push(message),
    },
  );
  expect(pending.map(([pattern]) => String(pattern)), 'scripted questions that were never asked').toEqual([]);
  const model = buildModel(result.options);
  return { asked, messages: asked.map((question) => question.message), info, result, model };
}

/** The validator of the question matching `pattern`, as the session offers it (answered with `answer`). */
async function validatorOf(given: RawOptions, pattern: RegExp, answer?: unknown) {
  let found: Question | undefined;
  await askOptions(
    async (question) => {
      if (!found && pattern.test(question.message)) {
        found = question;
        if (answer !== undefined) return answer;
      }
      return enter(question);
    },
    given,
    { cwd: WORK, force: false, info: () => {} },
  );
  expect(found, `no question matches ${pattern}`).toBeDefined();
  return (value: unknown) => validate(found!, value);
}

const ORDER = [
  /^Project directory/,
  /^Cognito triggers/,
  /^Pre token generation version/,
  /^User pool feature plan/,
  /^Threat protection/,
  /^Custom attributes/,
  /^Add a custom attribute/,
  /^Attributes to copy into ID-token/,
  /^Attributes to copy into access-token/,
  /^Claims to remove/,
  /^Keep Amplify Data apart per tenant/,
];

function expectInOrder(messages: string[]) {
  const positions = messages.map((message) => ORDER.findIndex((pattern) => pattern.test(message)));
  expect(positions.every((position) => position >= 0), messages.join('\n')).toBe(true);
  expect(positions).toEqual([...positions].sort((a, b) => a - b));
}

describe('Enter at every question', () => {
  it('asks in the issue order and gives exactly the --yes project', async () => {
    const { messages, result, model, info } = await session({});
    expect(messages.map((message) => ORDER.findIndex((pattern) => pattern.test(message)))).toEqual([0, 1, 2, 3, 5, 6, 7, 8, 9, 10]);
    expect(result.target.projectName).toBe(DEFAULTS.projectName);
    const yes = buildModel({ projectName: DEFAULTS.projectName });
    expect(modelToOptions(model)).toEqual(modelToOptions(yes));
    expect(renderProject(model)).toEqual(renderProject(yes));
    expect(info).toEqual([]);
  });

  it.each<[string, RawOptions]>([
    ['no pre token generation', { triggers: 'preSignUp,postConfirmation' }],
    ['V1_0', { preTokenVersion: 'v1' }],
    ['V3_0 on PLUS with AUDIT', { preTokenVersion: 'V3_0', featurePlan: 'PLUS', threatProtection: 'AUDIT' }],
    ['threat protection alone', { threatProtection: 'ENFORCED' }],
    ['LITE without pre token generation', { triggers: 'customMessage', featurePlan: 'LITE' }],
    ['several attributes', { attributes: 'tenant_id:String:immutable:1-64,score:Number:0-100,is_admin:Boolean,joined:DateTime' }],
    ['chosen claims', { attributes: 'tenant_id:String,plan:String', idTokenClaims: 'plan', accessTokenClaims: 'tenant_id' }],
    ['suppressed claims and scopes', { suppressClaims: 'email', scopesToAdd: 'api/read' }],
    ['a tenant claim', { attributes: 'org:String,seats:Number', tenantClaim: 'org' }],
    ['no attributes', { attributes: [] }],
    ['every trigger', { triggers: 'createAuthChallenge,customMessage,defineAuthChallenge,postAuthentication,postConfirmation,preAuthentication,preSignUp,preTokenGeneration,userMigration,verifyAuthChallengeResponse' }],
  ])('with flags (%s) gives what --yes gives with them, skipping their questions', async (_name, flags) => {
    const { messages, model } = await session(flags, [], { directory: 'flagged-app' });
    const yes = buildModel({ ...flags, projectName: 'flagged-app' });
    expect(modelToOptions(model)).toEqual(modelToOptions(yes));
    expect(renderProject(model)).toEqual(renderProject(yes));
    expect(messages.some((message) => /^Project directory/.test(message))).toBe(false);
    if (flags.triggers !== undefined) expect(messages.some((m) => /^Cognito triggers/.test(m))).toBe(false);
    if (flags.preTokenVersion !== undefined) expect(messages.some((m) => /^Pre token generation version/.test(m))).toBe(false);
    if (flags.featurePlan !== undefined) expect(messages.some((m) => /^User pool feature plan/.test(m))).toBe(false);
    if (flags.threatProtection !== undefined) expect(messages.some((m) => /^Threat protection/.test(m))).toBe(false);
    if (flags.attributes !== undefined) expect(messages.some((m) => /^(Custom attributes|Add a custom)/.test(m))).toBe(false);
    if (flags.idTokenClaims !== undefined) expect(messages.some((m) => /ID-token claims/.test(m))).toBe(false);
    if (flags.accessTokenClaims !== undefined) expect(messages.some((m) => /access-token claims/.test(m))).toBe(false);
    if (flags.suppressClaims !== undefined) expect(messages.some((m) => /^Claims to remove/.test(m))).toBe(false);
    if (flags.tenantClaim !== undefined) expect(messages.some((m) => /^Keep Amplify Data apart/.test(m))).toBe(false);
    expectInOrder(messages);
  });
});

describe('only valid choices', () => {
  it('asks no version, claims or suppression without preTokenGeneration, and offers LITE', async () => {
    const { asked, messages, model } = await session({}, [[/^Cognito triggers/, ['preSignUp']]]);
    expect(messages.some((m) => /version|claims|Claims to remove/.test(m))).toBe(false);
    expect(asked.find((q) => /^User pool feature plan/.test(q.message))?.choices).toEqual(['LITE', 'ESSENTIALS', 'PLUS']);
    expect(model.preTokenVersion).toBeUndefined();
    expect(model.featurePlan).toBe('ESSENTIALS');
  });

  it('offers only ESSENTIALS and PLUS for V2_0, and threat protection only on PLUS', async () => {
    const essentials = await session({});
    expect(essentials.asked.find((q) => /^User pool feature plan/.test(q.message))).toMatchObject({ choices: ['ESSENTIALS', 'PLUS'], default: 'ESSENTIALS' });
    expect(essentials.messages.some((m) => /^Threat protection/.test(m))).toBe(false);

    const plus = await session({}, [[/^User pool feature plan/, 'PLUS'], [/^Threat protection/, 'ENFORCED']]);
    expect(plus.asked.find((q) => /^Threat protection/.test(q.message))).toMatchObject({ choices: ['OFF', 'AUDIT', 'ENFORCED'], default: 'OFF' });
    expect(plus.model).toMatchObject({ featurePlan: 'PLUS', threatProtection: 'ENFORCED' });
  });

  it('offers LITE for V1_0, and no access-token claims question', async () => {
    const { asked, messages, model } = await session({}, [[/^Pre token generation version/, 'V1_0'], [/^User pool feature plan/, 'LITE']]);
    expect(asked.find((q) => /^User pool feature plan/.test(q.message))?.choices).toEqual(['LITE', 'ESSENTIALS', 'PLUS']);
    expect(messages.some((m) => /access-token claims/.test(m))).toBe(false);
    expect(model).toMatchObject({ preTokenVersion: 'V1_0', featurePlan: 'LITE', accessTokenClaims: [] });
  });

  it('with --feature-plan LITE, takes V1_0 as the only version and says so', async () => {
    const { messages, model, info } = await session({ featurePlan: 'LITE' });
    expect(messages.some((m) => /^Pre token generation version/.test(m))).toBe(false);
    expect(info).toEqual(['Pre token generation version: V1_0, the only choice with the answers so far.']);
    expect(model).toMatchObject({ preTokenVersion: 'V1_0', featurePlan: 'LITE' });
  });

  it('with --threat-protection AUDIT, leaves the plan to the core, which chooses PLUS and says why', async () => {
    const { messages, model, info } = await session({ threatProtection: 'AUDIT' });
    expect(messages.some((m) => /^User pool feature plan/.test(m))).toBe(false);
    expect(info).toEqual([]);
    expect(model.featurePlan).toBe('PLUS');
    expect(model.notices).toEqual(['Feature plan PLUS chosen: threat protection AUDIT needs it.']);
  });

  it('with --access-token-claims, offers no V1_0', async () => {
    const { asked } = await session({ accessTokenClaims: 'tenant_id' });
    expect(asked.find((q) => /^Pre token generation version/.test(q.message))?.choices).toEqual(['V2_0', 'V3_0']);
  });

  it('says what each plan unlocks', async () => {
    let choices: string[] = [];
    await askOptions(
      async (question) => {
        if (question.type === 'select' && /^User pool feature plan/.test(question.message)) choices = question.choices.map((c) => c.name);
        return enter(question);
      },
      {},
      { cwd: WORK, force: false, info: () => {} },
    );
    expect(choices).toHaveLength(2);
    for (const name of choices) expect(name).toMatch(/^(ESSENTIALS|PLUS): \S/);
  });
});

describe('the tenant claim question', () => {
  const TENANT = /^Keep Amplify Data apart per tenant/;

  it('offers the String access-token claims after "none", and a choice gives what --tenant-claim gives', async () => {
    const attributes = 'tenant_id:String:immutable:1-64,region:String,seats:Number';
    const { asked, model } = await session({ attributes }, [[TENANT, 'region']], { directory: 'tenant-app' });
    const question = asked.find((entry) => TENANT.test(entry.message))!;
    expect(question.choices).toEqual(['', 'tenant_id', 'region']);
    expect(question.default, 'Enter keeps the --yes project: no tenant claim').toBe('');
    const flagged = buildModel({ attributes, tenantClaim: 'region', projectName: 'tenant-app' });
    expect(renderProject(model)).toEqual(renderProject(flagged));
    expect(model.tenantClaim?.claim).toBe('region');
  });

  it.each<[string, RawOptions]>([
    ['V1_0 (no access-token claims)', { preTokenVersion: 'V1_0' }],
    ['no pre token generation', { triggers: 'preSignUp' }],
    ['only a Number access-token claim', { attributes: 'seats:Number' }],
    ['the String attribute only in the ID token', { attributes: 'org:String,seats:Number', idTokenClaims: 'org', accessTokenClaims: 'seats' }],
  ])('is not asked with %s', async (_name, flags) => {
    const { messages, model } = await session(flags, [], { directory: 'no-tenant-app' });
    expect(messages.some((message) => TENANT.test(message))).toBe(false);
    expect(model.tenantClaim).toBeUndefined();
  });

  it('starts from a stored claim (--regenerate --interactive), and "none" removes it', async () => {
    const defaults = { tenantClaim: 'tenant_id' };
    let offered: unknown;
    const result = await askOptions(
      async (question) => {
        if (TENANT.test(question.message)) {
          offered = (question as { default?: unknown }).default;
          return '';
        }
        return enter(question);
      },
      {},
      { cwd: WORK, force: false, info: () => {}, defaults, target: resolveTarget('stored-app', WORK) },
    );
    expect(offered).toBe('tenant_id');
    expect(result.options.tenantClaim, 'an explicit none, to override the stored claim').toBe('');
    expect(buildModel(result.options).tenantClaim).toBeUndefined();
  });
});

describe('custom attributes', () => {
  it('keeps, drops and adds attributes in a loop; claims offer the result', async () => {
    const { asked, model } = await session({}, [
      [/^Custom attributes/, []],
      [/^Add a custom attribute/, true],
      [/^Attribute name/, 'custom:score'],
      [/^Type of custom:score/, 'Number'],
      [/^Can custom:score change/, false],
      [/^Value range/, '0-100'],
      [/^Add another/, true],
      [/^Attribute name/, 'is_admin'],
      [/^Type of custom:is_admin/, 'Boolean'],
      [/^Add another/, true],
      [/^Attribute name/, 'org'],
      [/^Type of custom:org/, 'String'],
      [/^Length range/, ''],
      [/^Add another/, false],
      [/^Attributes to copy into ID-token/, ['score', 'org']],
    ]);
    expect(model.attributes.map((a) => `${a.name}:${a.type}:${a.mutable}:${a.min ?? ''}-${a.max ?? ''}`)).toEqual([
      'score:Number:false:0-100',
      'is_admin:Boolean:true:-',
      'org:String:true:-',
    ]);
    expect(asked.filter((q) => /^Attributes to copy/.test(q.message)).map((q) => q.choices)).toEqual([
      ['score', 'is_admin', 'org'],
      ['score', 'is_admin', 'org'],
    ]);
    expect(model.idTokenClaims.map((c) => c.claim)).toEqual(['score', 'org']);
    expect(model.accessTokenClaims.map((c) => c.claim)).toEqual(['score', 'is_admin', 'org']);
    // No range question for Boolean.
    expect(asked.filter((q) => /range/.test(q.message))).toHaveLength(2);
  });

  it('asks no claims when no attribute is left', async () => {
    const { messages, model } = await session({}, [[/^Custom attributes/, []]]);
    expect(messages.some((m) => /claims$/.test(m))).toBe(false);
    expect(model.attributes).toEqual([]);
  });
});

describe('validators show the core message', () => {
  it('directory: package name and non-empty directory', async () => {
    const check = await validatorOf({}, /^Project directory/);
    expect(check('my-app')).toBe(true);
    expect(check('My_App')).toMatch(/"My_App" is not a valid npm package name/);
    mkdirSync(join(WORK, 'full'), { recursive: true });
    writeFileSync(join(WORK, 'full', 'x.txt'), '');
    expect(check('full')).toMatch(/^Directory full is not empty/);
  });

  it('triggers: a given version needs preTokenGeneration', async () => {
    const check = await validatorOf({ preTokenVersion: 'V3_0' }, /^Cognito triggers/);
    expect(check(['preSignUp', 'preTokenGeneration'])).toBe(true);
    expect(check(['preSignUp'])).toMatch(/--pre-token-version V3_0 needs the preTokenGeneration trigger/);
    expect(check([])).toMatch(/needs the preTokenGeneration trigger/);
  });

  it('attribute name: length, characters, duplicates', async () => {
    let check: ((value: string) => true | string) | undefined;
    await askOptions(
      async (question) => {
        if (/^Add a custom attribute/.test(question.message)) return true;
        if (question.type === 'input' && /^Attribute name/.test(question.message)) {
          check = question.validate;
          return 'extra';
        }
        if (/^Add another/.test(question.message)) return false;
        return enter(question);
      },
      {},
      { cwd: WORK, force: false, target: resolveTarget('attr-app', WORK), info: () => {} },
    );
    expect(check!('plan')).toBe(true);
    expect(check!('tenant_id')).toMatch(/Attribute "tenant_id" is given twice/);
    expect(check!('a'.repeat(21))).toMatch(/21 characters long; Cognito allows 1 to 20/);
    expect(check!('')).toMatch(/0 characters long/);
    expect(check!('a,b')).toMatch(/characters Cognito or this tool cannot use/);
  });

  it('range: min above max, String length above 2048', async () => {
    const checks: ((value: string) => true | string)[] = [];
    await askOptions(
      async (question) => {
        if (/^Add a custom attribute/.test(question.message)) return true;
        if (/^Add another/.test(question.message)) return checks.length < 2;
        if (/^Attribute name/.test(question.message)) return checks.length === 0 ? 'label' : 'count';
        if (/^Type of custom:count/.test(question.message)) return 'Number';
        if (question.type === 'input' && /range/.test(question.message)) {
          checks.push(question.validate!);
          return '';
        }
        return enter(question);
      },
      {},
      { cwd: WORK, force: false, target: resolveTarget('range-app', WORK), info: () => {} },
    );
    const [stringRange, numberRange] = checks;
    expect(stringRange!('1-64')).toBe(true);
    expect(stringRange!('0-4096')).toMatch(/Cognito allows String lengths from 0 to 2048/);
    expect(numberRange!('10-1')).toMatch(/range 10-1: min is greater than max/);
    expect(numberRange!('-5-5')).toBe(true);
    expect(numberRange!('a-b')).toMatch(/unknown part "a-b"/);
  });

  it('claims: reserved names and a claim both added and suppressed', async () => {
    const suppress = await validatorOf({}, /^Claims to remove/);
    expect(suppress('email, locale')).toBe(true);
    expect(suppress('sub')).toMatch(/"sub" is a claim Cognito does not let a trigger suppress/);
    expect(suppress('cognito:groups')).toBe(true); // Cognito's table allows suppressing it
    expect(suppress('tenant_id')).toMatch(/Claim "tenant_id" is both added and suppressed/);

    // An attribute named like a reserved claim: the checkbox refuses it as a claim.
    const idClaims = await validatorOf({ attributes: 'sub:String,tenant_id:String' }, /^Attributes to copy into ID-token/, ['tenant_id']);
    expect(idClaims(['tenant_id'])).toBe(true);
    expect(idClaims(['sub', 'tenant_id'])).toMatch(/--id-token-claims: "sub" is a claim Cognito does not let a trigger add or override/);
  });

  it('access-token claims: a tenant claim given as a flag must stay among them', async () => {
    const accessClaims = await validatorOf({ tenantClaim: 'tenant_id' }, /^Attributes to copy into access-token/);
    expect(accessClaims(['tenant_id'])).toBe(true);
    expect(accessClaims([])).toMatch(/^--tenant-claim tenant_id: "tenant_id" is not among the access-token claims/);
  });

  it('keeping attributes: a claim given as a flag needs its attribute', async () => {
    const keep = await validatorOf({ idTokenClaims: 'tenant_id' }, /^Custom attributes/);
    expect(keep(['tenant_id:String'])).toBe(true);
    expect(keep([])).toMatch(/"tenant_id" is not a chosen custom attribute/);
  });
});

describe('toInquirerQuestion', () => {
  it('names the answer and validates checkbox items by value', () => {
    const question = toInquirerQuestion({
      type: 'checkbox',
      message: 'Pick',
      choices: [{ name: 'A', value: 'a', checked: true }],
      validate: (values) => (values.includes('a') ? true : 'need a'),
    }) as { name: string; pageSize: number; validate: (items: { value: string }[]) => true | string };
    expect(question.name).toBe('value');
    expect(question.pageSize).toBe(7);
    expect(question.validate([{ value: 'a' }])).toBe(true);
    expect(question.validate([])).toBe('need a');
    expect(toInquirerQuestion({ type: 'confirm', message: 'Ok?', default: false })).toEqual({ type: 'confirm', message: 'Ok?', default: false, name: 'value' });
  });
});
