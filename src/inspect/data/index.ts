// `create-amplify-token-app/data`: the offline tenant isolation check, for a generated project's
// own tests (amplify/data/tenant-isolation.test.ts) and this repository's verification.
export {
  checkTenantIsolation,
  checkTenantIsolationInCdkOut,
  type TenantCheck,
  type TenantIsolationOptions,
  type TenantIsolationReport,
  type Verdict,
} from './tenant-isolation.js';
