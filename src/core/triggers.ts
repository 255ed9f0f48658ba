// The trigger catalog: one entry per `defineAuth` trigger. Prompts, validation, templates,
// the synthesized-template checks and the handler tests all read from it.
import { DEFINE_AUTH_PRE_TOKEN_VERSION, PRE_TOKEN_VERSION_INFO, type PreTokenVersion } from './cognito.js';
import { STANDARD_ATTRIBUTE_SAMPLES } from './standard-samples.js';

export const TRIGGER_NAMES = [
  'createAuthChallenge',
  'customMessage',
  'defineAuthChallenge',
  'postAuthentication',
  'postConfirmation',
  'preAuthentication',
  'preSignUp',
  'preTokenGeneration',
  'userMigration',
  'verifyAuthChallengeResponse',
] as const;
export type TriggerName = (typeof TRIGGER_NAMES)[number];

export interface SampleEventContext {
  /** The user's attributes as Cognito passes them: every value a string. */
  userAttributes: Record<string, string>;
  preTokenVersion?: PreTokenVersion;
}

export interface TriggerInfo {
  name: TriggerName;
  /** Folder under amplify/auth/ and the function's name. */
  folder: string;
  /** Shown in prompts and the generated README. */
  description: string;
  /** Key in the user pool's LambdaConfig; V2_0/V3_0 pre token generation uses PreTokenGenerationConfig. */
  lambdaConfigKey: string;
  /** A realistic event as Cognito sends it, for the handler tests. */
  sampleEvent: (context: SampleEventContext) => Record<string, unknown>;
}

const CLIENT_ID = '4f0ab8f2example1client9d';

function baseEvent(triggerSource: string, version = '1') {
  return {
    version,
    region: 'us-east-1',
    userPoolId: 'us-east-1_EXAMPLE1',
    userName: STANDARD_ATTRIBUTE_SAMPLES.sub,
    callerContext: { awsSdkVersion: 'aws-sdk-unknown-unknown', clientId: CLIENT_ID },
    triggerSource,
  };
}

