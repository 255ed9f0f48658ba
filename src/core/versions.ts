// The one known-good dependency set for generated projects. This repository's tests install
// exactly these versions together and verify the generated projects against them (test/verify),
// so a change here is tested before it ships. Exact pins: no range can drift apart.

/** Runtime dependencies of every generated project. */
export const APP_DEPENDENCIES = {
  'aws-amplify': '6.22.1',
} as const;

/** Development dependencies of every generated project: the Amplify backend toolchain and tests. */
export const APP_DEV_DEPENDENCIES = {
  '@aws-amplify/backend': '1.25.1',
  '@aws-amplify/backend-cli': '1.10.0',
  '@types/aws-lambda': '8.10.164',
  '@types/node': '20.19.43',
  'aws-cdk-lib': '2.276.0',
  constructs: '10.8.1',
  esbuild: '0.28.2',
  tsx: '4.23.15',
  typescript: '5.9.3',
  vitest: '4.1.12',
} as const;

/**
 * Added when the postConfirmation trigger is chosen: its handler sets protected attributes with
 * AdminUpdateUserAttributes. Amplify bundles the SDK into the function, so it must be installed.
 */
export const ADMIN_SDK_DEPENDENCY = {
  '@aws-sdk/client-cognito-identity-provider': '3.1169.0',
} as const;

/**
 * Added with --tenant-claim: the generated data isolation test runs the resolvers Amplify
 * synthesized in the Amplify AppSync simulator over dynalite (an in-process DynamoDB), both loaded
 * from the project's node_modules. graphql is pinned at the project's root because the simulator's
 * graphql-iso-date asks for graphql 14 as a peer: without the pin npm hoists graphql 14 and
 * Amplify's code generation, split across two copies, fails synthesis ("Cannot use
 * GraphQLScalarType "String" from another module or realm").
 */
export const DATA_SIMULATOR_DEPENDENCIES = {
  '@aws-amplify/amplify-appsync-simulator': '2.16.20',
  dynalite: '4.0.0',
  graphql: '15.11.0',
} as const;

/**
 * Added by the scaffolder's --projen: projen itself (the component is this package's ./projen
 * export; constructs and tsx are already in APP_DEV_DEPENDENCIES). Same version this repository's
 * projen tests synthesize with.
 */
export const PROJEN_DEPENDENCY = {
  projen: '0.103.25',
} as const;

/**
 * This package, a devDependency of every generated project for `npm run doctor` and
 * `npm run preview`, pinned to the version that generated it (read from its package.json).
 * Not part of the verified install in test/verify: it is not on the registry while in development.
 */
export const SCAFFOLDER_PACKAGE = 'create-amplify-token-app';
