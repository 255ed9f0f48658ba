// Offline inspection of an Amplify Gen 2 project: synthesis with the project's own packages, the
// auth stack, and the bundled handlers run as Lambda runs them. Cognito's rules are in src/core.
export { CancelledError, InspectError } from './errors.js';
export { locateProject, type AmplifyProject } from './project.js';
export { synthesize, synthesizeOrFail, synthesisEnv, SANDBOX_CONTEXT, type SynthResult } from './synthesize.js';
export { readAuthStack, handlerEntry } from './auth-stack.js';
export { invokeHandlers, type HandlerCall, type CallResult, type Invocation, type CognitoRequest } from './invoke.js';
export { doctorProject, inspectCdkOut, type DoctorReport, type ProjectRunOptions } from './doctor.js';
export { previewCdkOut, previewProject, type PreviewResult, type PreviewRequest } from './preview.js';
