// Interactive answers that only accept a default are not recorded as given, so the default can
// follow later option changes.
import { describe, expect, it } from 'vitest';
import { buildModel, modelToOptions } from '../src/core/index.js';
import { givenAnswers } from '../src/cli/given-answers.js';

const defaults = modelToOptions(buildModel({ projectName: 'app' }));

describe('givenAnswers', () => {
  it('Enter at every question gives nothing but the project name', () => {
    expect(givenAnswers({}, { ...defaults })).toEqual({ projectName: 'app' });
  });

  it('a plan that follows threat protection is not given; the threat protection is', () => {
    const given = givenAnswers({}, { ...defaults, threatProtection: 'AUDIT', featurePlan: 'PLUS' });
    expect(given).toMatchObject({ threatProtection: 'AUDIT' });
    expect(given).not.toHaveProperty('featurePlan');
  });

  it('a plan chosen above what the rest needs is given', () => {
    expect(givenAnswers({}, { ...defaults, featurePlan: 'PLUS' })).toMatchObject({ featurePlan: 'PLUS' });
  });

  it('claims follow the attributes unless the user narrowed them', () => {
    const attributes = ['tenant_id:String', 'plan:String'];
    expect(givenAnswers({}, { ...defaults, attributes, idTokenClaims: ['tenant_id', 'plan'] })).not.toHaveProperty('idTokenClaims');
    expect(givenAnswers({}, { ...defaults, attributes, idTokenClaims: ['plan'] })).toMatchObject({ idTokenClaims: ['plan'] });
  });

  it('a flag is given even when it names the default', () => {
    expect(givenAnswers({ featurePlan: 'ESSENTIALS' }, { ...defaults, featurePlan: 'ESSENTIALS' })).toMatchObject({ featurePlan: 'ESSENTIALS' });
  });
});