const triggers: TriggerInfo[] = [
  {
    name: 'createAuthChallenge',
    folder: 'create-auth-challenge',
    description: 'create a custom sign-in challenge (custom auth flow)',
    lambdaConfigKey: 'CreateAuthChallenge',
    sampleEvent: ({ userAttributes }) => ({
      ...baseEvent('CreateAuthChallenge_Authentication'),
      request: { userAttributes, challengeName: 'CUSTOM_CHALLENGE', session: [] },
      response: { publicChallengeParameters: {}, privateChallengeParameters: {}, challengeMetadata: '' },
    }),
  },
  {
    name: 'customMessage',
    folder: 'custom-message',
    description: 'customize verification and invitation messages',
    lambdaConfigKey: 'CustomMessage',
    sampleEvent: ({ userAttributes }) => ({
      ...baseEvent('CustomMessage_SignUp'),
      request: { userAttributes, codeParameter: '{####}', linkParameter: '{##Click Here##}', usernameParameter: null },
      response: { smsMessage: null, emailMessage: null, emailSubject: null },
    }),
  },
  {
    name: 'defineAuthChallenge',
    folder: 'define-auth-challenge',
    description: 'decide the next step of a custom sign-in flow',
    lambdaConfigKey: 'DefineAuthChallenge',
    sampleEvent: ({ userAttributes }) => ({
      ...baseEvent('DefineAuthChallenge_Authentication'),
      request: { userAttributes, session: [] },
      response: { failAuthentication: false, issueTokens: false },
    }),
  },
  {
    name: 'postAuthentication',
    folder: 'post-authentication',
    description: 'react after a successful sign-in (audit, analytics)',
    lambdaConfigKey: 'PostAuthentication',
    sampleEvent: ({ userAttributes }) => ({
      ...baseEvent('PostAuthentication_Authentication'),
      request: { userAttributes, newDeviceUsed: false },
      response: {},
    }),
  },
  {
    name: 'postConfirmation',
    folder: 'post-confirmation',
    description: 'react after sign-up is confirmed (set protected attributes, add to groups)',
    lambdaConfigKey: 'PostConfirmation',
    sampleEvent: ({ userAttributes }) => ({
      ...baseEvent('PostConfirmation_ConfirmSignUp'),
      request: { userAttributes },
      response: {},
    }),
  },
  {
    name: 'preAuthentication',
    folder: 'pre-authentication',
    description: 'allow or deny a sign-in attempt',
    lambdaConfigKey: 'PreAuthentication',
    sampleEvent: ({ userAttributes }) => ({
      ...baseEvent('PreAuthentication_Authentication'),
      request: { userAttributes, validationData: {} },
      response: {},
    }),
  },
  {
    name: 'preSignUp',
    folder: 'pre-sign-up',
    description: 'validate or auto-confirm a sign-up',
    lambdaConfigKey: 'PreSignUp',
    sampleEvent: ({ userAttributes }) => ({
      ...baseEvent('PreSignUp_SignUp'),
      request: { userAttributes: pick(userAttributes, ['email']), validationData: {} },
      response: { autoConfirmUser: false, autoVerifyEmail: false, autoVerifyPhone: false },
    }),
  },
  {
    name: 'preTokenGeneration',
    folder: 'pre-token-generation',
    description: 'add, change or remove token claims (custom claims)',
    lambdaConfigKey: 'PreTokenGeneration',
    sampleEvent: ({ userAttributes, preTokenVersion = DEFINE_AUTH_PRE_TOKEN_VERSION }) => {
      const { eventVersion, responseKey, customizesAccessToken } = PRE_TOKEN_VERSION_INFO[preTokenVersion];
      const groupConfiguration = { groupsToOverride: [], iamRolesToOverride: [] };
      // Versions that customize the access token also pass its scopes.
      const scopes = customizesAccessToken ? { scopes: ['aws.cognito.signin.user.admin', 'openid', 'email', 'profile'] } : {};
      return {
        ...baseEvent('TokenGeneration_Authentication', eventVersion),
        request: { userAttributes, groupConfiguration, ...scopes },
        response: { [responseKey]: {} },
      };
    },
  },
  {
    name: 'userMigration',
    folder: 'user-migration',
    description: 'import users from another directory at their first sign-in',
    lambdaConfigKey: 'UserMigration',
    sampleEvent: () => ({
      ...baseEvent('UserMigration_Authentication'),
      userName: STANDARD_ATTRIBUTE_SAMPLES.email,
      request: { password: 'correct-horse-battery-staple', validationData: {} },
      response: { userAttributes: {}, desiredDeliveryMediums: ['EMAIL'] },
    }),
  },
  {
    name: 'verifyAuthChallengeResponse',
    folder: 'verify-auth-challenge-response',
    description: "check the answer to a custom sign-in challenge",
    lambdaConfigKey: 'VerifyAuthChallengeResponse',
    sampleEvent: ({ userAttributes }) => ({
      ...baseEvent('VerifyAuthChallengeResponse_Authentication'),
      request: { userAttributes, privateChallengeParameters: { answer: '493027' }, challengeAnswer: '493027' },
      response: { answerCorrect: false },
    }),
  },
];

export const TRIGGERS: Record<TriggerName, TriggerInfo> = Object.fromEntries(
  triggers.map((trigger) => [trigger.name, trigger]),
) as Record<TriggerName, TriggerInfo>;

/** A V3_0 event for a machine-to-machine token: no user, so no user name and no attributes. */
export function clientCredentialsEvent(): Record<string, unknown> {
  const { userName: _noUser, ...event } = baseEvent('TokenGeneration_ClientCredentials', PRE_TOKEN_VERSION_INFO.V3_0.eventVersion);
  return {
    ...event,
    request: { userAttributes: {}, groupConfiguration: {}, scopes: ['orders/read'] },
    response: { [PRE_TOKEN_VERSION_INFO.V3_0.responseKey]: {} },
  };
}

function pick(record: Record<string, string>, keys: string[]): Record<string, string> {
  return Object.fromEntries(Object.entries(record).filter(([key]) => keys.includes(key)));
}
