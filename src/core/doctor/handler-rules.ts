// Rules over what the bundled pre token generation handler answered: the response shape of the
// configured version, reserved claims, and claims fed by attributes the app client may write.
import { isReservedClaim, otherResponseKey, PRE_TOKEN_VERSION_INFO, versionsAnsweringWith } from '../cognito.js';
import { type AuthStack, clientMayWrite } from '../stack.js';
import { type HandlerOverrides, readOverrides } from '../tokens/overrides.js';
import type { Finding } from './finding.js';
import type { AttributeMarker, HandlerOutcome, PreTokenProbe } from './probe.js';

export function handlerFindings(stack: AuthStack, probe: PreTokenProbe): Finding[] {
  if (!probe.sample.ok) {
    return [
      {
        id: 'handler-failed',
        severity: 'warning',
        resource: probe.functionId,
        problem: `The bundled handler threw on a sample ${probe.version} event, offline (no AWS): ${firstLine(probe.sample.error)}. If it throws in Lambda too, sign-in fails.`,
        fix: 'Check the handler against a sample event (npm test); doctor could not check its response.',
      },
    ];
  }
  const overrides = readOverrides(probe.version, probe.sample.value);
  const findings: Finding[] = [];
  if (!overrides.shapeMatches) {
    const { responseKey, responseType, customizesAccessToken } = PRE_TOKEN_VERSION_INFO[probe.version];
    const other = otherResponseKey(probe.version);
    const got = `answers with ${other} (the ${versionsAnsweringWith(other).join('/')} shape)`;
    findings.push({
      id: 'handler-response-shape',
      severity: 'error',
      resource: probe.functionId,
      problem: `Pre token generation is attached as ${probe.version}, but the handler ${got}: Cognito ignores it and the tokens are not customized.`,
      fix: `Answer in the ${probe.version} shape: response.${responseKey}${customizesAccessToken ? ' { idTokenGeneration, accessTokenGeneration }' : ' { claimsToAddOrOverride, claimsToSuppress }'}, and declare that shape as the handler's return type (a generated handler's ${responseType}) so the compiler checks it: aws-lambda's handler types return any.`,
    });
  }
  findings.push(...reservedClaimFindings(probe.functionId, overrides));
  findings.push(...writableClaimFindings(stack, probe));
  return findings;
}

function reservedClaimFindings(functionId: string, overrides: HandlerOverrides): Finding[] {
  const touched = new Map<string, string[]>();
  const note = (claim: string, what: string) => touched.set(claim, [...(touched.get(claim) ?? []), what]);
  for (const [token, details] of [['ID token', overrides.idToken], ['access token', overrides.accessToken]] as const) {
    for (const claim of Object.keys(details.claimsToAddOrOverride)) if (isReservedClaim(claim)) note(claim, `adds or overrides ${claim} in the ${token}`);
    for (const claim of details.claimsToSuppress) if (isReservedClaim(claim)) note(claim, `suppresses ${claim} in the ${token}`);
  }
  return [...touched].map(([claim, what]) => ({
    id: 'reserved-claim' as const,
    severity: 'error' as const,
    resource: functionId,
    problem: `The handler ${what.join(' and ')}: ${claim} is a claim Cognito sets itself, so it ignores the change or fails the token request.`,
    fix: `Use another claim name (e.g. "app:${claim.replace(/^cognito:/, '')}"), or leave ${claim} alone.`,
  }));
}

function writableClaimFindings(stack: AuthStack, probe: PreTokenProbe): Finding[] {
  if (!probe.marked.ok) return [];
  const marked = claimsOf(probe, probe.marked);
  const findings: Finding[] = [];
  for (const marker of probe.markers) {
    if (!clientMayWrite(stack.client, marker.attribute)) continue;
    const fed = marker.kind === 'boolean' ? flippedClaims(probe, marked, marker) : carrying(marked, marker);
    if (fed.length === 0) continue;
    const listed = stack.client.WriteAttributes !== undefined;
    findings.push({
      id: 'claim-from-writable-attribute',
      severity: 'error',
      resource: `${stack.clientId} WriteAttributes`,
      problem: `${fed.join(', ')} ${fed.length === 1 ? 'is' : 'are'} copied from ${marker.attribute}, which the app client ${listed ? 'lists in WriteAttributes' : 'may write (it has no WriteAttributes list)'}: a user can set it at sign-up or with UpdateUserAttributes and choose their own claim (e.g. move into another tenant).`,
      fix: `Give the app client an explicit WriteAttributes list without ${marker.attribute} (cfnUserPoolClient.writeAttributes = ['email', …]) and set it with administrator credentials (AdminUpdateUserAttributes, e.g. in postConfirmation).`,
    });
  }
  return findings;
}

/** "id token: tenant" → value, for every claim the handler adds in either token. */
function claimsOf(probe: PreTokenProbe, outcome: HandlerOutcome): Map<string, unknown> {
  const claims = new Map<string, unknown>();
  if (!outcome.ok) return claims;
  const overrides = readOverrides(probe.version, outcome.value);
  for (const [claim, value] of Object.entries(overrides.idToken.claimsToAddOrOverride)) claims.set(`${claim} (ID token)`, value);
  for (const [claim, value] of Object.entries(overrides.accessToken.claimsToAddOrOverride)) claims.set(`${claim} (access token)`, value);
  return claims;
}

function carrying(claims: Map<string, unknown>, marker: AttributeMarker): string[] {
  return [...claims].filter(([, value]) => contains(value, marker)).map(([claim]) => claim);
}

function contains(value: unknown, marker: AttributeMarker): boolean {
  if (typeof value === 'string') return marker.kind === 'text' ? value.includes(marker.value) : value === marker.value;
  if (typeof value === 'number') return marker.kind === 'number' && value === Number(marker.value);
  if (Array.isArray(value)) return value.some((item) => contains(item, marker));
  if (value !== null && typeof value === 'object') return Object.values(value).some((item) => contains(item, marker));
  return false;
}

function flippedClaims(probe: PreTokenProbe, marked: Map<string, unknown>, marker: AttributeMarker): string[] {
  const outcome = probe.flipped[marker.attribute];
  if (!outcome?.ok) return [];
  const flipped = claimsOf(probe, outcome);
  const names = new Set([...marked.keys(), ...flipped.keys()]);
  return [...names].filter((name) => JSON.stringify(marked.get(name)) !== JSON.stringify(flipped.get(name)));
}

function firstLine(text: string): string {
  return text.split('\n')[0] ?? text;
}
