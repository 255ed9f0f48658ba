// Rules over what the bundled pre token generation handler answered: the response shape of the
// configured version, claims Cognito does not let a trigger touch (claims.ts), values it does not
// take, and claims fed by attributes that any app client may write.
import { claimRule, claimValueProblem, mayAddClaim, maySuppressClaim, type TokenKind } from '../claims.js';
import { otherResponseKey, PRE_TOKEN_VERSION_INFO, versionsAnsweringWith } from '../cognito.js';
import { quoted } from '../escape.js';
import type { AuthStack } from '../stack.js';
import { type HandlerOverrides, readOverrides } from '../tokens/overrides.js';
import { clientWriteFindings } from './client-writes.js';
import type { Finding } from './finding.js';
import type { AttributeMarker, HandlerOutcome, PreTokenProbe } from './probe.js';

/** `dataReaders`: the Amplify Data rules that compare a claim (named in a writable-source finding). */
export function handlerFindings(stack: AuthStack, probe: PreTokenProbe, dataReaders: (claim: string) => string[] = () => []): Finding[] {
  if (!probe.sample.ok) {
    return [
      {
        id: 'handler-failed',
        severity: 'warning',
        resource: probe.resource,
        problem: `The bundled handler threw on a sample ${probe.version} event, offline (no AWS): ${quoted(firstLine(probe.sample.error))}. If it throws in Lambda too, sign-in fails.`,
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
      resource: probe.resource,
      problem: `Pre token generation is attached as ${probe.version}, but the handler ${got}: Cognito ignores it and the tokens are not customized.`,
      fix: `Answer in the ${probe.version} shape: response.${responseKey}${customizesAccessToken ? ' { idTokenGeneration, accessTokenGeneration }' : ' { claimsToAddOrOverride, claimsToSuppress }'}, and declare that shape as the handler's return type (a generated handler's ${responseType}) so the compiler checks it: aws-lambda's handler types return any.`,
    });
  }
  findings.push(...reservedClaimFindings(probe, overrides));
  findings.push(...valueFindings(probe, overrides));
  findings.push(...writableClaimFindings(stack, probe, dataReaders));
  return findings;
}

function tokensOf(overrides: HandlerOverrides): [TokenKind, string, HandlerOverrides['idToken']][] {
  return [
    ['id', 'ID token', overrides.idToken],
    ['access', 'access token', overrides.accessToken],
  ];
}

function reservedClaimFindings(probe: PreTokenProbe, overrides: HandlerOverrides): Finding[] {
  const touched = new Map<string, string[]>();
  const note = (claim: string, what: string) => touched.set(claim, [...(touched.get(claim) ?? []), what]);
  for (const [token, label, details] of tokensOf(overrides)) {
    for (const [claim, value] of Object.entries(details.claimsToAddOrOverride)) {
      if (!mayAddClaim(claim, token, value, probe.clientId)) note(claim, `adds or overrides ${quoted(claim)} in the ${label}`);
    }
    for (const claim of details.claimsToSuppress) if (!maySuppressClaim(claim)) note(claim, `suppresses ${quoted(claim)} in the ${label}`);
  }
  return [...touched].map(([claim, what]) => ({
    id: 'reserved-claim' as const,
    severity: 'error' as const,
    resource: probe.resource,
    problem: `The handler ${what.join(' and ')}, but ${claimRule(claim).note}: Cognito ignores the change or fails the token request.`,
    fix: claim === 'cognito:groups'
      ? 'Change groups with groupOverrideDetails { groupsToOverride }, or suppress cognito:groups.'
      : claim === 'aud'
        ? "Leave aud alone, or add it to the access token only, with event.callerContext.clientId as its value."
        : `Use a claim name of your own (e.g. ${quoted(`app:${claim.replace(/^(cognito|dev):/, '')}`)}), or leave ${quoted(claim)} alone.`,
  }));
}

