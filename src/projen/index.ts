// `create-amplify-token-app/projen`: the scaffolder's options as projen configuration code.
// Needs projen and constructs (optional peer dependencies of this package).
export { AmplifyTokenApp, type AmplifyTokenAppOptions, PROJENRC_FILE, projenReadme } from './app.js';
export {
  AmplifyManagedFile,
  AmplifyTokenAuth,
  type AmplifyTokenAuthOptions,
  type AttributeSpec,
  type GeneratedPackageJson,
  toRawOptions,
} from './auth.js';
export { PROJEN_MARKER_TEXT, stripMarker, withMarker } from './markers.js';
export { PROJEN_MODULE, projenrcAuthOptions, renderProjenrc } from './projenrc.js';
export {
  OptionsError,
  type FeaturePlan,
  type PreTokenVersion,
  type ThreatProtectionMode,
  type TriggerName,
} from '../core/index.js';
