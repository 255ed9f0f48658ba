// The pure core: options → validated model → files. Front ends import from here only.
export { buildModel, modelToOptions, hasTrigger, protectsCustomAuth, type ProjectModel, type ClaimSource } from './model.js';
export { renderProject, type FileMap } from './render.js';
export { OptionsError, DEFAULTS, OPTION_KEYS, splitList, type RawOptions } from './options.js';
export { TRIGGERS, TRIGGER_NAMES, type TriggerName, type TriggerInfo, clientCredentialsEvent } from './triggers.js';
export * from './cognito.js';
export { parseAttributeSpec, formatAttributeSpec, checkAttributeName, type CustomAttribute } from './attributes.js';
export { sampleEventFor, sampleUserAttributes, sampleClaimValue } from './samples.js';
export { APP_DEPENDENCIES, APP_DEV_DEPENDENCIES, ADMIN_SDK_DEPENDENCY, DATA_SIMULATOR_DEPENDENCIES, PROJEN_DEPENDENCY, SCAFFOLDER_PACKAGE } from './versions.js';
export { fileOwner, type FileOwner } from './ownership.js';
export { TENANT_DATA, sampleTenants } from './data/tenant.js';
export {
  CHOICE_KEYS,
  choicesFor,
  checkAnswerable,
  checkProjectName,
  checkAttributeSpecs,
  tenantClaimChoices,
  canAddAttribute,
  attributeTakesRange,
  type ChoiceKey,
  type ChoiceQuestion,
} from './questions.js';