function valueFindings(probe: PreTokenProbe, overrides: HandlerOverrides): Finding[] {
  const findings: Finding[] = [];
  for (const [token, label, details] of tokensOf(overrides)) {
    for (const [claim, value] of Object.entries(details.claimsToAddOrOverride)) {
      const problem = claimValueProblem(probe.version, token, claim, value);
      if (!problem || !mayAddClaim(claim, token, value, probe.clientId)) continue;
      findings.push({
        id: 'claim-value-not-accepted',
        severity: 'error',
        resource: probe.resource,
        problem: `The handler sets ${quoted(claim)} in the ${label} to ${JSON.stringify(value)}: ${problem}, so Cognito does not take the response as it is (the claim is dropped or the token request fails).`,
        fix: probe.version === 'V1_0'
          ? `Send a string (String(value), or JSON.stringify for a list), or attach the trigger as V2_0, which takes numbers, booleans, arrays and objects.`
          : `Send a string, number, boolean or array for ${quoted(claim)}.`,
      });
    }
  }
  return findings;
}

function writableClaimFindings(stack: AuthStack, probe: PreTokenProbe, dataReaders: (claim: string) => string[]): Finding[] {
  if (!probe.marked.ok) return [];
  const marked = claimsOf(probe, probe.marked);
  const findings: Finding[] = [];
  for (const marker of probe.markers) {
    const fed = marker.kind === 'boolean' ? flippedClaims(probe, marked, marker) : carrying(marked, marker);
    if (fed.length === 0) continue;
    const readers = [...new Set(fed.flatMap((added) => (added.claim === undefined ? [] : dataReaders(added.claim))))];
    const data = readers.length > 0 ? ` Data rules compare it (${readers.join('; ')}): that user reads and changes another tenant's records.` : '';
    const labels = fed.map((added) => added.label);
    const uses = `${labels.join(', ')} ${labels.length === 1 ? 'is' : 'are'} copied from`;
    findings.push(...clientWriteFindings(stack, marker.attribute, uses, `choose their own claim (e.g. move into another tenant).${data}`));
  }
  return findings;
}

/** What the handler put in a token. */
interface AddedClaim {
  /** As findings name it: `"tenant" (ID token)`. */
  label: string;
  /** The claim, for the data rules that compare it (none for the group override). */
  claim?: string;
  value: unknown;
}

/** Every claim the handler adds in either token, and its group override. */
function claimsOf(probe: PreTokenProbe, outcome: HandlerOutcome): AddedClaim[] {
  if (!outcome.ok) return [];
  const overrides = readOverrides(probe.version, outcome.value);
  return [
    ...Object.entries(overrides.idToken.claimsToAddOrOverride).map(([claim, value]) => ({ label: `${quoted(claim)} (ID token)`, claim, value })),
    ...Object.entries(overrides.accessToken.claimsToAddOrOverride).map(([claim, value]) => ({ label: `${quoted(claim)} (access token)`, claim, value })),
    ...(overrides.groupOverride ? [{ label: 'cognito:groups (both tokens, groupOverrideDetails)', value: overrides.groupOverride }] : []),
  ];
}

function carrying(claims: AddedClaim[], marker: AttributeMarker): AddedClaim[] {
  return claims.filter((added) => contains(added.value, marker));
}

function contains(value: unknown, marker: AttributeMarker): boolean {
  if (typeof value === 'string') return marker.kind === 'text' ? value.includes(marker.value) : value === marker.value;
  if (typeof value === 'number') return marker.kind === 'number' && value === Number(marker.value);
  if (Array.isArray(value)) return value.some((item) => contains(item, marker));
  if (value !== null && typeof value === 'object') return Object.values(value).some((item) => contains(item, marker));
  return false;
}

function flippedClaims(probe: PreTokenProbe, marked: AddedClaim[], marker: AttributeMarker): AddedClaim[] {
  const outcome = probe.flipped[marker.attribute];
  if (!outcome?.ok) return [];
  const flipped = claimsOf(probe, outcome);
  const valueIn = (claims: AddedClaim[], label: string) => JSON.stringify(claims.find((added) => added.label === label)?.value);
  const either = [...marked, ...flipped.filter((added) => !marked.some((other) => other.label === added.label))];
  return either.filter((added) => valueIn(marked, added.label) !== valueIn(flipped, added.label));
}

function firstLine(text: string): string {
  return text.split('\n')[0] ?? text;
}
